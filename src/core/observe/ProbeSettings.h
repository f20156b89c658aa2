#pragma once

#include <QString>

namespace locklab {

// How the latency probes run: what they ask, how often, on how many
// connections, and how long a probe may wait before it counts as a timeout
// (the reference demo's `curl --max-time 3`).
struct ProbeSettings
{
    QString readSql = QStringLiteral("SELECT * FROM large_user ORDER BY id LIMIT 100");
    // When set, the probes run writeSql instead of readSql: they measure
    // whether writes go on (e.g. behind a SHARE lock from CREATE INDEX).
    bool writeProbe = false;
    // One row by primary key. The random id sits in an uncorrelated scalar
    // subquery so it is computed once per statement (an InitPlan);
    // `WHERE id = random()...` directly would be evaluated per row and scan
    // the table. `SET name = name` keeps the data as it was but is a real
    // write (a new row version, the row lock, ROW EXCLUSIVE on the table),
    // which is what we want to time.
    QString writeSql = QStringLiteral("UPDATE large_user SET name = name WHERE id = "
                                      "(SELECT floor(random() * (SELECT max(id) FROM large_user))::bigint + 1)");
    int connections = 4;
    double rateHz = 20;
    int timeoutMs = 3000;
    int tailMs = 3000; // keep probing this long after the step ends
    int leadMs = 1000; // start probing this long before the step starts

    static constexpr double minRateHz = 1;
    static constexpr double maxRateHz = 100;
    static constexpr int minConnections = 1;
    static constexpr int maxConnections = 16;
    static constexpr int minTimeoutMs = 100;
    static constexpr int maxTimeoutMs = 60000;

    QString probeSql() const { return writeProbe ? writeSql : readSql; }

    static bool validate(const ProbeSettings& settings, QString* error)
    {
        auto fail = [error](const QString& message) {
            if (error)
                *error = message;
            return false;
        };
        if (!(settings.rateHz >= minRateHz && settings.rateHz <= maxRateHz))
            return fail(QStringLiteral("The probe rate must be between %1 and %2 probes per second (got %3).")
                            .arg(minRateHz)
                            .arg(maxRateHz)
                            .arg(settings.rateHz));
        if (settings.connections < minConnections || settings.connections > maxConnections)
            return fail(QStringLiteral("The number of probe connections must be between %1 and %2 (got %3).")
                            .arg(minConnections)
                            .arg(maxConnections)
                            .arg(settings.connections));
        if (settings.timeoutMs < minTimeoutMs || settings.timeoutMs > maxTimeoutMs)
            return fail(QStringLiteral("The probe timeout must be between %1 ms and %2 ms (got %3 ms).")
                            .arg(minTimeoutMs)
                            .arg(maxTimeoutMs)
                            .arg(settings.timeoutMs));
        if (settings.tailMs < 0 || settings.leadMs < 0)
            return fail(QStringLiteral("The time probed before and after a step cannot be negative."));
        if (settings.probeSql().trimmed().isEmpty())
            return fail(settings.writeProbe ? QStringLiteral("The write probe needs an SQL statement.")
                                            : QStringLiteral("The read probe needs an SQL statement."));
        if (error)
            error->clear();
        return true;
    }
};

} // namespace locklab
