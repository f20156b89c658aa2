#pragma once

#include "charts/PrintedPage.h"
#include "core/run/RunSummary.h"

#include <QColor>

#include <QRectF>
#include <QString>

#include <functional>
#include <memory>

class QPainter;

namespace locklab {

class LatencyChart;

// An exported chart as a page: a title block (lesson, step, rows, PostgreSQL
// version, date, and the headline on the right), the latency chart, and the
// verdict in words beneath it. Painted in logical units onto any painter
// (2x PNG, SVG, PDF), from the record alone, never from a screen grab.
class ChartPage : public PrintedPage
{
public:
    explicit ChartPage(const RunRecord& record);
    ~ChartPage() override;

    // Paints the page into `area` (logical units). Below 1200 units wide the
    // 1200-wide layout is scaled down to fit.
    void paint(QPainter* painter, const QRectF& area) override;

    // "Add a NOT NULL constraint — Add NOT NULL the way Django does it"
    QString title() const override;
    // "Lesson not-null · step apply-0003 · 1,000,000 rows · PostgreSQL 16.4 · 2026-11-25 14:32"
    QString details() const;
    QString headline() const;
    QString verdict() const;
    QString description() const override { return verdict(); }

    // "PostgreSQL 16.4" from "16.4", "16.4 (Debian 16.4-1)" or a version() string.
    static QString postgresName(const QString& serverVersion);

    // The words of a page around its chart.
    struct PageText
    {
        QString title;
        QString details;
        QString headline;
        QColor headlineColor;
        QString footer; // beneath the chart: the verdict, or what a comparison shows
    };
    // The page layout every exported chart shares (a run, a comparison, a
    // sweep): title block, `drawChart` in the middle, `footer` beneath.
    static void paintPage(QPainter* painter, const QRectF& area, const PageText& text,
                          const std::function<void(QPainter*, const QRectF&)>& drawChart);

private:
    RunRecord m_record; // a copy: cheap (implicitly shared lists), and independent of the caller
    RunSummary m_summary; // its statistics, computed once for the headline, the verdict and the colour
    std::unique_ptr<LatencyChart> m_chart;
};

} // namespace locklab
