#pragma once

#include <QList>
#include <QObject>

#include <limits>

class QAbstractAxis;
class QChart;
class QLogValueAxis;
class QValueAxis;
class QXYSeries;

namespace locklab {

// The latency chart's axes: time in seconds along the bottom, read latency in
// ms on the left (linear or logarithmic, swapped in place), and a hidden 0..1
// axis that pins markers to the top of the plot whatever the latency scale.
//
// Ranges only grow, in round steps (10, 15, 20, 30, 45, 60 ... s; 1-2-5 ms;
// whole decades on the log scale), so the live chart rescales rarely: each
// rescale recomputes every series and moves every label the audience reads.
class ChartAxes : public QObject
{
    Q_OBJECT

public:
    // Log axes cannot show 0; a read never takes less than this anyway.
    static constexpr double kLogFloorMs = 0.1;
    // Where markers attached with attachTopSeries() sit on the hidden axis.
    static constexpr double kTopY = 0.965;

    explicit ChartAxes(QChart* chart, QObject* parent = nullptr);
    ~ChartAxes() override;

    QValueAxis* timeAxis() const { return m_time; }
    QAbstractAxis* latencyAxis() const;

    void attachLatencySeries(QXYSeries* series);
    void attachTopSeries(QXYSeries* series);

    // Grow the ranges to show `seconds` / `ms`; true when a range changed.
    bool coverTime(double seconds);
    bool coverLatency(double ms);
    // A finished record's time range: fitted to its `seconds`, shorter than
    // the live chart's initial 10 s when the run was (a 4 s run left half
    // the plot empty); true when the range changed.
    bool fitTime(double seconds);
    // Back to the initial ranges (0-10 s; 0-10 ms or 0.1 ms-10 s).
    void reset();
    // "Latency (ms)" while writes are drawn on the axis too, else "Read latency (ms)".
    void setWritesShown(bool shown);

    void setLogScale(bool on);
    bool logScale() const { return m_logScale; }
    // Lowest latency the current scale can show (for clamping points).
    double latencyFloor() const { return m_logScale ? kLogFloorMs : -std::numeric_limits<double>::infinity(); }
    double timeMax() const;

    static double niceTimeMax(double seconds);
    static double niceLinearMax(double ms);
    static double logMax(double ms);

private:
    void applyTimeRange(double maxSeconds);
    void applyLatencyRange();

    QChart* m_chart;
    QValueAxis* m_time;
    QValueAxis* m_linear;
    QLogValueAxis* m_log;
    QValueAxis* m_top;
    QList<QXYSeries*> m_latencySeries;
    bool m_logScale = true;
    bool m_writesShown = false;
    double m_maxLatencyMs = 0;
};

} // namespace locklab
