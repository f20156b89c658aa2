#include "core/server/SqlUtil.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

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

std::optional<bool> relationExists(const QSqlDatabase& db, const QString& qualifiedName, QString* error)
{
    QSqlQuery query(db);
    query.prepare("SELECT to_regclass(?::text) IS NOT NULL");
    query.addBindValue(qualifiedName);
    if (!query.exec() || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return std::nullopt;
    }
    return query.value(0).toBool();
}

bool isConnectionLostState(const QString& sqlState)
{
    return sqlState.startsWith(QLatin1String("57P")) || sqlState.startsWith(QLatin1String("08"));
}

} // namespace locklab
