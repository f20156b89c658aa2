#include "core/actors/ActorWorker.h"

#include "core/observe/QueuedCall.h"

#include "core/server/DatabaseConnection.h"

#include <QSqlError>
#include <QSqlQuery>

namespace locklab {

namespace {
constexpr int kAliveCheckMs = 200;
constexpr const char* kQueryCanceled = "57014";

bool connectionLost(const QString& sqlState)
{
    // 57P01..57P05: terminated by an administrator, crash, shutdown; class 08: connection exception.
    return sqlState.startsWith(QLatin1String("57P")) || sqlState.startsWith(QLatin1String("08"));
}
} // namespace

ActorWorker::ActorWorker(int index, const ConnectionSettings& settings, const ActorSpec& spec, const RunClock& clock,
                         QObject* parent)
    : QObject(parent)
    , m_index(index)
    , m_settings(settings)
    , m_spec(spec)
    , m_clock(clock)
    , m_timer(this) // children, so they move to the worker's thread with us
    , m_holdTimer(this)
{
    m_holdTimer.setSingleShot(true);
    connect(&m_holdTimer, &QTimer::timeout, this, &ActorWorker::releaseIdle);
}

ActorWorker::~ActorWorker()
{
    ownerDone(this);
    closeConnection();
}

void ActorWorker::begin()
{
    if (stopping())
        return;
    auto connection = std::make_unique<DatabaseConnection>(m_settings, m_spec.applicationName(), m_stop->canceller());
    QString error;
    if (!connection->open(&error)) {
        m_ended = true;
        emit ended(m_index, m_clock.nowMs(), QStringLiteral("could not connect: %1").arg(error));
        return;
    }
    const int pid = connection->backendPid();
    m_connection = std::move(connection);
    emit connected(m_index, pid);
    if (m_spec.startAfterMs > 0)
        QTimer::singleShot(int(m_spec.startAfterMs), this, &ActorWorker::act);
    else
        act();
}

void ActorWorker::act()
{
    if (stopping() || !m_connection)
        return;
    switch (m_spec.kind) {
    case ActorKind::LongQuery:
        runLongQuery();
        return;
    case ActorKind::IdleInTransaction:
        openIdleTransaction();
        return;
    case ActorKind::Writer:
        m_acting = true;
        emit started(m_index, m_clock.nowMs());
        connect(&m_timer, &QTimer::timeout, this, &ActorWorker::writeOnce);
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.start(std::max(1, int(1000.0 / m_spec.ratePerSecond)));
        if (m_spec.holdMs > 0) {
            connect(&m_holdTimer, &QTimer::timeout, this, [this] { end(QString()); });
            m_holdTimer.start(int(m_spec.holdMs));
        }
        writeOnce();
        return;
    }
}

// Blocks this thread for the whole query, which is the point: the report
// holds its locks until it ends. requestStop() cancels it.
void ActorWorker::runLongQuery()
{
    m_acting = true;
    emit started(m_index, m_clock.nowMs());
    QString error;
    QString state;
    const bool ok = exec(m_spec.resolvedSql(), &error, &state);
    // Our own stop cancels the query (57014); anything else, e.g. the session terminated while the
    // step was ending, is still a problem to report.
    if (ok || (stopping() && state == QLatin1String(kQueryCanceled)))
        end(QString());
    else
        end(error);
    closeConnection(); // its work is done: the session leaves
}

void ActorWorker::openIdleTransaction()
{
    QString error;
    QString state;
    if (!exec(QStringLiteral("BEGIN"), &error, &state) || !exec(m_spec.resolvedSql(), &error, &state)) {
        end(error);
        return;
    }
    m_acting = true;
    emit started(m_index, m_clock.nowMs());
    // An idle session sends nothing, so it would only learn at its next
    // statement that somebody ended it; looking at the socket tells now.
    connect(&m_timer, &QTimer::timeout, this, &ActorWorker::checkAlive);
    m_timer.start(kAliveCheckMs);
    if (m_spec.holdMs > 0)
        m_holdTimer.start(int(m_spec.holdMs));
}

void ActorWorker::checkAlive()
{
    if (m_ended || !m_connection)
        return;
    if (!m_connection->checkAlive())
        end(QStringLiteral("its connection was closed by the server (terminated?)"));
}

void ActorWorker::releaseIdle()
{
    if (m_ended || stopping())
        return;
    QString error;
    QString state;
    exec(QStringLiteral("ROLLBACK"), &error, &state);
    end(QString());
}

void ActorWorker::writeOnce()
{
    if (m_ended || stopping() || !m_connection)
        return;
    QString error;
    QString state;
    if (exec(m_spec.resolvedSql(), &error, &state) || stopping())
        return;
    if (connectionLost(state) || (state.isEmpty() && m_connection->isBroken())) {
        end(error);
        return;
    }
    // A failed write (a lock_timeout, a constraint) is part of the lesson;
    // the writer keeps writing and the first such error is kept.
    if (m_lastWriteError.isEmpty())
        m_lastWriteError = error;
}

bool ActorWorker::exec(const QString& sql, QString* error, QString* sqlState)
{
    QSqlQuery query(m_connection->database());
    query.setForwardOnly(true);
    if (query.exec(sql)) {
        while (query.next()) { }
        return true;
    }
    const QSqlError e = query.lastError();
    *sqlState = e.nativeErrorCode();
    QString text = e.databaseText().trimmed();
    if (text.isEmpty())
        text = e.text().trimmed();
    *error = sqlState->isEmpty() ? text : QStringLiteral("%1 (SQLSTATE %2)").arg(text, *sqlState);
    if (*sqlState == QLatin1String(kQueryCanceled) && stopping())
        error->clear();
    return false;
}

void ActorWorker::end(const QString& problem)
{
    if (m_ended)
        return;
    m_ended = true;
    m_timer.stop();
    m_holdTimer.stop();
    emit ended(m_index, m_clock.nowMs(), problem);
}

void ActorWorker::closeConnection()
{
    // Closes here, on this thread; an open transaction is rolled back by the server. A stop
    // requested meanwhile finds the canceller detached and cancels nothing.
    m_connection.reset();
}

} // namespace locklab
