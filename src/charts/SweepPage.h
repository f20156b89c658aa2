#pragma once

#include "charts/PrintedPage.h"
#include "core/sweep/SweepSeries.h"

#include <QJsonObject>
#include <memory>

namespace locklab {

class SweepChart;

// A sweep as a page: the log-log chart, and beneath it each series' fitted
// slope in words (and the "What about my table?" estimate when one is set).
// writeFile() exports it like a run: png (2x), svg, pdf, csv (one row per
// series and size), json (every point and fit).
class SweepPage : public PrintedPage
{
public:
    explicit SweepPage(const QList<SweepSeries>& series, qint64 estimateRows = 0);
    ~SweepPage() override;

    void paint(QPainter* painter, const QRectF& area) override;
    QString title() const override;
    QString description() const override;
    QString details() const;

    // "Reads blocked: about 10x the wait for 10x the rows (...)" per series.
    static QString findings(const QList<SweepSeries>& series, qint64 estimateRows = 0);
    static QByteArray toCsv(const QList<SweepSeries>& series);
    static QJsonObject toJson(const QList<SweepSeries>& series, qint64 estimateRows = 0);
    static bool writeFile(const QList<SweepSeries>& series, const QString& path, QString* error,
                          qint64 estimateRows = 0);

private:
    QList<SweepSeries> m_series;
    qint64 m_estimateRows;
    std::unique_ptr<SweepChart> m_chart;
};

} // namespace locklab
