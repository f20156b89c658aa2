#include "core/observe/ProbeWorker.h"

#include "core/observe/QueuedCall.h"
#include "core/run/ProbeCoverage.h"

#include "core/server/DatabaseConnection.h"
#include "core/server/SqlUtil.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace locklab {

namespace {
constexpr int kFirstBackoffMs = 200;
constexpr int kMaxBackoffMs = 2000;
constexpr const char* kQueryCanceled = "57014"; // statement_timeout or a cancel request

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
                         const ProbeSpec& spec, const RunClock& clock, std::shared_ptr<StopHandle> stop,
                         QObject* parent)
    : QObject(parent)
    , m_probe(probe)
    , m_settings(settings)
    , m_sql(spec.sql)
    , m_applicationName(applicationName(spec.kind, probe))
    , m_timeoutMs(probeSettings.timeoutMs)
    , m_clock(clock)
    , m_stop(std::move(stop))
    , m_reconnectTimer(this) // a child, so it moves to the worker's thread with us
    , m_backoffMs(kFirstBackoffMs)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ProbeWorker::reconnect);
}

ProbeWorker::~ProbeWorker()
{
    ownerDone(this);
    setConnection(nullptr);
}

QString ProbeWorker::applicationName(ProbeKind kind, int probe)
{
    // The lock monitor names sessions by these (LockRow::whoFromApplicationName).
    return kind == ProbeKind::Write ? QStringLiteral("locklab-write-probe-%1").arg(probe)
                                    : QStringLiteral("locklab-probe-%1").arg(probe);
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
    if (m_stop->isStopping())
        return;
    if (!m_connection) {
        // The pool keeps this probe in its round robin while it reconnects, so
        // the gap shows up in the record as errors rather than vanishing.
        sample.startMs = m_clock.nowMs();
        sample.outcome = ProbeOutcome::Error;
        sample.message = ProbeCoverage::notConnectedMessage(m_lastError);
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
            sample.outcome = state == QLatin1String(kQueryCanceled) && !m_stop->isStopping() ? ProbeOutcome::Timeout
                                                                                             : ProbeOutcome::Error;
            // An error with an SQLSTATE came from a live server; one without
            // is libpq's own (the socket closed), and isBroken() confirms it.
            if (isConnectionLostState(state) || (state.isEmpty() && m_connection->isBroken()))
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

bool ProbeWorker::connectNow(QString* error)
{
    auto connection = std::make_unique<DatabaseConnection>(m_settings, m_applicationName, m_stop->canceller());
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
    setConnection(std::move(connection));
    return true;
}

void ProbeWorker::scheduleReconnect()
{
    if (m_stop->isStopping())
        return;
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, kMaxBackoffMs);
}

void ProbeWorker::reconnect()
{
    if (m_stop->isStopping())
        return;
    QString error;
    if (connectNow(&error)) {
        m_backoffMs = kFirstBackoffMs;
        return;
    }
    emit problem(m_probe, QStringLiteral("could not reconnect: %1").arg(error));
    scheduleReconnect();
}

void ProbeWorker::setConnection(std::unique_ptr<DatabaseConnection> connection)
{
    // The old one closes and removes its QSqlDatabase here, on this thread.
    m_connection = std::move(connection);
}

} // namespace locklab
