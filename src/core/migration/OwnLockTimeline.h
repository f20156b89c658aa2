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
// sessions' locks. A statement outside a transaction releases its locks as it
// ends, before anyone can ask, so which locks it took comes from the poll; how
// long it held them is its own start to end (its window).
// Pure logic: the migration worker feeds it what pg_locks says after each
// statement in a transaction, and the window of each statement outside one.
class OwnLockTimeline
{
public:
    // One lock: relation and pg_locks mode name.
    using Lock = QPair<QString, QString>;
    // When a statement outside a transaction ran: its locks were held for this long.
    struct Window
    {
        double fromMs = 0;
        double toMs = 0;
    };

    void setPid(int pid) { m_pid = pid; }
    // `held`: the backend's granted relation locks right after the statement
    // that started at `statementStartMs`; `tables`: the table of each index among them.
    void statementDone(const QList<Lock>& held, double statementStartMs, const QHash<QString, QString>& tables = {});
    // COMMIT or ROLLBACK ended (or the connection was lost) at `atMs`.
    void transactionEnded(double atMs);
    // A statement outside a transaction ran from `fromMs` to `toMs`.
    void autocommitStatement(double fromMs, double toMs) { m_windows.append({ fromMs, toMs }); }
    void clear();

    QList<LockInterval> intervals() const { return m_closed; }
    QList<Window> autocommitWindows() const { return m_windows; }

    // The polled intervals with the migration's granted locks replaced by the
    // exact ones where both saw the same lock, and the rest of its granted
    // locks that a poll saw during a statement outside a transaction stretched
    // to that statement's window (one interval per statement). A wait the poll
    // saw before a lock was granted moves the start to the end of that wait.
    static QList<LockInterval> merge(const QList<LockInterval>& polled, const QList<LockInterval>& exact,
                                     const QList<Window>& autocommit = {});

private:
    int m_pid = 0;
    QHash<Lock, double> m_open; // lock -> when the statement that took it started
    QHash<QString, QString> m_tables; // index -> its table
    QList<LockInterval> m_closed;
    QList<Window> m_windows;
};

} // namespace locklab
