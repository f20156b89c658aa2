#include "SqlUtil.h"

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

} // namespace locklab
