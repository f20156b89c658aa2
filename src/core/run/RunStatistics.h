#pragma once

#include "core/run/RunRecord.h"

#include <QList>
#include <QString>
#include <limits>
#include <optional>

namespace locklab {

// A half-open span of run time [startMs, endMs).
struct TimeInterval
{
    double startMs = 0;
    double endMs = 0;

    double durationMs() const { return endMs - startMs; }
};

// Numbers derived from a RunRecord, optionally restricted to a window of run
// time. Pure function of the record: the verdict, the chart labels and the
// JSON summary all read the same numbers, so they can never disagree.
//
// Which samples count:
//   A sample belongs to the window when its startMs is in [fromMs, toMs): the
//   statistics describe the reads *sent* during the window. A read sent inside
//   the window counts for its whole wait, even past toMs, because that wait is
//   what the attendee felt.
//
// Latency ("measured latency"):
//   Ok and Timeout samples; a timeout counts with its latency (the time until
//   the probe gave up), which is a lower bound of the real wait and exactly
//   what a client with that timeout would see. Errors, NoFreeConnection and
//   in-flight samples have no latency to rank.
//
// Percentiles use the nearest-rank method: sort the N latencies ascending;
//   the p-th percentile is the value at 1-based rank ceil(p/100 * N) (rank 1
//   for p = 0). It is always an observed latency, never an interpolation, so
//   "p99 = 3012 ms" means some read really took 3012 ms. For 1..100 ms:
//   p50 = 50, p95 = 95, p99 = 99. Percentiles, mean and max are absent
//   (std::nullopt) when no sample has a latency.
//
// Blocked means waited on a lock:
//   A probe "waited on a lock" when the lock monitor saw its backend waiting
//   for one while its query was out (ProbeLockWaits). It counts for its
//   whole wait [startMs, end): the answer, the timeout, the error (a probe
//   that waited and then failed because the server died waited all the
//   same), or, still unanswered, RunRecord::endMs. Blocked time is the total
//   length of the union of those intervals: several probes stuck at once
//   count once, because reads were blocked for that wall-clock time, not
//   for the sum. Touching or overlapping intervals merge.
//
// Slow:
//   A probe that took longer than RunRecord::blockedThresholdMs, or timed
//   out, without being seen waiting on a lock is "slow": I/O, CPU or a busy
//   machine, not a lock. Slow time is the union of their intervals, apart
//   from blocked time. Errors without a lock wait are neither.
//
// Locks:
//   Granted lock intervals that overlap the window [fromMs, toMs] (a lock
//   taken before the window and held through it matters for the window).
//   Intervals are not merged: "longest" is the longest single interval the
//   lock monitor saw.
struct RunStatistics
{
    double fromMs = -std::numeric_limits<double>::infinity();
    double toMs = std::numeric_limits<double>::infinity();
    double blockedThresholdMs = 0; // copied from the record

    // Samples in the window, by outcome. In-flight samples are counted only
    // in inFlightCount, whatever their placeholder outcome says.
    int sampleCount = 0;
    int okCount = 0;
    int timeoutCount = 0;
    int errorCount = 0;
    int noFreeConnectionCount = 0;
    int inFlightCount = 0;

    int latencyCount = 0; // okCount + timeoutCount: the samples ranked below
    std::optional<double> p50Ms;
    std::optional<double> p95Ms;
    std::optional<double> p99Ms;
    std::optional<double> maxMs;
    std::optional<double> meanMs;
    std::optional<double> minTimeoutMs; // shortest timed-out wait: "timed out after 3.0 s"

    // Probes seen waiting on a lock, whatever their outcome (in-flight and failed ones included).
    int lockWaitCount = 0;
    double blockedMs = 0;
    QList<TimeInterval> blockedIntervals; // merged, sorted by start
    std::optional<TimeInterval> longestBlocked;
    std::optional<double> longestLockWaitMs; // the longest single probe's wait on a lock

    // Probes over the threshold (or timed out) without a lock wait.
    int slowCount = 0;
    double slowMs = 0;
    QList<TimeInterval> slowIntervals; // merged, sorted by start
    std::optional<double> slowestMs; // the longest of them

    // For each (relation, mode, holder): the longest granted interval, sorted
    // by duration, longest first (ties: earlier first).
    QList<LockInterval> longestLocks;

    bool hasLatency() const { return latencyCount > 0; }

    // The longest granted interval matching the arguments; an empty argument
    // matches anything. `mode` is PostgreSQL's name ("AccessExclusiveLock").
    std::optional<LockInterval> longestLock(const QString& relation, const QString& mode,
                                            const QString& holder = QString()) const;

    // Nearest-rank percentile of an ascending-sorted list (see above);
    // nullopt for an empty list. Exposed for the chart's live labels.
    static std::optional<double> percentile(const QList<double>& sortedAscending, double p);

    // How many times compute() has run in this process. A run's numbers are
    // computed once (RunSummary); tests count calls to keep it that way.
    static quint64 computeCount();

    static RunStatistics compute(const RunRecord& record, double fromMs = -std::numeric_limits<double>::infinity(),
                                 double toMs = std::numeric_limits<double>::infinity());

    // The same numbers for one probe series (reads or writes) of a run that
    // probed both; compute() on such a run mixes them.
    static RunStatistics computeSeries(const RunRecord& record, ProbeKind kind,
                                       double fromMs = -std::numeric_limits<double>::infinity(),
                                       double toMs = std::numeric_limits<double>::infinity());
    // The series a run's samples belong to, reads first.
    static QList<ProbeKind> seriesIn(const RunRecord& record);
    // Only the samples of one series.
    static RunRecord seriesRecord(const RunRecord& record, ProbeKind kind);
};

} // namespace locklab
