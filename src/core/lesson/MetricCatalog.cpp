#include "core/lesson/MetricCatalog.h"

namespace locklab {

const QMap<QString, QString>& MetricCatalog::descriptions()
{
    static const QMap<QString, QString> names {
        { "reads_blocked_ms",
          "wall-clock time during which at least one read waited longer than the "
          "blocked threshold (100 ms)" },
        { "longest_read_ms", "the longest single read (a timed-out read counts until it gave up)" },
        { "p99_read_ms", "99th percentile of read latency" },
        { "slow_reads", "reads that waited longer than the blocked threshold, timeouts included" },
        { "timeouts", "reads that gave up at the probe timeout" },
        { "probe_errors", "reads that failed with an error" },
        { "no_free_connection",
          "scheduled reads that could not be sent: every probe connection was "
          "still waiting" },
        { "reads", "reads scheduled during the run" },
        { "writes_blocked_ms",
          "wall-clock time during which at least one write waited longer than the "
          "blocked threshold (100 ms); 0 without a write probe" },
        { "longest_write_ms", "the longest single write (a timed-out write counts until it gave up)" },
        { "p99_write_ms", "99th percentile of write latency" },
        { "writes", "writes scheduled during the run" },
        { "step_ms", "from the step's first statement to its last (COMMIT included)" },
        { "blocked_share", "reads_blocked_ms divided by step_ms (0 to 1)" },
        { "access_exclusive_ms", "the longest ACCESS EXCLUSIVE lock the migration held on one table" },
        { "longest_statement_ms", "the longest single statement of the step" },
        { "step_failed", "1 when the step failed with an error, else 0" },
        { "rows", "rows in the seeded large table" },
        { "batches", "batches (or seed chunks) the step committed" },
    };
    return names;
}

const QRegularExpression& MetricCatalog::placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{([a-z0-9_]+)\\}"));
    return pattern;
}

QStringList MetricCatalog::unknownPlaceholders(const QString& text)
{
    QStringList unknown;
    QRegularExpressionMatchIterator it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!isKnown(name) && !unknown.contains(name))
            unknown << name;
    }
    return unknown;
}

} // namespace locklab
