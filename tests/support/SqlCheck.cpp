#include "SqlCheck.h"

#include "core/server/DatabaseConnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace locklab::test {

bool execOrWarn(const QSqlDatabase& db, const QString& sql, QVariant* first)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }
    if (first)
        *first = query.next() ? query.value(0) : QVariant();
    return true;
}

bool execOn(const ConnectionSettings& settings, const QString& sql, QVariant* first)
{
    DatabaseConnection connection(settings, "locklab-test-check");
    QString error;
    if (!connection.open(&error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return execOrWarn(connection.database(), sql, first);
}

qint64 scalarOn(const ConnectionSettings& settings, const QString& sql)
{
    QVariant value;
    if (!execOn(settings, sql, &value) || value.isNull())
        return -1;
    return value.toLongLong();
}

QStringList rowsOn(const ConnectionSettings& settings, const QString& sql)
{
    DatabaseConnection connection(settings, "locklab-test-check");
    QString error;
    if (!connection.open(&error))
        return { "connection failed: " + error };
    QSqlQuery query(connection.database());
    if (!query.exec(sql))
        return { "query failed: " + query.lastError().text() };
    QStringList rows;
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < query.record().count(); ++i)
            fields << query.value(i).toString();
        rows << fields.join(" | ");
    }
    return rows;
}

} // namespace locklab::test
