#pragma once

#include "core/compare/RunComparison.h"

#include "charts/PlainChartView.h"
#include <QColor>
#include <QStringList>

class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace locklab {

// Two or more runs on one chart (RunComparison): read latency (ms, log
// scale) against time since each run's step started (s), one colour per run,
// the legend naming each run with its short verdict. A dashed line marks
// the common step start. Dense runs are reduced per pixel column
// (PointDecimator) like the run chart; exports use renderTo().
class ComparisonChart : public PlainChartView
{
    Q_OBJECT

public:
    explicit ComparisonChart(QWidget* parent = nullptr);

    void setComparison(const RunComparison& comparison);
    const RunComparison& comparison() const { return m_comparison; }

    QStringList legendLabels() const;
    // Colours follow the widget's palette: lighter lines on a dark window.
    void setDark(bool dark);
    static QColor runColor(int index, bool dark = false);

private:
    void rebuild();

    QChart* m_chart;
    QValueAxis* m_time;
    QLogValueAxis* m_latency;
    RunComparison m_comparison;
    QList<QLineSeries*> m_series;
    bool m_dark = false;
};

} // namespace locklab
