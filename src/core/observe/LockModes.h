#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace locklab {

// PostgreSQL's eight table-level lock modes, weakest first (the order of the
// documentation's table and of the lock numbers in src/include/storage/lockdefs.h).
enum class LockMode {
    AccessShare,
    RowShare,
    RowExclusive,
    ShareUpdateExclusive,
    Share,
    ShareRowExclusive,
    Exclusive,
    AccessExclusive,
};

// A command and the table-level lock it takes on the table it works on.
struct CommandLock
{
    QString command; // "ALTER TABLE SET NOT NULL"
    LockMode mode;
};

// The table-level lock modes as data: names, the conflict matrix of the
// documentation ("Table-level lock modes" / "Conflicting lock modes"), the
// commands that take each mode and a short explanation for the lock table
// and the lessons. Functions taking a QString accept the display name
// ("ACCESS EXCLUSIVE") or the pg_locks name ("AccessExclusiveLock"), in any
// case; unknown names conflict with nothing.
class LockModes
{
public:
    static QList<LockMode> all();

    static QString displayName(LockMode mode); // "ACCESS EXCLUSIVE"
    // Any lock name pg_locks may show, in the documentation's words:
    // "AccessExclusiveLock" -> "ACCESS EXCLUSIVE", "SIReadLock" -> "SIREAD".
    // Names already in words pass through upper-cased; an unknown mode is
    // split at its capitals ("FutureShinyLock" -> "FUTURE SHINY").
    static QString displayName(const QString& name);
    static QString pgLocksName(LockMode mode); // "AccessExclusiveLock"
    static std::optional<LockMode> fromName(const QString& name);

    static bool conflicts(LockMode requested, LockMode held);
    static bool conflicts(const QString& requested, const QString& held);
    static QList<LockMode> conflictingModes(LockMode mode);
    // Display names of the modes that conflict with `mode`, weakest first.
    static QStringList conflictingModes(const QString& mode);

    // What takes the mode, e.g. {"SELECT"} for ACCESS SHARE.
    static QStringList commands(LockMode mode);
    static const QList<CommandLock>& commandLocks();
    // The mode a command from commandLocks() takes; case and spacing do not matter.
    static std::optional<LockMode> modeForCommand(const QString& command);

    // A short paragraph: what takes the mode and what it blocks.
    static QString explanation(LockMode mode);
    static QString explanation(const QString& mode);

    // The manual's "Explicit Locking" page for the connected server's major
    // version ("16.4" -> .../docs/16/...), the newest one when not known.
    static QString documentationUrl(const QString& serverVersion = QString());
    static QString documentationVersion(const QString& serverVersion);
};

} // namespace locklab
