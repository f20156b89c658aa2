#pragma once

#include "core/observe/LockRow.h"
#include "core/observe/StopHandle.h"
#include "core/run/RunClock.h"
#include "core/server/ConnectionSettings.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

namespace locklab {

class DatabaseConnection;

// The polling half of LockMonitor. Lives on its own thread with its own
// connection: begin() and the polls run there. The owner stops it through
// its stopHandle(), which outlives it.
class LockMonitorWorker : public QObject
{
    Q_OBJECT
public:
    LockMonitorWorker(const ConnectionSettings& settings, int intervalMs, const RunClock& clock,
                      std::shared_ptr<StopHandle> stop = StopHandle::create(), QObject* parent = nullptr);
    ~LockMonitorWorker() override;

    // Connects and polls every intervalMs from now on.
    void begin();
    // Polls now and then every `everyMs` (instead of intervalMs) for the next `forMs`.
    void pollClosely(int everyMs, int forMs);
    // Thread-safe.
    void requestStop() { m_stop->requestStop(); }
    std::shared_ptr<StopHandle> stopHandle() const { return m_stop; }

    // The query for a server: pg_locks.waitstart exists from PostgreSQL 14 (140000).
    static QString locksSql(int serverVersionNumber);

signals:
    void opened(bool ok, const QString& error);
    void snapshot(const QList<locklab::LockRow>& rows, double atMs);
    void problem(const QString& message);

private:
    void poll();
    void runQuery();
    bool connectNow(QString* error);
    void report(const QString& message);
    void setConnection(std::unique_ptr<DatabaseConnection> connection);

    const ConnectionSettings m_settings;
    const int m_intervalMs;
    const RunClock m_clock;
    const std::shared_ptr<StopHandle> m_stop;
    std::unique_ptr<DatabaseConnection> m_connection; // used on this thread only
    QTimer m_timer;
    QString m_sql;
    double m_t0 = 0;
    qint64 m_poll = 0;
    double m_lastAttemptMs = -1e9;
    double m_closeUntilMs = -1; // polls every m_closeMs until then
    int m_closeMs = 0;
    bool m_failing = false;
};

} // namespace locklab
