#pragma once

#include "core/observe/LockIntervalTracker.h"
#include "core/observe/LockRow.h"
#include "core/observe/StopHandle.h"
#include "core/run/RunClock.h"
#include "core/run/RunRecord.h"
#include "core/server/ConnectionSettings.h"

#include <QList>
#include <QObject>

class QThread;

namespace locklab {

class LockMonitorWorker;

// Polls pg_locks (joined with pg_stat_activity and pg_blocking_pids()) a few
// times a second, the loop the reference demo ran in psql. The polling runs
// on a worker thread with its own connection (application_name
// "locklab-monitor"), so a slow catalog query never stalls the owner. The
// owner side forwards each snapshot and turns the snapshots into lock
// intervals. Only relation-level locks in the current database are listed,
// granted and waiting, minus the monitor's own and the system catalogs'.
//
// All methods are for the owner's thread.
class LockMonitor : public QObject
{
    Q_OBJECT
public:
    // The poll of a lesson step: 10 a second, no longer than a probe wait that counts as slow (100 ms).
    static constexpr int kLessonPollMs = 100;

    explicit LockMonitor(const ConnectionSettings& settings, int intervalMs = kLessonPollMs, QObject* parent = nullptr);
    ~LockMonitor() override;

    // Connects on the worker thread and polls every intervalMs from then
    // on. Clears the intervals of an earlier run.
    void start(const RunClock& clock);
    // Stops polling and hands the thread to the ThreadReaper, which ends it
    // (no waiting here); closes the open intervals at the last poll.
    void stop();
    // Polls every kCloseMs for the next kCloseForMs, from now: a statement
    // started, and if it runs outside a transaction the locks it takes are
    // gone when it ends, maybe before the next regular poll.
    void pollClosely();
    static constexpr int kCloseMs = 10;
    static constexpr int kCloseForMs = 300;
    bool isRunning() const { return m_running; }
    int intervalMs() const { return m_intervalMs; }

    QList<LockInterval> intervals() const { return m_tracker.intervals(); }
    QList<LockRow> lastSnapshot() const { return m_lastRows; }
    double lastSnapshotMs() const { return m_lastMs; }

signals:
    void snapshot(const QList<locklab::LockRow>& rows, double atMs);
    void connectionProblem(const QString& message);
    void ready(); // connected; the first snapshot follows

private:
    void onSnapshot(const QList<LockRow>& rows, double atMs);

    ConnectionSettings m_settings;
    int m_intervalMs;
    QThread* m_thread = nullptr;
    LockMonitorWorker* m_worker = nullptr; // deleted as its thread ends: stop it through m_stop
    std::shared_ptr<StopHandle> m_stop;
    LockIntervalTracker m_tracker;
    QList<LockRow> m_lastRows;
    double m_lastMs = 0;
    bool m_running = false;
    int m_generation = 0; // late signals of a stopped worker are dropped
};

} // namespace locklab
