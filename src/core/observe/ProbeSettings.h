#pragma once

#include <QString>

namespace locklab {

// How the latency probes run: how often, on how many connections (per
// series), and how long a probe may wait before it counts as a timeout (the
// reference demo's `curl --max-time 3`). What they ask is lesson data
// (ProbeSpec): a lesson declares its read and write probes.
struct ProbeSettings
{
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
        if (error)
            error->clear();
        return true;
    }
};

} // namespace locklab
