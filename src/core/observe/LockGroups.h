#pragma once

#include "core/observe/LockRow.h"

#include <QList>
#include <QString>

namespace locklab {

// The lock table in words an attendee understands: one row per session,
// table and mode (a table's indexes folded into their table's row, since a
// statement locks the indexes it uses in the same mode), each with one line
// saying why the lock is there.
class LockGroups
{
public:
    // Rows with the same pid, mode, state and table merged: `relation`
    // becomes "large_user + index large_user_pkey". Order is kept.
    static QList<LockRow> grouped(const QList<LockRow>& rows);

    // Why `row` is there, in one line: which statements take this mode, what
    // it blocks, and for waiting rows what they wait for.
    static QString why(const LockRow& row);
};

} // namespace locklab
