#pragma once

#include "core/compare/RunComparison.h"

#include "charts/PlainChartView.h"
#include <QColor>
#include <QStringList>

class QLineSeries;
class QLogValueAxis;
class QScatterSeries;
class QXYSeries;
class QValueAxis;

namespace locklab {

class WaitSpanItem;

// Two or more runs on one chart (RunComparison): read latency (ms, log
// scale) against time since each run's step started (s), one colour per run,
// the legend naming each run with its short verdict. A dashed line marks
// the common step start. Each run is drawn by the run chart's rules
// (ClassifiedReads): answered reads as a line that breaks where reads went
// unanswered, timeouts and errors as triangles, every read that waited as a
// bar from send to answer, so a stall reads as one block, not as a line
// through its timeouts. Dense runs are reduced per pixel column
// (PointDecimator) like the run chart; exports use renderTo().
class ComparisonChart : public PlainChartView
{
    Q_OBJECT

public:
    explicit ComparisonChart(QWidget* parent = nullptr);

    void setComparison(const RunComparison& comparison);
    const RunComparison& comparison() const { return m_comparison; }

    QStringList legendLabels() const;
    // For tests: how run `run` is drawn.
    int lineSegmentCount(int run) const;
    QList<QPointF> linePoints(int run) const;
    int problemMarkerCount(int run) const;
    int waitSpanCount(int run) const;
    // Colours follow the widget's palette: lighter lines on a dark window.
    void setDark(bool dark);
    static QColor runColor(int index, bool dark = false);

private:
    void rebuild();

    QChart* m_chart;
    QValueAxis* m_time;
    QLogValueAxis* m_latency;
    RunComparison m_comparison;
    struct RunSeries
    {
        QList<QLineSeries*> line; // one per stretch without an unanswered read; the first named
        QScatterSeries* problems = nullptr; // timeouts, errors, reads cut off by the end of the run
        WaitSpanItem* waits = nullptr;
    };
    void addRun(int index);
    void attach(QXYSeries* series, bool inLegend);

    QList<RunSeries> m_runs;
    bool m_dark = false;
};

} // namespace locklab
