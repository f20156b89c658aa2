#pragma once

#include "core/sweep/SweepSeries.h"

#include "charts/PlainChartView.h"

class QLogValueAxis;

namespace locklab {

// Stall against table size on log-log axes: per series, reads blocked
// (circles) and the longest ACCESS EXCLUSIVE hold (squares) at each size,
// with the fitted power law of each as a dashed line. A zero (the safe path
// never blocking) cannot sit on a log axis: it is drawn on the floor and the
// legend says so.
class SweepChart : public PlainChartView
{
    Q_OBJECT
public:
    static constexpr double kFloorMs = 1;
    static constexpr int kLegendNameChars = 32;
    static constexpr int kTitleChars = 90;

    explicit SweepChart(QWidget* parent = nullptr);

    void setSeries(const QList<SweepSeries>& series);
    const QList<SweepSeries>& series() const { return m_series; }
    QStringList legendLabels() const;
    // `name` cut at a word to at most maxChars (plus an ellipsis).
    static QString shortName(const QString& name, int maxChars);

private:
    void rebuild();

    QChart* m_chart;
    QLogValueAxis* m_rows;
    QLogValueAxis* m_ms;
    QList<SweepSeries> m_series;
};

} // namespace locklab
