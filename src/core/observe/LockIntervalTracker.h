#pragma once

#include "core/observe/LockRow.h"
#include "core/run/RunRecord.h"

#include <QHash>
#include <QList>

namespace locklab {

// Turns the lock monitor's successive snapshots into intervals: a lock
// (pid, relation, mode, granted) opens at the first poll that sees it and
// closes at the last poll that saw it, once a later poll no longer does.
// A lock that is seen again after a gap opens a new interval. A wait that
// turns into a grant is two intervals (granted is part of the key), which
// is what the chart shows: first waiting, then holding.
// Pure logic, no threads, no database: fed by whoever owns the snapshots.
class LockIntervalTracker
{
public:
    void feed(const QList<LockRow>& rows, double atMs);
    // Closes every open interval at atMs (never before the last poll that
    // saw it): the caller knows the locks lasted at least until then.
    void finish(double atMs);
    void clear();

    // Closed intervals and, still open, the ones seen at the latest poll
    // (toMs = that poll), ordered by fromMs.
    QList<LockInterval> intervals() const;
    bool hasOpenIntervals() const { return !m_open.isEmpty(); }

private:
    struct Key
    {
        int pid;
        QString relation;
        QString mode;
        bool granted;
        bool operator==(const Key& other) const
        {
            return pid == other.pid && granted == other.granted && relation == other.relation && mode == other.mode;
        }
    };
    friend size_t qHash(const Key& key, size_t seed)
    {
        return qHashMulti(seed, key.pid, key.relation, key.mode, key.granted);
    }

    QHash<Key, LockInterval> m_open;
    QList<LockInterval> m_closed;
};

} // namespace locklab
