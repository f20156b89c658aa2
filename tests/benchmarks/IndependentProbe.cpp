#include "IndependentProbe.h"

#include "PgConnection.h"

#include <algorithm>
#include <libpq-fe.h>

namespace locklab::bench {

using Clock = std::chrono::steady_clock;

IndependentProbe::IndependentProbe(const ConnectionSettings& settings, double rateHz, QString sql)
    : m_settings(settings)
    , m_periodMs(1000.0 / rateHz)
    , m_sql(std::move(sql))
{
}

IndependentProbe::~IndependentProbe()
{
    stop();
}

bool IndependentProbe::start(QString* error)
{
    // Connect on the caller's thread first, to report a failure at once; the
    // loop then makes its own connection (libpq connections are not shared).
    PgConnection check;
    if (!check.open(m_settings, "locklab-bench-independent-probe", error))
        return false;
    check.close();
    m_stop = false;
    m_origin = Clock::now();
    m_thread = std::thread([this] { loop(); });
    return true;
}

void IndependentProbe::stop()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
}

void IndependentProbe::loop()
{
    const QByteArray conninfo = PgConnection::conninfo(m_settings, "locklab-bench-independent-probe");
    PGconn* conn = PQconnectdb(conninfo.constData());
    if (PQstatus(conn) != CONNECTION_OK) {
        PQfinish(conn);
        return;
    }
    const QByteArray sql = m_sql.toUtf8();
    const auto period = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double, std::milli>(m_periodMs));
    auto next = Clock::now();
    while (!m_stop) {
        std::this_thread::sleep_until(next);
        const auto sent = Clock::now();
        PGresult* result = PQexec(conn, sql.constData());
        const auto answered = Clock::now();
        const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
        PQclear(result);
        Read read;
        read.startMs = std::chrono::duration<double, std::milli>(sent - m_origin).count();
        read.latencyMs = std::chrono::duration<double, std::milli>(answered - sent).count();
        read.ok = ok;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_reads.append(read);
        }
        // The next tick after the answer: a blocked read does not make the
        // loop fire a burst of catch-up reads afterwards.
        next += period;
        while (next <= answered)
            next += period;
    }
    PQfinish(conn);
}

QList<IndependentProbe::Read> IndependentProbe::reads() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_reads;
}

double IndependentProbe::blockedMs(double thresholdMs) const
{
    QList<std::pair<double, double>> slow;
    for (const Read& read : reads()) {
        if (read.latencyMs > thresholdMs)
            slow.append({ read.startMs, read.startMs + read.latencyMs });
    }
    std::sort(slow.begin(), slow.end());
    double total = 0;
    double from = 0;
    double to = -1;
    for (const auto& [start, end] : slow) {
        if (start > to) {
            if (to > from)
                total += to - from;
            from = start;
            to = end;
        } else {
            to = std::max(to, end);
        }
    }
    if (to > from)
        total += to - from;
    return total;
}

double IndependentProbe::maxLatencyMs() const
{
    double max = 0;
    for (const Read& read : reads())
        max = std::max(max, read.latencyMs);
    return max;
}

} // namespace locklab::bench
