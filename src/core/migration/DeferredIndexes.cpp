#include "core/migration/DeferredIndexes.h"

#include "core/server/SqlUtil.h"

#include <QSqlError>
#include <QSqlQuery>

namespace locklab {

namespace {
bool exec(QSqlQuery* query, const QString& sql, const QString& table, QString* error)
{
    query->setForwardOnly(true);
    if (query->prepare(sql)) {
        query->bindValue(0, table);
        if (query->exec())
            return true;
    }
    *error = QString("Could not read the indexes of %1 from the catalog: %2")
                 .arg(table, query->lastError().databaseText().trimmed());
    return false;
}
} // namespace

bool DeferredIndexes::read(const QSqlDatabase& db, const QString& table, DeferredIndexes* result, QString* error)
{
    *result = {};
    const QString relation = "to_regclass(quote_ident(CAST(? AS text)))";
    QSqlQuery query(db);

    // Foreign keys first (one pointing at the table's primary key would keep it
    // from being dropped), then the constraints that own an index.
    QStringList foreignKeys;
    QStringList owningIndexes;
    if (!exec(&query,
              QString("SELECT c.contype = 'f', c.conrelid::regclass::text, quote_ident(c.conname), "
                      "pg_get_constraintdef(c.oid) FROM pg_constraint c, %1 AS t(oid) "
                      "WHERE (c.conrelid = t.oid AND c.contype IN ('p', 'u', 'x', 'f')) "
                      "OR (c.confrelid = t.oid AND c.contype = 'f') "
                      "ORDER BY c.contype = 'f' DESC, c.conname")
                  .arg(relation),
              table, error))
        return false;
    while (query.next()) {
        const QString on = query.value(1).toString();
        const QString name = query.value(2).toString();
        result->drop << QString("ALTER TABLE %1 DROP CONSTRAINT %2").arg(on, name);
        (query.value(0).toBool() ? foreignKeys : owningIndexes)
            << QString("ALTER TABLE %1 ADD CONSTRAINT %2 %3").arg(on, name, query.value(3).toString());
    }

    // Indexes that no constraint owns.
    QStringList plainIndexes;
    if (!exec(&query,
              QString("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i, "
                      "%1 AS t(oid) WHERE i.indrelid = t.oid AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                      "WHERE c.conindid = i.indexrelid AND c.conrelid = t.oid AND c.contype IN ('p', 'u', 'x')) "
                      "ORDER BY 1")
                  .arg(relation),
              table, error))
        return false;
    while (query.next()) {
        result->drop << "DROP INDEX " + query.value(0).toString();
        plainIndexes << query.value(1).toString();
    }
    result->restore << owningIndexes << plainIndexes << foreignKeys;

    // setval(max) leaves a sequence exactly where drawing max ids from it would
    // have: last_value = max, is_called. An empty table leaves it untouched.
    if (!exec(&query,
              QString("SELECT quote_ident(a.attname), pg_get_serial_sequence(t.oid::regclass::text, a.attname) "
                      "FROM pg_attribute a, %1 AS t(oid) WHERE a.attrelid = t.oid AND a.attnum > 0 "
                      "AND NOT a.attisdropped AND pg_get_serial_sequence(t.oid::regclass::text, a.attname) "
                      "IS NOT NULL ORDER BY a.attnum")
                  .arg(relation),
              table, error))
        return false;
    while (query.next()) {
        result->restore << QString("SELECT setval(%1, max(%2)) FROM %3")
                               .arg(quoteLiteral(query.value(1).toString()), query.value(0).toString(),
                                    quoteIdentifier(table));
    }
    return true;
}

} // namespace locklab
