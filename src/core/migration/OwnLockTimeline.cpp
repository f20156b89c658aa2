#include "core/migration/OwnLockTimeline.h"

#include <algorithm>
#include <iterator>
#include <tuple>

namespace locklab {

namespace {
const QString kMigration = QStringLiteral("migration");

bool sameLock(const LockInterval& a, const LockInterval& b)
{
    return a.relation == b.relation && a.mode == b.mode;
}

bool overlaps(const LockInterval& a, const LockInterval& b)
{
    return a.fromMs <= b.toMs && b.fromMs <= a.toMs;
}

bool isOwnGranted(const LockInterval& lock)
{
    return lock.granted && lock.holder == kMigration;
}

// A poll is stamped when it is sent and reads pg_locks a moment later, so a
// poll sent just before a statement can see that statement's lock.
constexpr double kPollLagMs = 10;

// The windows of statements outside a transaction during which a poll saw
// `lock`. A poll stamped at t read pg_locks somewhere in [t, t + lag]: the
// statements that ran in that span are candidates. Two kinds give way to the
// others when there are others: a statement that ended within the lag of the
// first poll (a SET just before the statement that took the lock), and one
// that started after the last poll (the statement after it).
QList<OwnLockTimeline::Window> windowsOf(const LockInterval& lock, const QList<OwnLockTimeline::Window>& windows)
{
    using Window = OwnLockTimeline::Window;
    QList<Window> candidates;
    for (const Window& window : windows) {
        if (window.toMs >= lock.fromMs && window.fromMs <= lock.toMs + kPollLagMs)
            candidates.append(window);
    }
    const auto keepUnlessAllGo = [&candidates](auto goes) {
        QList<Window> kept;
        std::copy_if(candidates.cbegin(), candidates.cend(), std::back_inserter(kept),
                     [&](const Window& window) { return !goes(window); });
        if (!kept.isEmpty())
            candidates = kept;
        else if (!candidates.isEmpty())
            candidates = { candidates.last() };
    };
    keepUnlessAllGo([&](const Window& window) { return window.toMs < lock.fromMs + kPollLagMs; });
    keepUnlessAllGo([&](const Window& window) { return window.fromMs > lock.toMs; });
    return candidates;
}

// Granted once the migration's wait for it (seen by the poll) ended.
void startAfterWait(LockInterval* own, const QList<LockInterval>& polled)
{
    for (const LockInterval& wait : polled) {
        if (!wait.granted && wait.holder == kMigration && sameLock(*own, wait) && wait.toMs >= own->fromMs
            && wait.toMs <= own->toMs)
            own->fromMs = std::max(own->fromMs, wait.toMs);
    }
}
} // namespace

void OwnLockTimeline::statementDone(const QList<Lock>& held, double statementStartMs,
                                    const QHash<QString, QString>& tables)
{
    m_tables.insert(tables);
    for (const Lock& lock : held) {
        if (!m_open.contains(lock))
            m_open.insert(lock, statementStartMs);
    }
}

void OwnLockTimeline::transactionEnded(double atMs)
{
    for (auto it = m_open.cbegin(); it != m_open.cend(); ++it) {
        LockInterval interval;
        interval.pid = m_pid;
        interval.holder = kMigration;
        interval.relation = it.key().first;
        interval.table = m_tables.value(interval.relation, interval.relation);
        interval.mode = it.key().second;
        interval.granted = true;
        interval.fromMs = it.value();
        interval.toMs = std::max(atMs, it.value());
        m_closed.append(interval);
    }
    m_open.clear();
}

void OwnLockTimeline::clear()
{
    m_open.clear();
    m_tables.clear();
    m_closed.clear();
    m_windows.clear();
}

QList<LockInterval> OwnLockTimeline::merge(const QList<LockInterval>& polled, const QList<LockInterval>& exact,
                                           const QList<Window>& autocommit)
{
    QList<LockInterval> result;
    for (const LockInterval& lock : polled) {
        const bool replaced = isOwnGranted(lock)
            && std::any_of(exact.cbegin(), exact.cend(),
                           [&](const LockInterval& own) { return sameLock(own, lock) && overlaps(own, lock); });
        if (replaced)
            continue;
        const QList<Window> windows = isOwnGranted(lock) ? windowsOf(lock, autocommit) : QList<Window>();
        if (windows.isEmpty()) {
            result.append(lock);
            continue;
        }
        for (const Window& window : windows) {
            LockInterval own = lock;
            own.fromMs = window.fromMs;
            own.toMs = window.toMs;
            startAfterWait(&own, polled);
            result.append(own);
        }
    }
    for (LockInterval own : exact) {
        startAfterWait(&own, polled);
        result.append(own);
    }
    std::stable_sort(result.begin(), result.end(), [](const LockInterval& a, const LockInterval& b) {
        return std::tie(a.fromMs, a.pid, a.relation, a.mode, a.granted)
            < std::tie(b.fromMs, b.pid, b.relation, b.mode, b.granted);
    });
    return result;
}

} // namespace locklab
