#include "core/observe/LockGroups.h"

#include <QHash>

namespace locklab {

QList<LockRow> LockGroups::grouped(const QList<LockRow>& rows)
{
    QList<LockRow> result;
    QHash<QString, qsizetype> indexOfGroup;
    QHash<qsizetype, QStringList> indexesOfGroup;
    for (const LockRow& row : rows) {
        const QString table = row.table.isEmpty() ? row.relation : row.table;
        const QString key = QString("%1|%2|%3|%4").arg(row.pid).arg(row.mode).arg(row.granted).arg(table);
        const bool isIndex = !row.table.isEmpty() && row.table != row.relation;
        auto it = indexOfGroup.constFind(key);
        if (it == indexOfGroup.constEnd()) {
            LockRow group = row;
            group.relation = table;
            group.table = table;
            indexOfGroup.insert(key, result.size());
            if (isIndex)
                indexesOfGroup[result.size()] << row.relation;
            result << group;
            continue;
        }
        LockRow& group = result[*it];
        group.waitingMs = std::max(group.waitingMs, row.waitingMs);
        if (isIndex)
            indexesOfGroup[*it] << row.relation;
    }
    for (auto it = indexesOfGroup.cbegin(); it != indexesOfGroup.cend(); ++it) {
        const QStringList& indexes = it.value();
        result[it.key()].relation += (indexes.size() == 1 ? QStringLiteral(" + index %1")
                                                          : QStringLiteral(" + indexes %1"))
                                         .arg(indexes.join(", "));
    }
    return result;
}

QString LockGroups::why(const LockRow& row)
{
    if (!row.granted)
        return QStringLiteral("Waiting: this mode conflicts with a lock another session holds or waits for "
                              "(see Blocked by); it gets the lock when that one is released.");
    const QString& mode = row.mode;
    const bool migration = row.who == QLatin1String("migration");
    if (mode == QLatin1String("AccessExclusiveLock"))
        return QStringLiteral("Taken by ALTER TABLE (most forms), DROP, TRUNCATE: nobody else may use the "
                              "table, not even a SELECT, until this transaction ends.");
    if (mode == QLatin1String("RowExclusiveLock"))
        return QStringLiteral("Taken by UPDATE, INSERT and DELETE, on the table and the indexes they keep up "
                              "to date; does not block reads.");
    if (mode == QLatin1String("AccessShareLock"))
        return migration ? QStringLiteral("The migration read this table earlier in its transaction; a "
                                          "transaction keeps every lock it took until COMMIT, so this weak one "
                                          "stays beside any stronger one.")
                         : QStringLiteral("Taken by every SELECT, on the table and the indexes it reads; "
                                          "blocked only by ACCESS EXCLUSIVE.");
    if (mode == QLatin1String("ShareUpdateExclusiveLock"))
        return QStringLiteral("Taken by VALIDATE CONSTRAINT, VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY: "
                              "blocks other schema changes, not reads or writes.");
    if (mode == QLatin1String("ShareLock"))
        return QStringLiteral("Taken by CREATE INDEX (without CONCURRENTLY): blocks writes, not reads.");
    if (mode == QLatin1String("RowShareLock"))
        return QStringLiteral("Taken by SELECT ... FOR UPDATE / FOR SHARE: blocks only EXCLUSIVE and ACCESS "
                              "EXCLUSIVE.");
    if (mode == QLatin1String("ShareRowExclusiveLock"))
        return QStringLiteral("Taken by CREATE TRIGGER and ADD FOREIGN KEY: blocks writes, not reads.");
    if (mode == QLatin1String("ExclusiveLock"))
        return QStringLiteral("Taken by REFRESH MATERIALIZED VIEW CONCURRENTLY: only reads may go on.");
    return QString();
}

} // namespace locklab
