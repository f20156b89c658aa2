#include "core/teach/RunMetrics.h"

#include "core/lesson/CountParser.h"
#include "core/run/Verdict.h"

#include <algorithm>
#include <cmath>

namespace locklab {

RunMetrics::RunMetrics(const RunSummary& summary)
{
    const RunRecord& record = summary.record();
    const RunStatistics& statistics = summary.statistics();
    const double stepMs = std::max(0.0, record.migrationEndMs - record.migrationStartMs);
    // `statistics` mixes both series of a run that probed reads and writes;
    // the read metrics come from the reads alone, so "reads stayed flat
    // while writes waited" can be told apart.
    const QList<ProbeKind>& series = summary.kinds();
    const RunStatistics& reads = series.contains(ProbeKind::Read) ? summary.seriesStatistics(ProbeKind::Read)
                                                                  : statistics;
    set("reads_blocked_ms", reads.blockedMs);
    set("longest_read_ms", reads.maxMs.value_or(0));
    set("p99_read_ms", reads.p99Ms.value_or(0));
    set("slow_reads", reads.slowCount);
    set("timeouts", reads.timeoutCount);
    set("probe_errors", reads.errorCount);
    set("no_free_connection", reads.noFreeConnectionCount);
    set("reads", reads.sampleCount);
    set("step_ms", stepMs);
    set("blocked_share", stepMs > 0 ? std::min(1.0, reads.blockedMs / stepMs) : 0.0);
    // Writes: zero when the run had no write probe.
    const RunStatistics& writes = summary.seriesStatistics(ProbeKind::Write); // empty without write probes
    set("writes_blocked_ms", writes.blockedMs);
    set("longest_write_ms", writes.maxMs.value_or(0));
    set("p99_write_ms", writes.p99Ms.value_or(0));
    set("writes", writes.sampleCount);
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
