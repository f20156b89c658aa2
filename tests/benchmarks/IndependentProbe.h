#pragma once

#include "core/server/ConnectionSettings.h"

#include <QList>
#include <QString>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace locklab::bench {

// A read-latency probe that shares no code with LockLab's: plain libpq, its
// own std::thread, its own loop at a fixed rate sending the same read the
// lessons probe with. A read that finds the table locked simply waits; the
// next one goes out at the next tick after it returns.
//
// Blocked time is computed the way RunStatistics defines it (the union of
// the [start, end) intervals of reads slower than the threshold), but from
// these reads only.
class IndependentProbe
{
public:
    struct Read
    {
        double startMs = 0;
        double latencyMs = 0;
        bool ok = true;
    };

    IndependentProbe(const ConnectionSettings& settings, double rateHz,
                     QString sql = QStringLiteral("SELECT * FROM large_user ORDER BY id LIMIT 100"));
    ~IndependentProbe();

    // Connects and starts the loop; false (with the reason) when it cannot connect.
    bool start(QString* error);
    // Ends the loop after the read in flight returns.
    void stop();

    QList<Read> reads() const;
    double blockedMs(double thresholdMs = 100) const;
    double maxLatencyMs() const;

private:
    void loop();

    ConnectionSettings m_settings;
    double m_periodMs;
    QString m_sql;
    std::thread m_thread;
    std::atomic<bool> m_stop { false };
    std::chrono::steady_clock::time_point m_origin;
    mutable std::mutex m_mutex;
    QList<Read> m_reads;
    QString m_startError;
};

} // namespace locklab::bench
