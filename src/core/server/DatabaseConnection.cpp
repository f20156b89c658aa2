#include "core/server/DatabaseConnection.h"

#include "core/server/SqlUtil.h"

#include <QAtomicInteger>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <libpq-fe.h>

#include <vector>

namespace locklab {

namespace {
QAtomicInteger<quint64> s_connectionCounter;

// One connection attempt with libpq itself, for what it can tell about a
// failure: the QPSQL driver closes a failed connection before we see it.
struct LoginAttempt
{
    explicit LoginAttempt(const ConnectionSettings& settings)
    {
        QMap<QString, QString> all = settings.options;
        all.insert("host", settings.host);
        if (settings.port > 0)
            all.insert("port", QString::number(settings.port));
        all.insert("user", settings.user);
        all.insert("password", settings.password);
        all.insert("dbname", settings.database);
        all.insert("application_name", "locklab-login-check");
        if (!all.contains("connect_timeout"))
            all.insert("connect_timeout", "10");
        QList<QByteArray> keys;
        QList<QByteArray> values;
        for (auto it = all.cbegin(); it != all.cend(); ++it) {
            if (it.value().isEmpty())
                continue; // empty: libpq's default (environment, ~/.pgpass)
            keys << it.key().toUtf8();
            values << it.value().toUtf8();
        }
        std::vector<const char*> keyPointers;
        std::vector<const char*> valuePointers;
        for (qsizetype i = 0; i < keys.size(); ++i) {
            keyPointers.push_back(keys.at(i).constData());
            valuePointers.push_back(values.at(i).constData());
        }
        keyPointers.push_back(nullptr);
        valuePointers.push_back(nullptr);
        conn = PQconnectdbParams(keyPointers.data(), valuePointers.data(), 0);
    }
    ~LoginAttempt() { PQfinish(conn); }
    LoginAttempt(const LoginAttempt&) = delete;
    LoginAttempt& operator=(const LoginAttempt&) = delete;

    bool failed() const { return PQstatus(conn) != CONNECTION_OK; }

