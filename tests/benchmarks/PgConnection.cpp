#include "PgConnection.h"

#include <QElapsedTimer>
#include <QStringList>
#include <libpq-fe.h>

namespace locklab::bench {

PgConnection::~PgConnection()
{
    close();
}

QByteArray PgConnection::conninfo(const ConnectionSettings& settings, const QString& applicationName)
{
    QStringList parts;
    auto add = [&parts](const QString& key, const QString& value) {
        if (!value.isEmpty())
            parts << key + '=' + ConnectionSettings::conninfoQuoted(value);
    };
    add("host", settings.host);
    add("port", settings.port > 0 ? QString::number(settings.port) : QString());
    add("user", settings.user);
    add("password", settings.password);
    add("dbname", settings.database);
    for (auto it = settings.options.cbegin(); it != settings.options.cend(); ++it)
        add(it.key(), it.value());
    add("application_name", applicationName);
    return parts.join(' ').toUtf8();
}

bool PgConnection::open(const ConnectionSettings& settings, const QString& applicationName, QString* error)
{
    close();
    m_conn = PQconnectdb(conninfo(settings, applicationName).constData());
    if (PQstatus(m_conn) == CONNECTION_OK) {
        // NOTICEs ("table does not exist, skipping") are not the benchmark's output.
        PQsetNoticeProcessor(
            m_conn, [](void*, const char*) {}, nullptr);
        return true;
    }
    if (error)
        *error = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    close();
    return false;
}

void PgConnection::close()
{
    if (m_conn)
        PQfinish(m_conn);
    m_conn = nullptr;
}

bool PgConnection::exec(const QString& sql, QString* error)
{
    if (!m_conn) {
        if (error)
            *error = "not connected";
        return false;
    }
    PGresult* result = PQexec(m_conn, sql.toUtf8().constData());
    const ExecStatusType status = PQresultStatus(result);
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok && error)
        *error = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    PQclear(result);
    return ok;
}

QString PgConnection::scalar(const QString& sql, QString* error)
{
    if (!m_conn)
        return QString();
    PGresult* result = PQexec(m_conn, sql.toUtf8().constData());
    QString value;
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0)
        value = QString::fromUtf8(PQgetvalue(result, 0, 0));
    else if (error)
        *error = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    PQclear(result);
    return value;
}

double PgConnection::timed(const QString& sql, QString* error)
{
    QElapsedTimer clock;
    clock.start();
    const bool ok = exec(sql, error);
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    return ok ? ms : -1;
}

} // namespace locklab::bench
