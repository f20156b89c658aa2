#include "ConnectionSettings.h"

#include <QSqlDatabase>
#include <QRegularExpression>
#include <QStringList>

#include <libpq-fe.h>

namespace locklab {

namespace {

const char* const kEnvironmentServerVariables[] = { "PGHOST", "PGHOSTADDR", "PGPORT",
                                                    "PGUSER", "PGDATABASE", "PGSERVICE" };

// QPSQL joins connect options with spaces into a libpq conninfo string, so
// values with spaces, quotes or backslashes need libpq's quoting.
QString quoteConninfoValue(const QString& value)
{
    if (!value.isEmpty() && !value.contains(QRegularExpression("[\\s'\\\\;]")))
        return value;
    QString quoted = value;
    quoted.replace('\\', "\\\\").replace('\'', "\\'");
    return '\'' + quoted + '\'';
}

} // namespace

ConnectionSettings ConnectionSettings::fromConnectionString(const QString& connectionString, QString* error)
{
    ConnectionSettings settings;
    char* parseError = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(connectionString.toUtf8().constData(), &parseError);
    if (!parsed) {
        if (error) {
            const QString reason = parseError ? QString::fromUtf8(parseError).trimmed() : QString("out of memory");
            *error = QString("The connection string could not be parsed: %1. Use a URI like "
                             "postgresql://user@host:5432/dbname or key=value pairs like "
                             "'host=db.example.org dbname=app'.")
                         .arg(reason);
        }
        PQfreemem(parseError);
        return settings;
    }
    for (PQconninfoOption* option = parsed; option->keyword; ++option) {
        if (!option->val)
            continue;
        const QString key = QString::fromUtf8(option->keyword);
        const QString value = QString::fromUtf8(option->val);
        if (key == "host" || key == "hostaddr") {
            if (settings.host.isEmpty() || key == "host")
                settings.host = value;
        } else if (key == "port") {
            bool ok = false;
            settings.port = value.toInt(&ok);
            if (!ok || settings.port <= 0 || settings.port > 65535) {
                if (error)
                    *error = QString("The port '%1' is not a number between 1 and 65535.").arg(value);
                PQconninfoFree(parsed);
                return {};
            }
        } else if (key == "user") {
            settings.user = value;
        } else if (key == "password") {
            settings.password = value;
        } else if (key == "dbname") {
            settings.database = value;
        } else {
            settings.options.insert(key, value);
        }
    }
    PQconninfoFree(parsed);
    if (error)
        error->clear();
    return settings;
}

bool ConnectionSettings::environmentNamesAServer()
{
    for (const char* name : kEnvironmentServerVariables) {
        if (!qEnvironmentVariableIsEmpty(name))
            return true;
    }
    return false;
}

ConnectionSettings ConnectionSettings::resolvedWithLibpqDefaults() const
{
    ConnectionSettings resolved = *this;
    PQconninfoOption* defaults = PQconndefaults();
    if (!defaults)
        return resolved;
    for (PQconninfoOption* option = defaults; option->keyword; ++option) {
        if (!option->val)
            continue;
        const QString key = QString::fromUtf8(option->keyword);
        const QString value = QString::fromUtf8(option->val);
        if (key == "host" && resolved.host.isEmpty())
            resolved.host = value;
        else if (key == "port" && resolved.port == 0)
            resolved.port = value.toInt();
        else if (key == "user" && resolved.user.isEmpty())
            resolved.user = value;
        else if (key == "dbname" && resolved.database.isEmpty())
            resolved.database = value;
    }
    PQconninfoFree(defaults);
    if (resolved.host.isEmpty())
        resolved.host = "/var/run/postgresql";
    if (resolved.database.isEmpty())
        resolved.database = resolved.user;
    return resolved;
}

ConnectionSettings ConnectionSettings::withDatabase(const QString& name) const
{
    ConnectionSettings copy = *this;
    copy.database = name;
    return copy;
}

QString ConnectionSettings::displayString() const
{
    QString text;
    if (!user.isEmpty())
        text += user + (password.isEmpty() ? "@" : ":***@");
    text += host.isEmpty() ? QString("(default host)") : host;
    if (port > 0)
        text += ':' + QString::number(port);
    text += '/' + (database.isEmpty() ? QString("(default database)") : database);
    return text;
}

void ConnectionSettings::applyTo(QSqlDatabase& db, const QString& applicationName) const
{
    db.setHostName(host);
    if (port > 0)
        db.setPort(port);
    db.setUserName(user);
    db.setPassword(password);
    db.setDatabaseName(database);

    QStringList parts;
    QMap<QString, QString> all = options;
    all.insert("application_name", applicationName);
    if (!all.contains("connect_timeout"))
        all.insert("connect_timeout", "10");
    for (auto it = all.cbegin(); it != all.cend(); ++it)
        parts << it.key() + '=' + quoteConninfoValue(it.value());
    db.setConnectOptions(parts.join(';'));
}

bool ConnectionSettings::operator==(const ConnectionSettings& other) const
{
    return host == other.host && port == other.port && user == other.user && password == other.password
        && database == other.database && options == other.options;
}

} // namespace locklab
