#include "core/observe/LockMonitorWorker.h"

#include "core/observe/QueuedCall.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/SqlUtil.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace locklab {

namespace {
constexpr int kReconnectEveryMs = 1000;
constexpr int kQueryChars = 160;

QString shortened(const QString& query)
{
    const QString flat = query.simplified();
    return flat.size() <= kQueryChars ? flat : flat.left(kQueryChars - 1) + QChar(0x2026);
}

QList<int> parsePids(const QString& list)
{
    QList<int> pids;
    for (const QString& part : list.split(QLatin1Char(','), Qt::SkipEmptyParts))
        pids.append(part.toInt());
    return pids;
}
} // namespace

QString LockMonitorWorker::locksSql(int serverVersionNumber)
{
    // Before PostgreSQL 14 the best guess of when a lock wait began is when
    // the waiting backend last changed state.
    const QString waitStart = serverVersionNumber >= 140000
        ? QStringLiteral("coalesce(l.waitstart, CASE WHEN a.wait_event_type = 'Lock' THEN a.state_change END)")
        : QStringLiteral("CASE WHEN a.wait_event_type = 'Lock' THEN a.state_change END");
    // Relation-level locks only (virtualxid/transactionid rows say nothing
    // about tables), granted and waiting, in this database, without our own
    // backend and without the catalog locks every DDL takes in passing. A
    // relation we cannot see in pg_class (created or dropped in a transaction
    // not yet committed) is kept and shows as its OID. The parallel workers of
    // a statement (a CREATE INDEX's) hold copies of its leader's locks under
    // the same application name: the leader's rows say it once.
    return QStringLiteral(
               "SELECT l.pid, coalesce(a.application_name, ''), l.relation::regclass::text, l.mode, l.granted, "
               "  CASE WHEN l.granted THEN 0 "
               "       ELSE coalesce(extract(epoch FROM clock_timestamp() - %1) * 1000, 0) END, "
               "  CASE WHEN l.granted THEN '' ELSE array_to_string(pg_blocking_pids(l.pid), ',') END, "
               "  coalesce(a.query, ''), "
               "  coalesce(ix.indrelid::regclass::text, l.relation::regclass::text) "
               "FROM pg_locks l "
               "LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
               "LEFT JOIN pg_class c ON c.oid = l.relation "
               "LEFT JOIN pg_namespace n ON n.oid = c.relnamespace "
               "LEFT JOIN pg_index ix ON ix.indexrelid = l.relation "
               "WHERE l.locktype = 'relation' "
               "  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
               "  AND l.pid <> pg_backend_pid() "
               "  AND coalesce(a.backend_type, '') <> 'parallel worker' "
               "  AND coalesce(n.nspname, '') NOT IN ('pg_catalog', 'information_schema') "
               "  AND coalesce(n.nspname, '') NOT LIKE 'pg\\_toast%' "
               "ORDER BY l.granted DESC, l.pid, 3, l.mode")
        .arg(waitStart);
}

LockMonitorWorker::LockMonitorWorker(const ConnectionSettings& settings, int intervalMs, const RunClock& clock,
                                     std::shared_ptr<StopHandle> stop, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_intervalMs(intervalMs)
    , m_clock(clock)
    , m_stop(std::move(stop))
    , m_timer(this) // a child, so it moves to the worker's thread with us
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LockMonitorWorker::poll);
}

LockMonitorWorker::~LockMonitorWorker()
{
    ownerDone(this);
    setConnection(nullptr);
}

void LockMonitorWorker::begin()
{
    QString error;
    const bool ok = connectNow(&error);
    emit opened(ok, error);
    m_t0 = m_clock.nowMs();
    m_poll = 0;
    poll();
}

