#pragma once

#include "core/run/RunRecord.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

namespace locklab {

// The migration's own locks, exact, from its own statement timeline: a lock
// that the migration's backend holds after a statement inside a transaction
// was taken by that statement and is held until the transaction ends, so its
// interval runs from that statement's start to the end of the COMMIT or
// ROLLBACK. The lock monitor's poll (10 Hz) misses or shortens such locks (a
// 94 ms ADD CONSTRAINT could show as 0.0 ms); it stays the source for other
// sessions' locks and for the migration's statements outside a transaction.
// Pure logic: the migration worker feeds it what pg_locks says after each
// statement.
class OwnLockTimeline
{
public:
    // One lock: relation and pg_locks mode name.
    using Lock = QPair<QString, QString>;

    void setPid(int pid) { m_pid = pid; }
    // `held`: the backend's granted relation locks right after the statement
    // that started at `statementStartMs`; `tables`: the table of each index among them.
    void statementDone(const QList<Lock>& held, double statementStartMs, const QHash<QString, QString>& tables = {});
    // COMMIT or ROLLBACK ended (or the connection was lost) at `atMs`.
    void transactionEnded(double atMs);
    void clear();

    QList<LockInterval> intervals() const { return m_closed; }

    // The polled intervals with the migration's granted locks replaced by the
    // exact ones where both saw the same lock. A wait the poll saw before an
    // exact lock was granted moves the exact start to the end of that wait.
    static QList<LockInterval> merge(const QList<LockInterval>& polled, const QList<LockInterval>& exact);

private:
    int m_pid = 0;
    QHash<Lock, double> m_open; // lock -> when the statement that took it started
    QHash<QString, QString> m_tables; // index -> its table
    QList<LockInterval> m_closed;
};

} // namespace locklab
