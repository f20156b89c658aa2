#pragma once

#include "charts/ClassifiedReads.h"
#include "charts/PointDecimator.h"
#include "core/run/RunRecord.h"

#include <QChartView>
#include <QList>
#include <QMap>
#include <QPointF>
#include <QTimer>

namespace locklab {

class ChartAxes;
class ChartBands;
class ProblemMarkers;
class SegmentedLine;
class WaitSpanItem;

// Read latency (ms) against run time (s) for one step: answered reads as a
// line with points, answered writes (when the step probes them) as a second
// line in another colour, timeouts and errors as red markers at the latency they
// reached, "no free connection" ticks along the top, and the statements and
// the migration's locks as labelled bands under the time axis.
//
// Built once (series, axes, bands in the constructor; no animations) and fed
// live: addSample() only queues, a 10 Hz timer flushes the queue in one
// update per series. All points of the step are kept; the time axis grows
// with the run. The same class draws a finished record (showRecord) and, off
// screen, the exported chart (renderTo), so slides look like the window.
class LatencyChart : public QChartView
{
    Q_OBJECT

public:
    static constexpr int kFlushIntervalMs = 100;
    static constexpr int kMaxLineSegments = 64;
    // A read unanswered when recording stopped is drawn (as cut off) only
    // when it had waited at least this long; shorter ones are left out.
    static constexpr double kCutOffMinimumMs = ClassifiedReads::kLongWaitMs;

    explicit LatencyChart(QWidget* parent = nullptr);
    ~LatencyChart() override;

    // Queues the sample; it appears at the next flush (at most 100 ms later).
    void addSample(const ProbeSample& sample);
    void addStatement(const StatementTiming& statement);
    // Only the migration's ACCESS EXCLUSIVE and SHARE UPDATE EXCLUSIVE locks
    // are drawn (BandLabels::isChartedLock); returns whether this one was.
    bool addLockInterval(const LockInterval& lock);
    // Background sessions on their own lane: a started actor's band grows
    // with the samples until it ends (addActorSpan with the final span).
    void actorStarted(const QString& name, double atMs);
    void addActorSpan(const ActorSpan& span);

    void clear();
    // Replaces the chart's content with a finished record (no queueing).
    void showRecord(const RunRecord& record);
    void setTitle(const QString& title);

    // Logarithmic latency axis (the default: 0.5 ms reads and 4 s stalls are
    // both readable, and every run is drawn on the same 0.1 ms-10 s scale).
    void setLogScale(bool on);
    bool logScale() const;

    // Colours for a dark window (presenter mode on a dark palette): dark
    // background, light text and grid, a lighter line for the reads. Exports
    // stay light whatever the window uses.
    void setDark(bool dark);
    bool isDark() const { return m_dark; }

    // Draws the chart into `target` (logical units) laid out at target's
    // size, whatever the widget's own size; used for exports.
    void renderTo(QPainter* painter, const QRectF& target);

    // Samples on the chart (flushed; queued ones not counted). Above a few
    // points per pixel column the series draw a reduction of them (see
    // PointDecimator) but every sample is kept here.
    int okPointCount() const { return int(m_reads.ok.size()); }
    int problemPointCount() const
    {
        return int(m_reads.timeouts.size() + m_reads.errors.size() + m_reads.cutOff.size());
    }
    int cutOffPointCount() const { return int(m_reads.cutOff.size()); }
    int waitSpanCount() const;
    int writeWaitSpanCount() const;
    int noFreeConnectionCount() const { return int(m_reads.noFree.size()); }
    int writePointCount() const { return int(m_reads.writeOk.size() + m_reads.writeProblems.size()); }
    int queuedSampleCount() const { return int(m_queue.size()); }
    int bandCount() const;
    QStringList bandLabels() const;

public slots:
    // Draws the queued samples now (the timer calls this).
    void flush();

private:
    enum Dirty { OkDirty = 1, ProblemDirty = 2, NoFreeDirty = 4, AllDirty = 7 };

    QList<QList<QPointF>> stretches(const QList<QPointF>& points, const QList<double>& problemTimes,
                                    double latencyFloor) const;
    void rebuildOkLine(double latencyFloor);
    void rebuildWriteLine(double latencyFloor);
    void rebuildSeries(int dirty);
    void rebuildSeries(int dirty, double latencyFloor);
    void updateMarkerVisibility(qsizetype count);
    void onPlotAreaChanged();

    QChart* m_chart;
    ChartAxes* m_axes;
    ChartBands* m_bands;
    // The answered reads' line, cut where a read never answered.
    SegmentedLine* m_okLine;
    // Timeouts, errors, cut-off reads, "no free connection", lock waits.
    ProblemMarkers* m_markers;
    // The write probes, when the step has them: their line (cut as the
    // reads') and how long the stuck ones waited.
    SegmentedLine* m_writeLine;
    WaitSpanItem* m_writeWaitSpans;
    QTimer m_flushTimer;
    // Caches the axes' new grid items once the event loop has laid them out (StaticItemCache).
    QTimer m_cacheTimer;

    QList<ProbeSample> m_queue;
    // Everything flushed so far (ClassifiedReads: x in s, y in ms, unclamped).
    ClassifiedReads m_reads;
    // Reads that waited at least kCutOffMinimumMs: drawn from send to answer.
    WaitSpanItem* m_waitSpans;
    QMap<QString, double> m_openActors; // started, not ended: name -> start (ms)
    // Columns the dense series are reduced to: one per device pixel of the
    // plot on screen, up to kColumns (more only paint over
    // each other, and every drawn segment costs: benchmark 5 of
    // locklab-bench); kColumns for exports and until laid out.
    int m_columns = PointDecimator::kColumns;
    bool m_dark = false;
};

} // namespace locklab
