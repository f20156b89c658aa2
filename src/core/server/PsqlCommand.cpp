#include "core/server/PsqlCommand.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace locklab {

QStringList PsqlCommand::arguments(const ConnectionSettings& settings)
{
    QStringList arguments;
    if (!settings.host.isEmpty())
        arguments << "-h" << settings.host;
    if (settings.port > 0)
        arguments << "-p" << QString::number(settings.port);
    if (!settings.user.isEmpty())
        arguments << "-U" << settings.user;
    if (!settings.database.isEmpty())
        arguments << "-d" << settings.database;
    return arguments;
}

QString PsqlCommand::program(const QString& binDir)
{
    if (!binDir.isEmpty()) {
        const QString candidate = binDir + "/psql";
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    const QString onPath = QStandardPaths::findExecutable("psql");
    return onPath.isEmpty() ? QStringLiteral("psql") : onPath;
}

QString PsqlCommand::shellQuote(const QString& word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (safe.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace("'", "'\\''");
    return "'" + quoted + "'";
}

QString PsqlCommand::commandLine(const ConnectionSettings& settings, const QString& binDir)
{
    QStringList words { shellQuote(program(binDir)) };
    for (const QString& argument : arguments(settings))
        words << shellQuote(argument);
    return words.join(' ');
}

QString PsqlCommand::connectionUri(const ConnectionSettings& settings)
{
    // A socket directory cannot go in the authority part: it becomes a host= parameter.
    const bool socket = settings.host.startsWith('/');
    QString uri = "postgresql://";
    if (!settings.user.isEmpty())
        uri += QString::fromUtf8(QUrl::toPercentEncoding(settings.user)) + "@";
    if (!socket) {
        uri += settings.host;
        if (settings.port > 0)
            uri += ":" + QString::number(settings.port);
    }
    uri += "/" + QString::fromUtf8(QUrl::toPercentEncoding(settings.database));
    QStringList query;
    if (socket) {
        query << "host=" + QString::fromUtf8(QUrl::toPercentEncoding(settings.host));
        if (settings.port > 0)
            query << "port=" + QString::number(settings.port);
    }
    return query.isEmpty() ? uri : uri + "?" + query.join('&');
}

} // namespace locklab
