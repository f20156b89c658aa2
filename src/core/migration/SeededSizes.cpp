#include "core/migration/SeededSizes.h"

#include "core/server/SqlUtil.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace locklab {

bool SeededSizes::ensureTable(QSqlDatabase& db, QString* error)
{
    return ensureLocklabTable(db,
                              "CREATE TABLE IF NOT EXISTS locklab.seeded_sizes (table_name text PRIMARY KEY, "
                              "bytes bigint NOT NULL, seeded_at timestamptz NOT NULL DEFAULT clock_timestamp())",
                              "Could not create locklab.seeded_sizes", error);
}

QString SeededSizes::recordSql(const QString& table)
{
    // pg_relation_size: the table's own pages, the ones every sequential scan reads.
    return QString("INSERT INTO locklab.seeded_sizes (table_name, bytes) VALUES (%1, pg_relation_size(%2)) "
                   "ON CONFLICT (table_name) DO UPDATE SET bytes = EXCLUDED.bytes, seeded_at = clock_timestamp()")
        .arg(quoteLiteral(table), quoteLiteral("public." + quoteIdentifier(table)));
}

std::optional<qint64> SeededSizes::read(const QSqlDatabase& db, const QString& table)
{
    QString error;
    const std::optional<bool> exists = relationExists(db, "locklab.seeded_sizes", &error);
    if (!exists || !*exists)
        return std::nullopt;
    QSqlQuery query(db);
    if (!execPrepared(query, "SELECT bytes FROM locklab.seeded_sizes WHERE table_name = ?", { table }) || !query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

} // namespace locklab
