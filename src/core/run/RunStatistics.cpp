#include "core/run/RunStatistics.h"

#include "core/run/ProbeLockWaits.h"

#include <QHash>
#include <QRegularExpression>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <numeric>
#include <tuple>

namespace locklab {

namespace {

// Sorts by start and merges overlapping or touching intervals; touching ones
// merge because there was no moment in between when reads went through.
QList<TimeInterval> mergeIntervals(QList<TimeInterval> intervals)
{
    std::sort(intervals.begin(), intervals.end(),
              [](const TimeInterval& a, const TimeInterval& b) { return a.startMs < b.startMs; });
    QList<TimeInterval> merged;
    for (const TimeInterval& interval : intervals) {
        if (!merged.isEmpty() && interval.startMs <= merged.last().endMs)
            merged.last().endMs = std::max(merged.last().endMs, interval.endMs);
        else
            merged.append(interval);
    }
    return merged;
}

bool matches(const QString& wanted, const QString& actual)
{
    return wanted.isEmpty() || wanted == actual;
}

} // namespace

std::optional<double> RunStatistics::percentile(const QList<double>& sortedAscending, double p)
{
    if (sortedAscending.isEmpty())
        return std::nullopt;
    const qsizetype n = sortedAscending.size();
    // Multiply before dividing so whole percentages of whole counts stay exact
    // (95 * 100 / 100 == 95, whereas 0.95 * 100 is not quite 95); the epsilon
    // absorbs what rounding is left for fractional p.
    const double rank = std::ceil(std::clamp(p, 0.0, 100.0) * double(n) / 100.0 - 1e-9);
    const qsizetype index = std::clamp<qsizetype>(qsizetype(rank) - 1, 0, n - 1);
    return sortedAscending.at(index);
}

std::optional<LockInterval> RunStatistics::longestLock(const QString& relation, const QString& mode,
                                                       const QString& holder) const
{
    // longestLocks is sorted longest first, so the first match is the answer.
    // "Any relation" leaves out relations the lock monitor saw only as an
    // OID: created by a transaction not yet committed (the index CREATE INDEX
    // is building, the new heap of a rewrite). Nobody else can see them, so
    // nobody waits for them; "ACCESS EXCLUSIVE on 16443" would only mislead.
    static const QRegularExpression oidOnly(QStringLiteral("^[0-9]+$"));
    for (const LockInterval& lock : longestLocks) {
        if (relation.isEmpty() && oidOnly.match(lock.relation).hasMatch())
            continue;
        if (matches(relation, lock.relation) && matches(mode, lock.mode) && matches(holder, lock.holder))
            return lock;
    }
    return std::nullopt;
}

RunRecord RunStatistics::seriesRecord(const RunRecord& record, ProbeKind kind)
{
    RunRecord only = record;
    only.samples.clear();
    for (const ProbeSample& sample : record.samples) {
        if (sample.kind == kind)
            only.samples.append(sample);
    }
    return only;
}

RunStatistics RunStatistics::computeSeries(const RunRecord& record, ProbeKind kind, double fromMs, double toMs)
{
    return compute(seriesRecord(record, kind), fromMs, toMs);
}

QList<ProbeKind> RunStatistics::seriesIn(const RunRecord& record)
{
    bool reads = false;
    bool writes = false;
    for (const ProbeSample& sample : record.samples) {
        (sample.kind == ProbeKind::Write ? writes : reads) = true;
        if (reads && writes)
            break;
    }
    QList<ProbeKind> kinds;
    if (reads)
        kinds << ProbeKind::Read;
    if (writes)
        kinds << ProbeKind::Write;
    return kinds;
}

namespace {
std::atomic<quint64> computeCalls { 0 };
} // namespace

quint64 RunStatistics::computeCount()
{
    return computeCalls.load();
}

RunStatistics RunStatistics::compute(const RunRecord& record, double fromMs, double toMs)
{
    ++computeCalls;
    RunStatistics stats;
    stats.fromMs = fromMs;
    stats.toMs = toMs;
    stats.blockedThresholdMs = record.blockedThresholdMs;

    const ProbeLockWaits lockWaits(record.locks);
    QList<double> latencies;
    QList<TimeInterval> blocked;
    QList<TimeInterval> slow;
    for (const ProbeSample& sample : record.samples) {
        if (!(sample.startMs >= fromMs && sample.startMs < toMs))
            continue;
        ++stats.sampleCount;

        const double end = ProbeLockWaits::sampleEndMs(sample, record.endMs);
        const double waitMs = end - sample.startMs;
        if (lockWaits.waited(sample, record.endMs)) {
            ++stats.lockWaitCount;
            blocked.append({ sample.startMs, end });
            stats.longestLockWaitMs = std::max(stats.longestLockWaitMs.value_or(0.0), waitMs);
        } else if (!sample.inFlight
                   && (sample.outcome == ProbeOutcome::Timeout
                       || (sample.outcome == ProbeOutcome::Ok && waitMs > record.blockedThresholdMs))) {
            // A timeout is slow even if someone set the timeout below the threshold.
            ++stats.slowCount;
            slow.append({ sample.startMs, end });
            stats.slowestMs = std::max(stats.slowestMs.value_or(0.0), waitMs);
        } else if (sample.inFlight && waitMs > record.blockedThresholdMs) {
            ++stats.slowCount;
            slow.append({ sample.startMs, end });
            stats.slowestMs = std::max(stats.slowestMs.value_or(0.0), waitMs);
        }

        if (sample.inFlight) {
            ++stats.inFlightCount;
            continue; // never answered: no latency to rank
        }
        switch (sample.outcome) {
        case ProbeOutcome::Ok:
            ++stats.okCount;
            break;
        case ProbeOutcome::Timeout:
            ++stats.timeoutCount;
            if (!stats.minTimeoutMs || sample.latencyMs < *stats.minTimeoutMs)
                stats.minTimeoutMs = sample.latencyMs;
            break;
        case ProbeOutcome::Error:
            ++stats.errorCount;
            continue; // no latency: an error after a long wait is not a measured read
        case ProbeOutcome::NoFreeConnection:
            ++stats.noFreeConnectionCount;
            continue; // no query was sent; the busy probes are counted themselves
        }
        latencies.append(sample.latencyMs);
    }

    stats.latencyCount = int(latencies.size());
    if (!latencies.isEmpty()) {
        std::sort(latencies.begin(), latencies.end());
        stats.p50Ms = percentile(latencies, 50);
        stats.p95Ms = percentile(latencies, 95);
        stats.p99Ms = percentile(latencies, 99);
        stats.maxMs = latencies.last();
        stats.meanMs = std::accumulate(latencies.cbegin(), latencies.cend(), 0.0) / double(latencies.size());
    }

    stats.blockedIntervals = mergeIntervals(blocked);
    for (const TimeInterval& interval : std::as_const(stats.blockedIntervals)) {
        stats.blockedMs += interval.durationMs();
        // Strictly longer: the earliest of equally long intervals wins.
        if (!stats.longestBlocked || interval.durationMs() > stats.longestBlocked->durationMs())
            stats.longestBlocked = interval;
    }
    stats.slowIntervals = mergeIntervals(slow);
    for (const TimeInterval& interval : std::as_const(stats.slowIntervals))
        stats.slowMs += interval.durationMs();

    // One entry per (relation, mode, holder), keeping the longest interval.
    QHash<QString, qsizetype> slot;
    for (const LockInterval& lock : record.locks) {
        if (!lock.granted || lock.toMs < fromMs || lock.fromMs > toMs)
            continue;
        // \x1f (unit separator) cannot appear in relation or mode names.
        const QString key = lock.relation + QChar(0x1f) + lock.mode + QChar(0x1f) + lock.holder;
        const auto it = slot.constFind(key);
        if (it == slot.cend()) {
            slot.insert(key, stats.longestLocks.size());
            stats.longestLocks.append(lock);
        } else if (lock.durationMs() > stats.longestLocks.at(*it).durationMs()) {
            stats.longestLocks[*it] = lock;
        }
    }
    std::stable_sort(stats.longestLocks.begin(), stats.longestLocks.end(),
                     [](const LockInterval& a, const LockInterval& b) {
                         return std::make_tuple(-a.durationMs(), a.fromMs) < std::make_tuple(-b.durationMs(), b.fromMs);
                     });
    return stats;
}

} // namespace locklab
