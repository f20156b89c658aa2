#include "core/migration/MigrationLedger.h"

#include "core/server/SqlUtil.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace locklab {

bool MigrationLedger::ensureTable(QSqlDatabase& db, QString* error)
{
    return ensureLocklabTable(db,
                              "CREATE TABLE IF NOT EXISTS locklab.migrations ("
                              "id bigserial PRIMARY KEY, name text NOT NULL UNIQUE, "
                              "applied_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                              "duration_ms double precision NOT NULL DEFAULT 0)",
                              "Could not create the migration ledger", error);
}

QList<AppliedMigration> MigrationLedger::applied(const QSqlDatabase& db, QString* error)
{
    QList<AppliedMigration> result;
    const std::optional<bool> exists = relationExists(db, "locklab.migrations", error);
    if (!exists || !*exists)
        return result;
    QSqlQuery query(db);
    if (!query.exec("SELECT name, applied_at, duration_ms FROM locklab.migrations ORDER BY id")) {
        *error = query.lastError().text();
        return result;
    }
    while (query.next())
        result.append({ query.value(0).toString(), query.value(1).toDateTime(), query.value(2).toDouble() });
    return result;
}

bool MigrationLedger::record(QSqlDatabase& db, const QString& name, double durationMs, QString* error)
{
    QSqlQuery query(db);
    return execPrepared(query, "INSERT INTO locklab.migrations (name, duration_ms) VALUES (?, ?)", { name, durationMs },
                        error, QString("Could not record %1 in the ledger").arg(name));
}

bool MigrationLedger::forget(QSqlDatabase& db, const QString& name, QString* error)
{
    QSqlQuery query(db);
    return execPrepared(query, "DELETE FROM locklab.migrations WHERE name = ?", { name }, error,
                        QString("Could not remove %1 from the ledger").arg(name));
}

bool MigrationLedger::clear(QSqlDatabase& db, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec("DELETE FROM locklab.migrations")) {
        *error = "Could not clear the ledger: " + query.lastError().text();
        return false;
    }
    return true;
}

bool MigrationLedger::plan(const QMap<QString, Migration>& catalog, const QStringList& lessonPlan,
                           const QStringList& appliedNames, const QString& target, QList<PlannedMigration>* steps,
                           QString* error)
{
    steps->clear();
    const int targetIndex = lessonPlan.indexOf(target);
    if (targetIndex < 0) {
        *error
            = QString("The migration '%1' is not part of this lesson's plan (%2).").arg(target, lessonPlan.join(", "));
        return false;
    }
    const QStringList keep = lessonPlan.mid(0, targetIndex + 1);
    for (auto it = appliedNames.crbegin(); it != appliedNames.crend(); ++it) {
        if (keep.contains(*it))
            continue;
        if (!catalog.contains(*it)) {
            *error = QString("The ledger lists '%1', which no lesson defines, so LockLab does not know how to roll "
                             "it back. Re-seed in lesson 1 to start over.")
                         .arg(*it);
            return false;
        }
        steps->append({ catalog.value(*it), false });
    }
    for (const QString& name : keep) {
        if (appliedNames.contains(name))
            continue;
        if (!catalog.contains(name)) {
            *error = QString("The migration '%1' is not defined by any lesson.").arg(name);
            return false;
        }
        steps->append({ catalog.value(name), true });
    }
    return true;
}

QStringList MigrationLedger::describe(const QStringList& lessonPlan, const QStringList& appliedNames,
                                      const QStringList& lessonMigrations)
{
    QStringList lines;
    for (const QString& name : lessonPlan)
        lines << QString("[%1] %2").arg(appliedNames.contains(name) ? "X" : " ", name);
    for (const QString& name : appliedNames) {
        if (!lessonPlan.contains(name))
            lines << QString(lessonMigrations.contains(name) ? "[X] %1 (another path of this lesson)"
                                                             : "[X] %1 (from another lesson)")
                         .arg(name);
    }
    return lines;
}

} // namespace locklab
