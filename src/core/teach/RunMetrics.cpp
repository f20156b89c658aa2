#include "core/teach/RunMetrics.h"

#include "core/lesson/CountParser.h"
#include "core/run/Verdict.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace locklab {

namespace {

const QRegularExpression& placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{([a-z0-9_]+)\\}"));
    return pattern;
}

} // namespace

const QMap<QString, QString>& RunMetrics::descriptions()
{
    static const QMap<QString, QString> names{
        { "reads_blocked_ms", "wall-clock time during which at least one read waited longer than the "
                              "blocked threshold (100 ms)" },
        { "longest_read_ms", "the longest single read (a timed-out read counts until it gave up)" },
        { "p99_read_ms", "99th percentile of read latency" },
        { "slow_reads", "reads that waited longer than the blocked threshold, timeouts included" },
        { "timeouts", "reads that gave up at the probe timeout" },
        { "probe_errors", "reads that failed with an error" },
        { "no_free_connection", "scheduled reads that could not be sent: every probe connection was "
                                "still waiting" },
        { "reads", "reads scheduled during the run" },
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

RunMetrics::RunMetrics(const RunRecord& record, const RunStatistics& statistics)
{
    const double stepMs = std::max(0.0, record.migrationEndMs - record.migrationStartMs);
    set("reads_blocked_ms", statistics.blockedMs);
    set("longest_read_ms", statistics.maxMs.value_or(0));
    set("p99_read_ms", statistics.p99Ms.value_or(0));
    set("slow_reads", statistics.slowCount);
    set("timeouts", statistics.timeoutCount);
    set("probe_errors", statistics.errorCount);
    set("no_free_connection", statistics.noFreeConnectionCount);
    set("reads", statistics.sampleCount);
    set("step_ms", stepMs);
    set("blocked_share", stepMs > 0 ? std::min(1.0, statistics.blockedMs / stepMs) : 0.0);
    const std::optional<LockInterval> lock
        = statistics.longestLock(QString(), QStringLiteral("AccessExclusiveLock"), QStringLiteral("migration"));
    set("access_exclusive_ms", lock ? lock->durationMs() : 0.0);
    double longestStatement = 0;
    double batches = 0;
    for (const StatementTiming& statement : record.statements) {
        longestStatement = std::max(longestStatement, statement.durationMs());
        batches += statement.batches;
    }
    set("longest_statement_ms", longestStatement);
    set("step_failed", !record.succeeded && !record.cancelled ? 1 : 0);
    set("rows", double(record.rowCount));
    set("batches", batches);
}

QString RunMetrics::formatted(const QString& name) const
{
    const double v = value(name);
    if (name.endsWith("_ms"))
        return Verdict::formatDuration(v);
    if (name.endsWith("_share"))
        return QString("%1 %").arg(std::lround(v * 100));
    return CountParser::format(std::llround(v));
}

QString RunMetrics::fill(const QString& text) const
{
    QString result;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += text.mid(last, match.capturedStart() - last);
        const QString name = match.captured(1);
        result += isKnown(name) ? formatted(name) : match.captured(0);
        last = match.capturedEnd();
    }
    return result + text.mid(last);
}

QStringList RunMetrics::unknownPlaceholders(const QString& text)
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