    PGconn* conn = nullptr;
};
} // namespace

DatabaseConnection::DatabaseConnection(const ConnectionSettings& settings, const QString& applicationName,
                                       std::shared_ptr<StatementCanceller> canceller)
    : m_name(QString("%1-%2").arg(applicationName).arg(s_connectionCounter.fetchAndAddRelaxed(1)))
    , m_applicationName(applicationName)
    , m_settings(settings)
    , m_canceller(canceller ? std::move(canceller) : std::make_shared<StatementCanceller>())
{
}

DatabaseConnection::~DatabaseConnection()
{
    close();
    QSqlDatabase::removeDatabase(m_name);
}

bool DatabaseConnection::open(QString* error)
{
    close();
    QSqlDatabase db = QSqlDatabase::contains(m_name) ? QSqlDatabase::database(m_name, false)
                                                     : QSqlDatabase::addDatabase("QPSQL", m_name);
    if (!db.isValid()) {
        if (error)
            *error = "The Qt PostgreSQL driver (QPSQL) is not installed. Install it with "
                     "'sudo apt install libqt6sql6-psql' (or run installer/install-deps.sh).";
        return false;
    }
    m_settings.applyTo(db, m_applicationName);
    if (!db.open()) {
        if (error)
            *error = explainConnectionError(db.lastError().text(), m_settings);
        return false;
    }
    {
        QSqlQuery query(db);
        if (query.exec("SELECT pg_backend_pid()") && query.next())
            m_backendPid = query.value(0).toInt();
        // libpq prints NOTICEs ("already exists, skipping") to stderr; they are noise here.
        query.exec("SET client_min_messages = warning");
    }
    m_canceller->attach(this, libpqConnection(db));
    return true;
}

void DatabaseConnection::close()
{
    m_canceller->detach(this);
    if (QSqlDatabase::contains(m_name)) {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    m_backendPid = 0;
}

bool DatabaseConnection::isOpen() const
{
    return QSqlDatabase::contains(m_name) && QSqlDatabase::database(m_name, false).isOpen();
}

bool DatabaseConnection::isBroken() const
{
    if (!isOpen())
        return true;
    PGconn* conn = libpqConnection(database());
    return !conn || PQstatus(conn) == CONNECTION_BAD;
}

bool DatabaseConnection::checkAlive()
{
    if (!isOpen())
        return false;
    PGconn* conn = libpqConnection(database());
    if (!conn)
        return false;
    PQconsumeInput(conn);
    return PQstatus(conn) != CONNECTION_BAD;
}

QSqlDatabase DatabaseConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

pg_conn* DatabaseConnection::libpqHandle() const
{
    return isOpen() ? libpqConnection(database()) : nullptr;
}

bool DatabaseConnection::passwordWanted(const ConnectionSettings& settings)
{
    const LoginAttempt attempt(settings);
    if (!attempt.failed())
        return false;
    if (PQconnectionNeedsPassword(attempt.conn))
        return true; // asked for one, none was available
    if (!PQconnectionUsedPassword(attempt.conn))
        return false; // failed before or without password authentication
    // The server asked for the password it was given, then the connection
    // failed: a wrong password, or something checked after authentication
    // (a missing database, no CONNECT right). Only the translated message
    // tells them apart, so log in again to template1: a wrong password
    // fails there too.
    ConnectionSettings maintenance = settings;
    maintenance.database = "template1";
    const LoginAttempt again(maintenance);
    return again.failed() && PQconnectionUsedPassword(again.conn);
}

QString DatabaseConnection::explainConnectionError(const QString& driverMessage, const ConnectionSettings& settings)
{
    const QString target = settings.displayString();
    // libpq may echo parts of the connection string; the password never reaches a message.
    const QString message = ConnectionSettings::maskPasswords(driverMessage.trimmed(), { settings.password });
    const QString lower = message.toLower();
    const ConnectionSettings resolved = settings.resolvedWithLibpqDefaults();
    const QString where = resolved.port > 0 ? QString("%1:%2").arg(resolved.host).arg(resolved.port) : resolved.host;
    QString what;
    QString todo;
    if (lower.contains("database \"") && lower.contains("does not exist")) {
        what = QString("The database '%1' does not exist on that server.").arg(resolved.database);
        todo = "Check the database name, or leave it out to let LockLab create its own sandbox database.";
    } else if (lower.contains("role \"") && lower.contains("does not exist")) {
        what = QString("The server has no user (role) named '%1'.").arg(resolved.user);
        todo = "Check the user name, or ask the server's administrator to create the role.";
    } else if (lower.contains("no password supplied")) {
        what = QString("The server asks for a password for '%1' and none was given.").arg(resolved.user);
        todo = "Put the password in ~/.pgpass (host:port:database:user:password, mode 0600) or in the "
               "connection string.";
    } else if (lower.contains("password authentication failed") || lower.contains("authentication failed")) {
        what = QString("The server refused the user name or password (user '%1').").arg(resolved.user);
        todo = "Check the user and password, or put the password in ~/.pgpass.";
    } else if (lower.contains("no pg_hba.conf entry") || lower.contains("pg_hba.conf rejects")) {
        what = "The server does not accept connections from this machine for that user and database "
               "(its pg_hba.conf has no matching entry).";
        todo = "Ask the server's administrator to allow the connection, or use another user or database.";
    } else if (lower.contains("permission denied for database") || lower.contains("connect privilege")) {
        what = QString("The user '%1' may not connect to the database '%2'.").arg(resolved.user, resolved.database);
        todo = "Ask the server's administrator for CONNECT on it, or use another database.";
    } else if (lower.contains("could not translate host name") || lower.contains("name or service not known")
               || lower.contains("temporary failure in name resolution")) {
        what = QString("The host name '%1' could not be resolved.").arg(resolved.host);
        todo = "Check the host name for typos and your network connection.";
    } else if (lower.contains("timeout expired")) {
        what = QString("No answer from %1 within the connection timeout.").arg(where);
        todo = "Check the host and port, and that no firewall drops the connection; a slow network may need a "
               "longer connect_timeout.";
    } else if (lower.contains("received invalid response to ssl negotiation")
               || lower.contains("expected authentication request") || lower.contains("invalid response")
               || lower.contains("server closed the connection unexpectedly")) {
        what = QString("Something answered at %1, but it is not a PostgreSQL server.").arg(where);
        todo = "Check the port: it may belong to another service (PostgreSQL usually listens on 5432).";
    } else if (lower.contains("connection refused") || lower.contains("no such file or directory")
               || lower.contains("could not connect") || lower.contains("network is unreachable")
               || lower.contains("no route to host")) {
        what = QString("No PostgreSQL server answered at %1.").arg(where);
        todo = "Check the host and port, and that the server is running and accepts connections.";
    } else {
        what = "The connection failed.";
        todo = "Check the connection settings.";
    }
    return QString("%1 %2\n\nTarget: %3\nServer said: %4").arg(what, todo, target, message);
}

} // namespace locklab