void LockMonitorWorker::poll()
{
    if (m_stop->isStopping())
        return;
    if (!m_connection && m_clock.nowMs() - m_lastAttemptMs >= kReconnectEveryMs) {
        QString error;
        if (!connectNow(&error))
            report(QStringLiteral("The lock monitor cannot connect: %1").arg(error));
    }
    if (m_connection)
        runQuery();
    // Polls keep their schedule; a missed poll is skipped, not made up for,
    // since a burst of snapshots would tell nothing new.
    const double now = m_clock.nowMs();
    m_poll = std::max(m_poll + 1, qint64(std::floor((now - m_t0) / m_intervalMs)) + 1);
    double next = m_t0 + double(m_poll) * m_intervalMs;
    if (now < m_closeUntilMs)
        next = std::min(next, now + m_closeMs);
    m_timer.start(std::max(0, int(std::ceil(next - now))));
}

void LockMonitorWorker::pollClosely(int everyMs, int forMs)
{
    if (!m_connection || m_stop->isStopping())
        return; // not connected yet (begin() polls first) or reconnecting on its own schedule
    m_closeMs = std::max(1, everyMs);
    m_closeUntilMs = m_clock.nowMs() + forMs;
    m_timer.stop();
    poll();
}

void LockMonitorWorker::runQuery()
{
    QList<LockRow> rows;
    QString failure;
    QString sqlState;
    // The locks as of the moment the statement was sent.
    const double atMs = m_clock.nowMs();
    {
        QSqlQuery query(m_connection->database());
        query.setForwardOnly(true);
        if (query.exec(m_sql)) {
            while (query.next()) {
                LockRow row;
                row.pid = query.value(0).toInt();
                row.applicationName = query.value(1).toString();
                row.who = LockRow::whoFromApplicationName(row.applicationName);
                row.relation = query.value(2).toString();
                row.mode = query.value(3).toString();
                row.granted = query.value(4).toBool();
                row.waitingMs = query.value(5).toDouble();
                row.blockedBy = parsePids(query.value(6).toString());
                row.query = shortened(query.value(7).toString());
                row.table = query.value(8).toString();
                rows.append(row);
            }
        } else {
            failure = query.lastError().text().trimmed();
            sqlState = query.lastError().nativeErrorCode();
        }
    }
    if (failure.isEmpty()) {
        m_failing = false;
        emit snapshot(rows, atMs);
        return;
    }
    if (m_stop->isStopping())
        return;
    report(QStringLiteral("The lock monitor's query failed: %1").arg(failure));
    // No SQLSTATE means libpq's own error (the socket closed); 57P/08 the server ending the session.
    const bool lost = isConnectionLostState(sqlState) || (sqlState.isEmpty() && m_connection->isBroken());
    if (lost)
        setConnection(nullptr); // reconnect at a later poll
}

bool LockMonitorWorker::connectNow(QString* error)
{
    m_lastAttemptMs = m_clock.nowMs();
    auto connection = std::make_unique<DatabaseConnection>(m_settings, QStringLiteral("locklab-monitor"),
                                                           m_stop->canceller());
    if (!connection->open(error))
        return false;
    {
        QSqlQuery query(connection->database());
        // Catalog reads should never wait, but if one did the monitor must
        // not hang: a poll that takes longer than this is abandoned.
        query.exec(QStringLiteral("SET statement_timeout = %1").arg(std::max(1000, 5 * m_intervalMs)));
        const int version = query.exec(QStringLiteral("SHOW server_version_num")) && query.next()
            ? query.value(0).toInt()
            : 0;
        m_sql = locksSql(version);
    }
    setConnection(std::move(connection));
    m_failing = false;
    return true;
}

// Reports a failure once, not at every poll while it lasts.
void LockMonitorWorker::report(const QString& message)
{
    if (!m_failing)
        emit problem(message);
    m_failing = true;
}

void LockMonitorWorker::setConnection(std::unique_ptr<DatabaseConnection> connection)
{
    // The old one closes and removes its QSqlDatabase here, on this thread.
    m_connection = std::move(connection);
}

} // namespace locklab
