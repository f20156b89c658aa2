#include "core/migration/OwnLockTimeline.h"

#include <algorithm>
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
}

QList<LockInterval> OwnLockTimeline::merge(const QList<LockInterval>& polled, const QList<LockInterval>& exact)
{
    QList<LockInterval> result;
    for (const LockInterval& lock : polled) {
        const bool replaced = lock.granted && lock.holder == kMigration
            && std::any_of(exact.cbegin(), exact.cend(),
                           [&](const LockInterval& own) { return sameLock(own, lock) && overlaps(own, lock); });
        if (!replaced)
            result.append(lock);
    }
    for (LockInterval own : exact) {
        // Queued first (behind another session): granted once the wait ended.
        for (const LockInterval& wait : polled) {
            if (!wait.granted && wait.holder == kMigration && sameLock(own, wait) && wait.toMs >= own.fromMs
                && wait.toMs <= own.toMs)
                own.fromMs = std::max(own.fromMs, wait.toMs);
        }
        result.append(own);
    }
    std::stable_sort(result.begin(), result.end(), [](const LockInterval& a, const LockInterval& b) {
        return std::tie(a.fromMs, a.pid, a.relation, a.mode, a.granted)
            < std::tie(b.fromMs, b.pid, b.relation, b.mode, b.granted);
    });
    return result;
}

} // namespace locklab
