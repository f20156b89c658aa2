#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

class QSqlDatabase;

namespace locklab {

struct ColumnInfo
{
    QString name;
    QString type; // "character varying(20)"
    bool nullable = true;
    QString defaultValue;
    bool operator==(const ColumnInfo& o) const
    {
        return name == o.name && type == o.type && nullable == o.nullable && defaultValue == o.defaultValue;
    }
};

struct ConstraintInfo
{
    QString name;
    QString definition; // "CHECK ((status IS NOT NULL)) NOT VALID"
    bool validated = true;
    bool operator==(const ConstraintInfo& o) const
    {
        return name == o.name && definition == o.definition && validated == o.validated;
    }
};

// An index as `\d` lists it. A concurrent build that failed or was
// cancelled leaves its index behind with valid == false: never used by
// queries, possibly still maintained by every write.
struct IndexInfo
{
    QString name;
    QString definition; // "CREATE UNIQUE INDEX large_user_email_key ON public.large_user USING btree (email)"
    bool valid = true;
    bool operator==(const IndexInfo& o) const
    {
        return name == o.name && definition == o.definition && valid == o.valid;
    }
};

struct TableInfo
{
    QString name;
    bool exists = false;
    QList<ColumnInfo> columns;
    QList<ConstraintInfo> constraints;
    QList<IndexInfo> indexes;
    // Exact (count(*)), or with rowCountEstimated the planner's estimate
    // (pg_class.reltuples as of the last ANALYZE or VACUUM); -1: not known
    // (a large table neither has run on yet).
    qint64 rowCount = -1;
    bool rowCountEstimated = false;
    // Whether runs stay comparable: old row versions an UPDATE left behind
    // (pg_stat_user_tables.n_dead_tup, updated by the server a moment after
    // a transaction ends), the table's own size (pg_relation_size) and what
    // it was right after seeding (-1: not known), and how many dropped
    // columns it carries toward PostgreSQL's 1,600-column limit.
    qint64 deadRows = -1;
    qint64 sizeBytes = -1;
    qint64 seededBytes = -1;
    int droppedColumns = 0;

    const ColumnInfo* column(const QString& columnName) const;
};

// How a snapshot counts rows: count(*) reads the whole table (seconds at
// 50M rows), the estimate only the catalog. Views show the estimate.
enum class RowCounts { Exact, Estimated };

struct AppliedMigration
{
    QString name;
    QDateTime appliedAt;
    double durationMs = 0;
};

// What `\d table` and `showmigrations` would show, read after every step.
struct SchemaSnapshot
{
    QList<TableInfo> tables;
    QList<AppliedMigration> applied; // in the order they were applied
    QString error; // non-empty when the snapshot could not be read

    const TableInfo* table(const QString& name) const;
    bool isApplied(const QString& migration) const;

    // Reads the given tables of the public schema and the ledger.
    static SchemaSnapshot read(const QSqlDatabase& db, const QStringList& tableNames,
                               RowCounts counts = RowCounts::Exact);
};

} // namespace locklab
