#include "core/server/SqlUtil.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <libpq-fe.h>

namespace locklab {

QString quoteIdentifier(const QString& identifier)
{
    QString escaped = identifier;
    escaped.replace('"', "\"\"");
    return '"' + escaped + '"';
}

QString quoteLiteral(const QString& value)
{
    QString escaped = value;
    escaped.replace('\'', "''");
    if (escaped.contains('\\')) {
        escaped.replace('\\', "\\\\");
        return "E'" + escaped + '\'';
    }
    return '\'' + escaped + '\'';
}

pg_conn* libpqConnection(const QSqlDatabase& db)
{
    const QVariant handle = db.isOpen() && db.driver() ? db.driver()->handle() : QVariant();
    // Qt 6.4 names the metatype after libpq's struct ("pg_conn*"); older
    // releases used the typedef ("PGconn*").
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return nullptr;
    return *static_cast<PGconn* const*>(handle.constData());
}

namespace {
template<typename Escape, typename Fallback>
QString escapeWith(const QSqlDatabase& db, const QString& text, Escape escape, Fallback fallback)
{
    PGconn* conn = libpqConnection(db);
    if (!conn)
        return fallback(text);
    const QByteArray utf8 = text.toUtf8();
    char* escaped = escape(conn, utf8.constData(), size_t(utf8.size()));
    if (!escaped)
        return fallback(text); // only on out-of-memory or text invalid in the client encoding
    const QString result = QString::fromUtf8(escaped);
    PQfreemem(escaped);
    return result;
}
} // namespace

QString escapeIdentifier(const QSqlDatabase& db, const QString& identifier)
{
    return escapeWith(db, identifier, PQescapeIdentifier, quoteIdentifier);
}

QString escapeLiteral(const QSqlDatabase& db, const QString& value)
{
    return escapeWith(db, value, PQescapeLiteral, quoteLiteral);
}

bool execPrepared(QSqlQuery& query, const QString& sql, const QVariantList& values, QString* error,
                  const QString& context)
{
    bool ok = query.prepare(sql);
    if (ok) {
        for (const QVariant& value : values)
            query.addBindValue(value);
        ok = query.exec();
    }
    if (!ok && error)
        *error = context.isEmpty() ? query.lastError().text() : context + ": " + query.lastError().text();
    return ok;
}

std::optional<bool> relationExists(const QSqlDatabase& db, const QString& qualifiedName, QString* error)
{
    QSqlQuery query(db);
    if (!execPrepared(query, "SELECT to_regclass(?::text) IS NOT NULL", { qualifiedName }, error) || !query.next())
        return std::nullopt;
    return query.value(0).toBool();
}

bool ensureLocklabTable(QSqlDatabase& db, const QString& createTableSql, const QString& context, QString* error)
{
    QSqlQuery query(db);
    if (query.exec("CREATE SCHEMA IF NOT EXISTS locklab") && query.exec(createTableSql))
        return true;
    *error = context + ": " + query.lastError().text();
    return false;
}

bool isConnectionLostState(const QString& sqlState)
{
    return sqlState.startsWith(QLatin1String("57P")) || sqlState.startsWith(QLatin1String("08"));
}

} // namespace locklab
