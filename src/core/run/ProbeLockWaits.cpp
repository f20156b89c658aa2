#include "core/run/ProbeLockWaits.h"

#include <algorithm>

namespace locklab {

namespace {
// A poll's time is when its query was sent; the server looks a moment later,
// so a wait it reports may belong to a probe that started just after.
constexpr double kPollSkewMs = 20;
} // namespace

ProbeLockWaits::ProbeLockWaits(const QList<LockInterval>& locks)
{
    for (const LockInterval& lock : locks) {
        if (!lock.granted
            && (lock.holder.startsWith(QLatin1String("probe "))
                || lock.holder.startsWith(QLatin1String("write probe "))))
            m_waits[lock.holder].append(lock);
    }
}

QString ProbeLockWaits::holderOf(const ProbeSample& sample)
{
    // The lock monitor's names for the probe connections (LockRow::whoFromApplicationName).
    return (sample.kind == ProbeKind::Write ? QStringLiteral("write probe %1") : QStringLiteral("probe %1"))
        .arg(sample.probe);
}

double ProbeLockWaits::sampleEndMs(const ProbeSample& sample, double recordEndMs)
{
    return sample.inFlight ? std::max(recordEndMs, sample.startMs) : sample.endMs();
}

bool ProbeLockWaits::waited(const ProbeSample& sample, double recordEndMs) const
{
    // Most runs have no probe lock waits: no holder name to format then
    // (an hour of samples took ~10 ms of a chart's opening for nothing).
    if (m_waits.isEmpty() || sample.probe <= 0 || sample.outcome == ProbeOutcome::NoFreeConnection)
        return false;
    const auto it = m_waits.constFind(holderOf(sample));
    if (it == m_waits.cend())
        return false;
    // One connection runs one query at a time, so a wait of this probe's
    // backend during this query was this query's wait.
    const double end = sampleEndMs(sample, recordEndMs);
    return std::any_of(it->cbegin(), it->cend(), [&](const LockInterval& wait) {
        return wait.toMs >= sample.startMs - kPollSkewMs && wait.fromMs <= end;
    });
}

} // namespace locklab
