#include "core/observe/LockIntervalTracker.h"

#include <algorithm>
#include <tuple>

namespace locklab {

namespace {
// Who a waiting row is blocked by, in the names of this poll ("nightly
// report"); a blocker that holds no relation lock here shows as its pid.
QStringList blockerNames(const LockRow& row, const QList<LockRow>& rows)
{
    QStringList names;
    for (int pid : row.blockedBy) {
        QString name = QStringLiteral("pid %1").arg(pid);
        for (const LockRow& other : rows) {
            if (other.pid == pid) {
                name = other.who == QLatin1String("other") ? QStringLiteral("pid %1").arg(pid) : other.who;
                break;
            }
        }
        if (!names.contains(name))
            names << name;
    }
    return names;
}
} // namespace

void LockIntervalTracker::feed(const QList<LockRow>& rows, double atMs)
{
    QHash<Key, LockInterval> seen;
    for (const LockRow& row : rows) {
        const Key key { row.pid, row.relation, row.mode, row.granted };
        if (seen.contains(key))
            continue; // the same lock listed twice in one poll is still one interval
        auto open = m_open.find(key);
        LockInterval interval;
        if (open != m_open.end()) {
            interval = open.value();
        } else {
            interval.pid = row.pid;
            interval.holder = row.who;
            interval.relation = row.relation;
            interval.table = row.table;
            interval.mode = row.mode;
            interval.granted = row.granted;
            interval.fromMs = atMs;
            // A wait began before the first poll that saw it; the server says
            // how long before (pg_locks.waitstart), which makes short waits
            // between two polls measurable at all.
            if (!row.granted && row.waitingMs > 0)
                interval.fromMs = atMs - row.waitingMs;
        }
        interval.toMs = atMs;
        if (!row.granted) {
            // Everyone seen blocking this wait over its life, first seen first.
            QStringList blockers = interval.blockedBy.isEmpty() ? QStringList()
                                                                : interval.blockedBy.split(QStringLiteral(", "));
            for (const QString& name : blockerNames(row, rows)) {
                if (!blockers.contains(name))
                    blockers << name;
            }
            interval.blockedBy = blockers.join(QStringLiteral(", "));
        }
        seen.insert(key, interval);
    }
    // What this poll did not see ended somewhere between the previous poll and
    // this one; the previous poll is the last time we know it existed.
    for (auto it = m_open.cbegin(); it != m_open.cend(); ++it) {
        if (!seen.contains(it.key()))
            m_closed.append(it.value());
    }
    m_open = seen;
}

void LockIntervalTracker::finish(double atMs)
{
    for (LockInterval interval : std::as_const(m_open)) {
        interval.toMs = std::max(interval.toMs, atMs);
        m_closed.append(interval);
    }
    m_open.clear();
}

void LockIntervalTracker::clear()
{
    m_open.clear();
    m_closed.clear();
}

QList<LockInterval> LockIntervalTracker::intervals() const
{
    QList<LockInterval> result = m_closed;
    for (const LockInterval& interval : m_open)
        result.append(interval);
    std::stable_sort(result.begin(), result.end(), [](const LockInterval& a, const LockInterval& b) {
        // A total order, so the result does not depend on QHash iteration order.
        return std::tie(a.fromMs, a.pid, a.relation, a.mode, a.granted)
            < std::tie(b.fromMs, b.pid, b.relation, b.mode, b.granted);
    });
    return result;
}

} // namespace locklab
