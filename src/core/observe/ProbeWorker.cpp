#include "core/observe/ProbeWorker.h"

#include "core/server/DatabaseConnection.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

#include <libpq-fe.h>

namespace locklab {

namespace {
constexpr int kFirstBackoffMs = 200;
constexpr int kMaxBackoffMs = 2000;
constexpr const char* kQueryCanceled = "57014"; // statement_timeout or a cancel request

bool connectionLostState(const QString& sqlState)
{
    // 57P01..57P05: terminated by an administrator, crash, shutdown; class 08: connection exception.
    return sqlState.startsWith(QLatin1String("57P")) || sqlState.startsWith(QLatin1String("08"));
}

// DatabaseConnection::cancelRunningStatement() looks for libpq's handle under
// the type name "PGconn*", but Qt 6 names it "pg_conn*" (the struct behind the
// typedef), so it has no cancel object and fails. Until that is fixed the
// worker keeps its own, found the same way under either name: stop() must be
// able to cancel a probe that waits on a lock.
PGcancel* cancelObjectFor(const QSqlDatabase& db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "PGconn*") != 0 && qstrcmp(handle.typeName(), "pg_conn*") != 0))
        return nullptr;
    PGconn* conn = *static_cast<PGconn* const*>(handle.constData());
    return conn ? PQgetCancel(conn) : nullptr;
}

QString describe(const QSqlError& error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.text().trimmed();
    const QString state = error.nativeErrorCode();
    return state.isEmpty() ? text : QStringLiteral("%1 (SQLSTATE %2)").arg(text, state);
}
} // namespace

ProbeWorker::ProbeWorker(int probe, const ConnectionSettings& settings, const ProbeSettings& probeSettings,
                         const RunClock& clock, QObject* parent)
    : QObject(parent)
    , m_probe(probe)
    , m_settings(settings)
    , m_sql(probeSettings.probeSql())
    , m_timeoutMs(probeSettings.timeoutMs)
    , m_clock(clock)
    , m_reconnectTimer(this) // a child, so it moves to the worker's thread with us
    , m_backoffMs(kFirstBackoffMs)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ProbeWorker::reconnect);
}

ProbeWorker::~ProbeWorker()
{
    setConnection(nullptr);
}

void ProbeWorker::open()
{
    QString error;
    const bool ok = connectNow(&error);
    emit opened(m_probe, ok, error);
    if (!ok)
        scheduleReconnect();
}

void ProbeWorker::probe(ProbeSample sample)
{
    if (m_stopping.loadRelaxed())
        return;
    if (!m_connection) {
        // The pool keeps this probe in its round robin while it reconnects, so
        // the gap shows up in the record as errors rather than vanishing.
        sample.startMs = m_clock.nowMs();
        sample.outcome = ProbeOutcome::Error;
        sample.message = QStringLiteral("reconnecting: %1").arg(m_lastError);
        emit finished(m_probe, sample);
        return;
    }
    QString lostMessage;
    {
        QSqlQuery query(m_connection->database());
        query.setForwardOnly(true);
        // Time only the round trip, as a client would see it.
        sample.startMs = m_clock.nowMs();
        const bool ok = query.exec(m_sql);
        while (ok && query.next()) { }
        sample.latencyMs = m_clock.nowMs() - sample.startMs;
        if (ok) {
            sample.outcome = ProbeOutcome::Ok;
        } else {
            const QSqlError error = query.lastError();
            const QString state = error.nativeErrorCode();
            sample.message = describe(error);
            // While running, only our own statement_timeout cancels a probe.
            sample.outcome = state == QLatin1String(kQueryCanceled) && !m_stopping.loadRelaxed() ? ProbeOutcome::Timeout
                                                                                                 : ProbeOutcome::Error;
            // An error with an SQLSTATE came from a live server; one without
            // is libpq's own (the socket closed), and isBroken() confirms it.
            if (connectionLostState(state) || (state.isEmpty() && m_connection->isBroken()))
                lostMessage = sample.message;
        }
    }
    emit finished(m_probe, sample);
    if (!lostMessage.isEmpty()) {
        m_lastError = lostMessage;
        setConnection(nullptr);
        emit problem(m_probe, QStringLiteral("lost its connection: %1").arg(lostMessage));
        m_backoffMs = kFirstBackoffMs;
        scheduleReconnect();
    }
}

void ProbeWorker::requestStop()
{
    m_stopping.storeRelaxed(1);
    QMutexLocker locker(&m_connectionMutex);
    if (m_connection && !m_connection->cancelRunningStatement() && m_cancel) {
        char buffer[256] = {};
        PQcancel(m_cancel, buffer, sizeof buffer);
    }
}

bool ProbeWorker::connectNow(QString* error)
{
    auto connection = std::make_unique<DatabaseConnection>(m_settings, QStringLiteral("locklab-probe-%1").arg(m_probe));
    if (!connection->open(error)) {
        m_lastError = *error;
        return false;
    }
    {
        // A probe that waits longer than this ends as a timeout, like curl --max-time.
        QSqlQuery query(connection->database());
        if (!query.exec(QStringLiteral("SET statement_timeout = %1").arg(m_timeoutMs))) {
            *error = describe(query.lastError());
            m_lastError = *error;
            return false;
        }
    }
    PGcancel* cancel = cancelObjectFor(connection->database());
    setConnection(std::move(connection), cancel);
    return true;
}

void ProbeWorker::scheduleReconnect()
{
    if (m_stopping.loadRelaxed())
        return;
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
}

void ProbeWorker::reconnect()
{
    if (m_stopping.loadRelaxed())
        return;
    QString error;
    if (connectNow(&error)) {
        m_backoffMs = kFirstBackoffMs;
        return;
    }
    emit problem(m_probe, QStringLiteral("could not reconnect: %1").arg(error));
    scheduleReconnect();
}

// Replaces the connection under the mutex so requestStop() never cancels
// through a connection being destroyed.
void ProbeWorker::setConnection(std::unique_ptr<DatabaseConnection> connection, pg_cancel* cancel)
{
    std::unique_ptr<DatabaseConnection> old;
    {
        QMutexLocker locker(&m_connectionMutex);
        if (m_cancel)
            PQfreeCancel(m_cancel);
        m_cancel = cancel;
        old = std::move(m_connection);
        m_connection = std::move(connection);
    }
    // `old` closes and removes its QSqlDatabase here, on this thread.
}

} // namespace locklab
