#pragma once

#include "core/run/RunSummary.h"

#include <QDialog>

class QListWidget;
class QLabel;
class QPushButton;

namespace locklab {

class ComparisonChart;

// "Compare with…": pick two or more recorded runs and see them overlaid on
// one chart (ComparisonChart), aligned at each step's start. "Classic pair"
// picks the run that blocked reads longest and the longest calm one (lesson
// 3's NOT NULL against lesson 5's backfill). Copy chart (Ctrl+Shift+C, or
// the chart's context menu) puts the page on the clipboard at 2x; Export
// writes PNG (2x), SVG, PDF, CSV or JSON.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    CompareDialog(const QList<RunRecord>& runs, QWidget* parent = nullptr);

    // Checks the runs at these indexes and only those.
    void select(const QList<int>& indexes);
    bool selectClassicPair();
    QList<int> selected() const;
    ComparisonChart* chart() const { return m_chart; }
    QImage copyChart();
    bool exportTo(const QString& path, QString* error);

    // "not-null / apply-0003 · 1,000,000 rows · Reads blocked 4.3 s"
    static QString runName(const RunSummary& summary);

private:
    void refresh();
    void exportWithDialog();

    QList<RunRecord> m_runs;
    QListWidget* m_list;
    ComparisonChart* m_chart;
    QLabel* m_hint;
    QPushButton* m_copy;
    QPushButton* m_export;
};

} // namespace locklab
