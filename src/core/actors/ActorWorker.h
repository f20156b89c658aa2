#pragma once

#include "core/lesson/ActorSpec.h"
#include "core/observe/StopHandle.h"
#include "core/run/RunClock.h"
#include "core/server/ConnectionSettings.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace locklab {

class DatabaseConnection;

// One background session of a lesson step ("nightly report", "forgotten
// psql", a steady writer). Lives on its own QThread with its own
// connection; every slot runs there. The owner (ActorCast) only calls
// requestStop() from its thread, then ends the thread: the connection is
// closed as the worker is deleted on its thread, which rolls back whatever
// transaction it still had open.
class ActorWorker : public QObject
{
    Q_OBJECT
public:
    ActorWorker(int index, const ConnectionSettings& settings, const ActorSpec& spec, const RunClock& clock,
                QObject* parent = nullptr);
    ~ActorWorker() override;

    // Thread-safe: no new statement from now on, and the one in flight is
    // cancelled on a pool thread (a network round trip; the owner is the GUI thread).
    void requestStop() { m_stop->requestStop(); }
    std::shared_ptr<StopHandle> stopHandle() const { return m_stop; }

public slots:
    // Connects, then starts acting after the spec's start delay.
    void begin();

signals:
    // The session exists; `pid` is its backend.
    void connected(int index, int pid);
    // It started acting (query sent, transaction opened, first write).
    void started(int index, double atMs);
    // It stopped acting by itself: the query ended, the hold ran out, or it
    // failed (`problem` says how; a lost connection is one).
    void ended(int index, double atMs, const QString& problem);

private:
    void act();
    void runLongQuery();
    void openIdleTransaction();
    void writeOnce();
    void checkAlive();
    void releaseIdle();
    bool exec(const QString& sql, QString* error, QString* sqlState);
    void end(const QString& problem);
    void closeConnection();
    bool stopping() const { return m_stop->isStopping(); }

    int m_index;
    ConnectionSettings m_settings;
    ActorSpec m_spec;
    RunClock m_clock;
    QTimer m_timer; // writer ticks, or the idle session's liveness checks
    QTimer m_holdTimer; // ends an idle session's hold
    std::unique_ptr<DatabaseConnection> m_connection;
    const std::shared_ptr<StopHandle> m_stop = StopHandle::create();
    bool m_acting = false;
    bool m_ended = false;
    QString m_lastWriteError;
};

} // namespace locklab
