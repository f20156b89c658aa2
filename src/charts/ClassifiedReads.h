#pragma once

#include "core/run/RunRecord.h"

#include <QList>
#include <QPair>
#include <QPointF>

namespace locklab {

// The probe samples of a run sorted into what a chart draws, x in s, y in
// ms: answered reads (the line), timeouts, errors, reads cut off by the end
// of the run, "no free connection" ticks, reads that waited (drawn as spans
// from send to answer), and the write probes apart. One set of rules for
// the run chart (live and recorded) and the comparison, so both draw a
// stall the same way.
class ClassifiedReads
{
public:
    // A read unanswered when recording stopped is drawn (as cut off) only
    // when it had waited at least this long; shorter ones are left out.
    // Reads that waited this long are drawn from send to answer.
    static constexpr double kLongWaitMs = 100;

    // Sorts one sample. `inFlightUntilMs`: when recording stopped (NaN while
    // live); a read still unanswered then waited at least that long.
    // `offsetMs` is subtracted from every time (a comparison's alignment).
    // Answered reads and problem times go to the batches, which merge()
    // takes in sorted.
    void add(const ProbeSample& sample, double inFlightUntilMs, QList<QPointF>& okBatch, QList<double>& problemTimes,
             double offsetMs = 0);
    // Probes finish out of order (a blocked read started earlier answers
    // with the others when the lock goes), so a batch may reach back into
    // the line.
    void merge(QList<QPointF> okBatch, QList<double> problemTimes);
    // Every sample of a finished record, aligned by `offsetMs`.
    void addRecord(const RunRecord& record, double offsetMs = 0);
    void clear();

    QList<QPointF> ok; // answered reads, sorted by x
    QList<QPointF> timeouts;
    QList<QPointF> errors;
    QList<QPointF> noFree; // y = ChartAxes::kTopY
    QList<QPointF> cutOff; // reads and writes still unanswered when recording stopped, at their wait so far
    QList<QPair<double, double>> waits; // (send s, wait ms) of reads that waited >= kLongWaitMs, unsorted
    QList<double> problemTimes; // x of every read that is not answered, sorted
    QList<QPointF> writeOk; // answered writes, sorted by x
    QList<QPointF> writeProblems; // writes that timed out or failed
    QList<double> writeProblemTimes; // x of every write that is not answered (no free connection too), sorted
    QList<QPair<double, double>> writeWaits; // (send s, wait ms) of writes that waited >= kLongWaitMs
    double maxLatencyMs = 0;

private:
    void addWrite(const ProbeSample& sample, double x, double inFlightUntilMs);
};

} // namespace locklab
