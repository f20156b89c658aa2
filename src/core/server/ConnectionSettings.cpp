#include "core/server/ConnectionSettings.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QStringList>
#include <QUrl>

#include <libpq-fe.h>

#include <algorithm>

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
    return ConnectionSettings::conninfoQuoted(value);
}

// Backslashes and apostrophes escaped, as inside libpq's quotes.
QString conninfoEscaped(const QString& value)
{
    QString escaped = value;
    escaped.replace('\\', "\\\\").replace('\'', "\\'");
    return escaped;
}

} // namespace

ConnectionSettings ConnectionSettings::fromConnectionString(const QString& connectionString, QString* error)
{
    ConnectionSettings settings;
    char* parseError = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(connectionString.toUtf8().constData(), &parseError);
    if (!parsed) {
        if (error) {
            // libpq echoes the offending token, which may be the password.
            const QString reason = maskPasswords(parseError ? QString::fromUtf8(parseError).trimmed()
                                                            : QString("out of memory"),
                                                 passwordsIn(connectionString));
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
                    *error = QString("The port '%1' is not a number between 1 and 65535. Use the port the server "
                                     "listens on (PostgreSQL's default is 5432).")
                                 .arg(value);
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

QStringList ConnectionSettings::passwordsIn(const QString& connectionString)
{
    QStringList found;
    // postgresql://user:password@host..., also in multi-host URIs.
    static const QRegularExpression uri("^\\s*postgres(?:ql)?://[^@/?]*?:([^@/?]*)@");
    const QRegularExpressionMatch uriMatch = uri.match(connectionString);
    if (uriMatch.hasMatch())
        found << uriMatch.captured(1);
    // ?password=... in a URI, password=... or password = '...' in key=value strings.
    static const QRegularExpression keyValue("(?:^|[\\s?&])password\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'?|[^\\s&]*)");
    QRegularExpressionMatchIterator it = keyValue.globalMatch(connectionString);
    while (it.hasNext()) {
        QString value = it.next().captured(1);
        if (value.startsWith('\''))
            value = value.mid(1, value.endsWith('\'') && value.size() > 1 ? value.size() - 2 : -1);
        found << value;
    }
    QStringList all;
    for (const QString& password : std::as_const(found)) {
        if (password.isEmpty())
            continue;
        all << password << QUrl::fromPercentEncoding(password.toUtf8());
    }
    all.removeDuplicates();
    return all;
}

QString ConnectionSettings::conninfoQuoted(const QString& value)
{
    return '\'' + conninfoEscaped(value) + '\'';
}

QString ConnectionSettings::maskPasswords(const QString& text, const QStringList& passwords)
{
    QString masked = text;
    QStringList variants;
    for (const QString& password : passwords) {
        if (password.isEmpty())
            continue;
        variants << password << conninfoEscaped(password) << QString::fromUtf8(QUrl::toPercentEncoding(password));
    }
    variants.removeDuplicates();
    // Longest first, so a shorter variant does not leave part of a longer one.
    std::sort(variants.begin(), variants.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
    for (const QString& variant : std::as_const(variants)) {
        if (variant.size() >= 4) {
            masked.replace(variant, "***");
        } else {
            // A very short password would turn every matching letter of the
            // message into ***: mask it only where it stands on its own.
            masked.replace(QRegularExpression("(?<![\\w%])" + QRegularExpression::escape(variant) + "(?![\\w%])"),
                           "***");
        }
    }
    static const QRegularExpression keyValue("(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^\\s&\"]+)",
                                             QRegularExpression::CaseInsensitiveOption);
    masked.replace(keyValue, "\\1***");
    static const QRegularExpression uri("(postgres(?:ql)?://[^@/?\\s:]*:)[^@/?\\s]*@");
    masked.replace(uri, "\\1***@");
    return masked;
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
