#include "core/teach/RunMetrics.h"

#include "core/lesson/CountParser.h"
#include "core/run/Verdict.h"

#include <algorithm>
#include <cmath>

namespace locklab {

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
    const std::optional<LockInterval> lock = statistics.longestLock(QString(), QStringLiteral("AccessExclusiveLock"),
                                                                    QStringLiteral("migration"));
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
    QRegularExpressionMatchIterator it = MetricCatalog::placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        result += text.mid(last, match.capturedStart() - last);
        const QString name = match.captured(1);
        result += isKnown(name) ? formatted(name) : match.captured(0);
        last = match.capturedEnd();
    }
    return result + text.mid(last);
}

} // namespace locklab
