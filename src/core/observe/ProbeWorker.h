#pragma once

#include "core/lesson/ProbeSpec.h"
#include "core/observe/ProbeSettings.h"
#include "core/observe/StopHandle.h"
#include "core/run/RunClock.h"
#include "core/run/RunRecord.h"
#include "core/server/ConnectionSettings.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace locklab {

class DatabaseConnection;

// One probe connection of a ProbePool. Lives on its own thread: open() and
// probe() run there (queued from the pool), and the DatabaseConnection is
// created, used and destroyed there. The pool stops it through its
// stopHandle(), which outlives it. A lost connection is reopened after a backoff;
// probes asked for meanwhile answer at once with a "reconnecting" error.
class ProbeWorker : public QObject
{
    Q_OBJECT
public:
    ProbeWorker(int probe, const ConnectionSettings& settings, const ProbeSettings& probeSettings,
                const ProbeSpec& spec, const RunClock& clock, std::shared_ptr<StopHandle> stop = StopHandle::create(),
                QObject* parent = nullptr);
    ~ProbeWorker() override;

    // "locklab-probe-N" for reads, "locklab-write-probe-N" for writes.
    static QString applicationName(ProbeKind kind, int probe);

    void open();
    // Runs one probe; `sample` comes filled with scheduledMs, probe and step.
    void probe(locklab::ProbeSample sample);

    // Thread-safe. Stops reconnecting and cancels the statement in flight.
    void requestStop() { m_stop->requestStop(); }
    std::shared_ptr<StopHandle> stopHandle() const { return m_stop; }

signals:
    void opened(int probe, bool ok, const QString& error);
    void finished(int probe, const locklab::ProbeSample& sample);
    void problem(int probe, const QString& message); // lost the connection, or cannot reopen it

private:
    bool connectNow(QString* error);
    void scheduleReconnect();
    void reconnect();
    void setConnection(std::unique_ptr<DatabaseConnection> connection);

    const int m_probe;
    const ConnectionSettings m_settings;
    const QString m_sql;
    const QString m_applicationName;
    const int m_timeoutMs;
    const RunClock m_clock;
    const std::shared_ptr<StopHandle> m_stop;
    std::unique_ptr<DatabaseConnection> m_connection; // used on this thread only
    QTimer m_reconnectTimer;
    int m_backoffMs;
    QString m_lastError = QStringLiteral("not connected yet");
};

} // namespace locklab
