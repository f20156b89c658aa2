#pragma once

#include "core/server/ConnectionSettings.h"

#include <QString>

struct pg_conn;

namespace locklab::bench {

// A bare libpq connection for the benchmark's own SQL and its independent
// probe: no Qt SQL, no LockLab connection code, so what it measures does not
// depend on what it measures.
class PgConnection
{
public:
    PgConnection() = default;
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    bool open(const ConnectionSettings& settings, const QString& applicationName, QString* error);
    void close();
    bool isOpen() const { return m_conn != nullptr; }

    // Runs one or more statements; false with the server's message.
    bool exec(const QString& sql, QString* error = nullptr);
    // The first column of the first row, as text ("" when none or on failure).
    QString scalar(const QString& sql, QString* error = nullptr);
    // Wall-clock milliseconds the statement took, or -1 on failure.
    double timed(const QString& sql, QString* error = nullptr);

    // libpq's conninfo for the settings (values quoted as libpq wants).
    static QByteArray conninfo(const ConnectionSettings& settings, const QString& applicationName);

private:
    pg_conn* m_conn = nullptr;
};

} // namespace locklab::bench
