#include "core/observe/LockModes.h"

#include <QRegularExpression>

namespace locklab {

namespace {

struct ModeInfo
{
    LockMode mode;
    const char* displayName;
    const char* pgLocksName;
    // Which of the eight modes (bit i == mode i, weakest first) this one conflicts with.
    unsigned conflictMask;
    const char* summary; // what takes it and what that means, in our own words
};

constexpr unsigned bit(LockMode mode)
{
    return 1u << static_cast<unsigned>(mode);
}

// The matrix of the documentation's "Conflicting Lock Modes" table, one row
// per requested mode. It is symmetric; the test checks that so a typo in one
// row cannot hide.
const ModeInfo kModes[] = {
    { LockMode::AccessShare, "ACCESS SHARE", "AccessShareLock", bit(LockMode::AccessExclusive),
      "Taken by every SELECT and by any other statement that only reads the table. It conflicts with "
      "ACCESS EXCLUSIVE alone: plain reads never wait for writes or for a CREATE INDEX, only for "
      "commands "
      "that take ACCESS EXCLUSIVE, and those are not only the ones that restructure or rewrite the "
      "table: "
      "catalog-only ALTER TABLE forms (SET DEFAULT, ADD COLUMN, DROP COLUMN), a plain LOCK TABLE and "
      "DROP "
      "TABLE take it too. A long-running read holds it until its transaction ends, so it also makes such "
      "a "
      "command wait." },
    { LockMode::RowShare, "ROW SHARE", "RowShareLock", bit(LockMode::Exclusive) | bit(LockMode::AccessExclusive),
      "Taken by SELECT ... FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE and FOR KEY SHARE. At the table "
      "level "
      "plain reads and writes go on and it only keeps out EXCLUSIVE and ACCESS EXCLUSIVE; the rows it "
      "locked "
      "still make writers of those rows wait." },
    { LockMode::RowExclusive, "ROW EXCLUSIVE", "RowExclusiveLock",
      bit(LockMode::Share) | bit(LockMode::ShareRowExclusive) | bit(LockMode::Exclusive)
          | bit(LockMode::AccessExclusive),
      "Taken by INSERT, UPDATE, DELETE and MERGE. Writers do not block each other at the table level "
      "(row locks settle who changes a row first) and reads go on, but a plain CREATE INDEX waits for "
      "every open writing transaction, and new writes wait for the index build." },
    { LockMode::ShareUpdateExclusive, "SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock",
      bit(LockMode::ShareUpdateExclusive) | bit(LockMode::Share) | bit(LockMode::ShareRowExclusive)
          | bit(LockMode::Exclusive) | bit(LockMode::AccessExclusive),
      "Taken by VACUUM (without FULL) and autovacuum, ANALYZE, CREATE INDEX CONCURRENTLY, REINDEX "
      "CONCURRENTLY, CREATE STATISTICS and ALTER TABLE ... VALIDATE CONSTRAINT, among others. Reads and "
      "writes go on at the table level (row locks still make writers of the same row wait). It conflicts "
      "with itself and every stronger mode, so it keeps out other schema changes, CREATE INDEX with or "
      "without CONCURRENTLY, ANALYZE, and a VACUUM or autovacuum of the same table. That is why "
      "validating "
      "a NOT VALID constraint is the safe way to check a big table." },
    { LockMode::Share, "SHARE", "ShareLock",
      bit(LockMode::RowExclusive) | bit(LockMode::ShareUpdateExclusive) | bit(LockMode::ShareRowExclusive)
          | bit(LockMode::Exclusive) | bit(LockMode::AccessExclusive),
      "Taken by CREATE INDEX (without CONCURRENTLY), and on the table by REINDEX, which also takes "
      "ACCESS "
      "EXCLUSIVE on each index it rebuilds, so plain SELECTs that would use that index wait too. At the "
      "table level reads go on, but every INSERT, UPDATE and DELETE waits until the index is built: on a "
      "big "
      "table that is a write outage." },
    { LockMode::ShareRowExclusive, "SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock",
      bit(LockMode::RowExclusive) | bit(LockMode::ShareUpdateExclusive) | bit(LockMode::Share)
          | bit(LockMode::ShareRowExclusive) | bit(LockMode::Exclusive) | bit(LockMode::AccessExclusive),
      "Taken by CREATE TRIGGER and ALTER TABLE ... ADD FOREIGN KEY (on both tables). Reads go on; writes "
      "wait, and so does a second requester of this mode." },
    { LockMode::Exclusive, "EXCLUSIVE", "ExclusiveLock",
      bit(LockMode::RowShare) | bit(LockMode::RowExclusive) | bit(LockMode::ShareUpdateExclusive) | bit(LockMode::Share)
          | bit(LockMode::ShareRowExclusive) | bit(LockMode::Exclusive) | bit(LockMode::AccessExclusive),
      "Taken by REFRESH MATERIALIZED VIEW CONCURRENTLY. Only plain SELECTs go on; SELECT ... FOR UPDATE "
      "and every write wait." },
    { LockMode::AccessExclusive, "ACCESS EXCLUSIVE", "AccessExclusiveLock", 0xffu,
      "Taken by most forms of ALTER TABLE (ADD COLUMN, SET NOT NULL, SET DEFAULT, ALTER COLUMN TYPE, "
      "DROP "
      "COLUMN, ADD CONSTRAINT other than FOREIGN KEY, which takes SHARE ROW EXCLUSIVE), by DROP TABLE, "
      "TRUNCATE, VACUUM FULL, CLUSTER, REFRESH MATERIALIZED VIEW (without CONCURRENTLY), by REINDEX on "
      "the "
      "index it rebuilds and by a plain LOCK TABLE. It conflicts with every mode: it blocks every SELECT "
      "for as long as the transaction holding "
      "it stays open. Even while it only waits in the lock queue, the reads queued behind it wait too." },
};

const ModeInfo& info(LockMode mode)
{
    return kModes[static_cast<int>(mode)];
}

QString normalizedCommand(const QString& command)
{
    return command.simplified().toUpper();
}

} // namespace

QList<LockMode> LockModes::all()
{
    QList<LockMode> modes;
    for (const ModeInfo& m : kModes)
        modes.append(m.mode);
    return modes;
}

QString LockModes::displayName(LockMode mode)
{
    return QString::fromLatin1(info(mode).displayName);
}

QString LockModes::displayName(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (const std::optional<LockMode> mode = fromName(trimmed))
        return displayName(*mode);
    if (trimmed.contains(' ') || trimmed.toUpper() == trimmed)
        return trimmed.toUpper();
    // Not a table-level mode (SIReadLock, a predicate lock) or one newer
    // than this table: "FooBarLock" -> "FOO BAR".
    const QString bare = trimmed.endsWith(QLatin1String("Lock")) ? trimmed.chopped(4) : trimmed;
    QString words;
    for (qsizetype i = 0; i < bare.size(); ++i) {
        if (i > 0 && bare.at(i).isUpper() && bare.at(i - 1).isLower())
            words += ' ';
        words += bare.at(i);
    }
    return words.toUpper();
}

QString LockModes::pgLocksName(LockMode mode)
{
    return QString::fromLatin1(info(mode).pgLocksName);
}

std::optional<LockMode> LockModes::fromName(const QString& name)
{
    const QString wanted = name.simplified();
    for (const ModeInfo& m : kModes) {
        if (wanted.compare(QLatin1String(m.displayName), Qt::CaseInsensitive) == 0
            || wanted.compare(QLatin1String(m.pgLocksName), Qt::CaseInsensitive) == 0)
            return m.mode;
    }
    // "ACCESS EXCLUSIVE MODE", as written in LOCK TABLE ... IN ... MODE.
    if (wanted.endsWith(QLatin1String(" MODE"), Qt::CaseInsensitive))
        return fromName(wanted.left(wanted.size() - 5));
    return std::nullopt;
}

bool LockModes::conflicts(LockMode requested, LockMode held)
{
    return (info(requested).conflictMask & bit(held)) != 0;
}

bool LockModes::conflicts(const QString& requested, const QString& held)
{
    const auto a = fromName(requested);
    const auto b = fromName(held);
    return a && b && conflicts(*a, *b);
}

QList<LockMode> LockModes::conflictingModes(LockMode mode)
{
    QList<LockMode> result;
    for (const ModeInfo& m : kModes) {
        if (conflicts(mode, m.mode))
            result.append(m.mode);
    }
    return result;
}

QStringList LockModes::conflictingModes(const QString& mode)
{
    QStringList names;
    if (const auto m = fromName(mode)) {
        for (LockMode other : conflictingModes(*m))
            names.append(displayName(other));
    }
    return names;
}

const QList<CommandLock>& LockModes::commandLocks()
{
    // The lock each command takes on the table it names; where a command
    // touches a second table (ADD FOREIGN KEY) the lock there is the same.
    static const QList<CommandLock> table = {
        { "SELECT", LockMode::AccessShare },
        { "SELECT FOR UPDATE", LockMode::RowShare },
        { "SELECT FOR NO KEY UPDATE", LockMode::RowShare },
        { "SELECT FOR SHARE", LockMode::RowShare },
        { "SELECT FOR KEY SHARE", LockMode::RowShare },
        { "INSERT", LockMode::RowExclusive },
        { "UPDATE", LockMode::RowExclusive },
        { "DELETE", LockMode::RowExclusive },
        { "MERGE", LockMode::RowExclusive },
        { "VACUUM", LockMode::ShareUpdateExclusive },
        { "ANALYZE", LockMode::ShareUpdateExclusive },
        { "CREATE INDEX CONCURRENTLY", LockMode::ShareUpdateExclusive },
        { "REINDEX CONCURRENTLY", LockMode::ShareUpdateExclusive },
        { "CREATE STATISTICS", LockMode::ShareUpdateExclusive },
        { "COMMENT ON", LockMode::ShareUpdateExclusive },
        { "ALTER TABLE VALIDATE CONSTRAINT", LockMode::ShareUpdateExclusive },
        { "ALTER TABLE SET STATISTICS", LockMode::ShareUpdateExclusive },
        { "CREATE INDEX", LockMode::Share },
        { "CREATE TRIGGER", LockMode::ShareRowExclusive },
        { "ALTER TABLE ADD FOREIGN KEY", LockMode::ShareRowExclusive },
        { "REFRESH MATERIALIZED VIEW CONCURRENTLY", LockMode::Exclusive },
        { "ALTER TABLE ADD COLUMN", LockMode::AccessExclusive },
        { "ALTER TABLE DROP COLUMN", LockMode::AccessExclusive },
        { "ALTER TABLE SET NOT NULL", LockMode::AccessExclusive },
        { "ALTER TABLE DROP NOT NULL", LockMode::AccessExclusive },
        { "ALTER TABLE SET DEFAULT", LockMode::AccessExclusive },
        { "ALTER TABLE DROP DEFAULT", LockMode::AccessExclusive },
        { "ALTER TABLE ALTER COLUMN TYPE", LockMode::AccessExclusive },
        { "ALTER TABLE ADD CONSTRAINT CHECK", LockMode::AccessExclusive },
        { "ALTER TABLE ADD CONSTRAINT UNIQUE", LockMode::AccessExclusive },
        { "ALTER TABLE DROP CONSTRAINT", LockMode::AccessExclusive },
        { "ALTER TABLE RENAME", LockMode::AccessExclusive },
        { "DROP TABLE", LockMode::AccessExclusive },
        { "TRUNCATE", LockMode::AccessExclusive },
        { "VACUUM FULL", LockMode::AccessExclusive },
        { "CLUSTER", LockMode::AccessExclusive },
        { "REINDEX", LockMode::Share }, // on the table; ACCESS EXCLUSIVE on each index it rebuilds
        { "REFRESH MATERIALIZED VIEW", LockMode::AccessExclusive },
        { "LOCK TABLE", LockMode::AccessExclusive },
    };
    return table;
}

QStringList LockModes::commands(LockMode mode)
{
    QStringList result;
    for (const CommandLock& c : commandLocks()) {
        if (c.mode == mode)
            result.append(c.command);
    }
    return result;
}

std::optional<LockMode> LockModes::modeForCommand(const QString& command)
{
    const QString wanted = normalizedCommand(command);
    for (const CommandLock& c : commandLocks()) {
        if (c.command == wanted)
            return c.mode;
    }
    return std::nullopt;
}

QString LockModes::explanation(LockMode mode)
{
    return QString::fromLatin1(info(mode).summary) + QLatin1String(" Conflicts with: ")
        + conflictingModes(displayName(mode)).join(QLatin1String(", ")) + QLatin1Char('.');
}

QString LockModes::explanation(const QString& mode)
{
    const auto m = fromName(mode);
    return m ? explanation(*m) : QString();
}

QString LockModes::documentationUrl(const QString& serverVersion)
{
    return QStringLiteral("https://www.postgresql.org/docs/%1/explicit-locking.html")
        .arg(documentationVersion(serverVersion));
}

QString LockModes::documentationVersion(const QString& serverVersion)
{
    // "16.4", "15.8 (Debian 15.8-0+deb12u1)", "PostgreSQL 12.20 on x86_64...", "18beta1", "9.6.24".
    static const QRegularExpression number(QStringLiteral(R"((\d+)(?:\.(\d+))?)"));
    const QRegularExpressionMatch m = number.match(serverVersion);
    if (!m.hasMatch())
        return QStringLiteral("current"); // not connected: the newest manual
    const int major = m.captured(1).toInt();
    // Before 10 a major version had two numbers, and so do the manual's URLs.
    if (major < 10 && !m.captured(2).isEmpty())
        return QStringLiteral("%1.%2").arg(major).arg(m.captured(2));
    return QString::number(major);
}

} // namespace locklab
