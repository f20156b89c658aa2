#include "core/migration/SchemaSnapshot.h"

#include "core/migration/MigrationLedger.h"
#include "core/migration/SeededSizes.h"
#include "core/server/SqlUtil.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace locklab {

const ColumnInfo* TableInfo::column(const QString& columnName) const
{
    for (const ColumnInfo& c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

const TableInfo* SchemaSnapshot::table(const QString& name) const
{
    for (const TableInfo& t : tables) {
        if (t.name == name)
            return &t;
    }
    return nullptr;
}

bool SchemaSnapshot::isApplied(const QString& migration) const
{
    for (const AppliedMigration& m : applied) {
        if (m.name == migration)
            return true;
    }
    return false;
}

namespace {
// Below this size count(*) costs a few milliseconds, so a table no ANALYZE
// has run on yet still shows its exact count.
constexpr qint64 kExactCountBytes = 8 * 1024 * 1024;

bool countExactly(const QSqlDatabase& db, TableInfo* table, QString* error)
{
    QSqlQuery count(db);
    if (!count.exec("SELECT count(*) FROM public." + escapeIdentifier(db, table->name)) || !count.next()) {
        *error = count.lastError().text();
        return false;
    }
    table->rowCount = count.value(0).toLongLong();
    table->rowCountEstimated = false;
    return true;
}

bool estimateRows(const QSqlDatabase& db, qlonglong oid, TableInfo* table, QString* error)
{
    QSqlQuery estimate(db);
    estimate.prepare("SELECT reltuples::bigint, relpages, pg_relation_size(oid) FROM pg_class WHERE oid = ?::oid");
    estimate.addBindValue(oid);
    if (!estimate.exec() || !estimate.next()) {
        *error = estimate.lastError().text();
        return false;
    }
    const qint64 reltuples = estimate.value(0).toLongLong();
    const qint64 relpages = estimate.value(1).toLongLong();
    const qint64 bytes = estimate.value(2).toLongLong();
    // Never analyzed or vacuumed: reltuples is -1 from PostgreSQL 14 on, and
    // 0 with relpages 0 before (as for an empty table that was).
    const bool known = reltuples >= 0 && !(reltuples == 0 && relpages == 0 && bytes > 0);
    if (known) {
        table->rowCount = reltuples;
        table->rowCountEstimated = true;
        return true;
    }
    if (bytes <= kExactCountBytes)
        return countExactly(db, table, error);
    table->rowCount = -1;
    table->rowCountEstimated = true;
    return true;
}
} // namespace

static bool readTable(const QSqlDatabase& db, TableInfo* table, RowCounts counts, QString* error)
{
    QSqlQuery query(db);
    if (!execPrepared(query, "SELECT to_regclass(format('public.%I', ?::text))::oid", { table->name }, error)
        || !query.next())
        return false;
    if (query.value(0).isNull()) {
        table->exists = false;
        return true;
    }
    const qlonglong oid = query.value(0).toLongLong();
    table->exists = true;

    QSqlQuery columns(db);
    if (!execPrepared(columns,
                      "SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, "
                      "COALESCE(pg_get_expr(d.adbin, d.adrelid), '') "
                      "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                      "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                      { oid }, error))
        return false;
    while (columns.next())
        table->columns.append({ columns.value(0).toString(), columns.value(1).toString(), columns.value(2).toBool(),
                                columns.value(3).toString() });

    QSqlQuery constraints(db);
    if (!execPrepared(constraints,
                      "SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint "
                      "WHERE conrelid = ? ORDER BY conname",
                      { oid }, error))
        return false;
    while (constraints.next())
        table->constraints.append(
            { constraints.value(0).toString(), constraints.value(1).toString(), constraints.value(2).toBool() });

    QSqlQuery indexes(db);
    if (!execPrepared(indexes,
                      "SELECT c.relname, pg_get_indexdef(i.indexrelid), i.indisvalid FROM pg_index i "
                      "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = ? ORDER BY c.relname",
                      { oid }, error))
        return false;
    while (indexes.next())
        table->indexes.append({ indexes.value(0).toString(), indexes.value(1).toString(), indexes.value(2).toBool() });

    if (!(counts == RowCounts::Exact ? countExactly(db, table, error) : estimateRows(db, oid, table, error)))
        return false;

    QSqlQuery health(db);
    if (!execPrepared(health,
                      "SELECT pg_relation_size(?::oid), "
                      "(SELECT n_dead_tup FROM pg_stat_user_tables WHERE relid = ?::oid), "
                      "(SELECT count(*) FROM pg_attribute WHERE attrelid = ?::oid AND attisdropped)",
                      { oid, oid, oid }, error)
        || !health.next())
        return false;
    table->sizeBytes = health.value(0).toLongLong();
    table->deadRows = health.value(1).isNull() ? -1 : health.value(1).toLongLong();
    table->droppedColumns = health.value(2).toInt();
    table->seededBytes = SeededSizes::read(db, table->name).value_or(-1);
    return true;
}

SchemaSnapshot SchemaSnapshot::read(const QSqlDatabase& db, const QStringList& tableNames, RowCounts counts)
{
    SchemaSnapshot snapshot;
    for (const QString& name : tableNames) {
        TableInfo table;
        table.name = name;
        if (!readTable(db, &table, counts, &snapshot.error))
            return snapshot;
        snapshot.tables.append(table);
    }
    snapshot.applied = MigrationLedger::applied(db, &snapshot.error);
    return snapshot;
}

} // namespace locklab
