#pragma once

#include <QList>
#include <QPointF>

class QChart;
class QScatterSeries;

namespace locklab {

class ChartAxes;
class ClassifiedReads;
struct RunRecord;

// The probes of the latency chart that did not simply answer, as markers
// over its lines: timeouts and errors (reads and writes), reads cut off by
// the end of the run, "no free connection" ticks along the top and, for a
// finished record, the probes that waited on a lock and the slow ones
// without a lock wait (told apart as the verdict tells them apart). Each
// kind is named in the legend only while the chart has one: with reads and
// writes, a legend of every kind was cut mid-word at the window's width.
class ProblemMarkers
{
public:
    // Adds the marker series to `chart` after its lines, so they are drawn on top.
    ProblemMarkers(QChart* chart, ChartAxes* axes);

    QScatterSeries* timeouts() const { return m_timeouts; }
    QScatterSeries* writeTimeouts() const { return m_writeTimeouts; }

    // A finished record's lock waits and slow probes; clear() forgets them.
    void classify(const RunRecord& record);
    void clear();
    // The markers of `reads`, each series reduced to `columns` over [from, to] s.
    void rebuild(const ClassifiedReads& reads, double from, double to, int columns, double floor);
    void rebuildNoFree(const ClassifiedReads& reads, double from, double to, int columns);

private:
    void setInLegend(QScatterSeries* series, bool shown);

    QChart* m_chart;
    QScatterSeries* m_timeouts;
    QScatterSeries* m_errors;
    QScatterSeries* m_noFree;
    QScatterSeries* m_cutOff;
    QScatterSeries* m_lockWaitSeries;
    QScatterSeries* m_slowSeries;
    QScatterSeries* m_writeTimeouts;
    QList<QPointF> m_lockWaits;
    QList<QPointF> m_slow;
};

} // namespace locklab
