#include "core/run/RunExporter.h"

#include "core/run/ProbeLockWaits.h"
#include "core/run/RunStatistics.h"
#include "core/run/Verdict.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <optional>

namespace locklab {

namespace {

QString number(double ms)
{
    return QString::number(ms, 'f', 3);
}

// RFC 4180: quote a field that holds a separator, a quote or a line break,
// doubling the quotes inside. Leading/trailing spaces are quoted too, since
// some spreadsheets trim them otherwise.
QString csvField(const QString& value)
{
    const bool needsQuotes = value.contains(',') || value.contains('"') || value.contains('\n') || value.contains('\r')
        || (!value.isEmpty() && (value.front().isSpace() || value.back().isSpace()));
    if (!needsQuotes)
        return value;
    QString escaped = value;
    escaped.replace('"', QLatin1String("\"\""));
    return '"' + escaped + '"';
}

QJsonValue optionalValue(const std::optional<double>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject intervalJson(const TimeInterval& interval)
{
    return { { "start_ms", interval.startMs }, { "end_ms", interval.endMs }, { "duration_ms", interval.durationMs() } };
}

QJsonObject lockJson(const LockInterval& lock)
{
    return { { "pid", lock.pid },
             { "holder", lock.holder },
             { "relation", lock.relation },
             { "table", lock.table },
             { "mode", lock.mode },
             { "granted", lock.granted },
             { "from_ms", lock.fromMs },
             { "to_ms", lock.toMs },
             { "duration_ms", lock.durationMs() },
             { "blocked_by", lock.blockedBy } };
}

QJsonObject actorJson(const ActorSpan& actor)
{
    return { { "name", actor.name },        { "kind", actor.kind },    { "pid", actor.pid },
             { "start_ms", actor.startMs }, { "end_ms", actor.endMs }, { "duration_ms", actor.durationMs() },
             { "problem", actor.problem } };
}

QJsonObject statementJson(const StatementTiming& statement)
{
    return { { "sql", statement.sql },
             { "start_ms", statement.startMs },
             { "end_ms", statement.endMs },
             { "duration_ms", statement.durationMs() },
             { "rows_affected",
               statement.rowsAffected < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(double(statement.rowsAffected)) },
             { "error", statement.error },
             { "sqlstate", statement.sqlState },
             { "batches", statement.batches } };
}

QJsonObject statisticsJson(const RunStatistics& stats)
{
    QJsonArray blocked;
    for (const TimeInterval& interval : stats.blockedIntervals)
        blocked.append(intervalJson(interval));
    QJsonArray locks;
    for (const LockInterval& lock : stats.longestLocks)
        locks.append(lockJson(lock));
    return { { "sample_count", stats.sampleCount },
             { "ok_count", stats.okCount },
             { "timeout_count", stats.timeoutCount },
             { "error_count", stats.errorCount },
             { "no_free_connection_count", stats.noFreeConnectionCount },
             { "in_flight_count", stats.inFlightCount },
             { "latency_count", stats.latencyCount },
             { "p50_ms", optionalValue(stats.p50Ms) },
             { "p95_ms", optionalValue(stats.p95Ms) },
             { "p99_ms", optionalValue(stats.p99Ms) },
             { "max_ms", optionalValue(stats.maxMs) },
             { "mean_ms", optionalValue(stats.meanMs) },
             { "min_timeout_ms", optionalValue(stats.minTimeoutMs) },
             { "blocked_threshold_ms", stats.blockedThresholdMs },
             { "lock_wait_count", stats.lockWaitCount },
             { "longest_lock_wait_ms", optionalValue(stats.longestLockWaitMs) },
             { "blocked_ms", stats.blockedMs },
             { "slow_count", stats.slowCount },
             { "slow_ms", stats.slowMs },
             { "blocked_intervals", blocked },
             { "longest_blocked",
               stats.longestBlocked ? QJsonValue(intervalJson(*stats.longestBlocked)) : QJsonValue(QJsonValue::Null) },
             { "longest_locks", locks } };
}

bool writeAtomically(const QString& path, const QByteArray& data, QString* error)
{
    const auto fail = [&](const QString& why) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    };
    if (path.isEmpty())
        return fail(QStringLiteral("no file name given"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    if (file.write(data) != data.size()) {
        const QString why = file.errorString();
        file.cancelWriting();
        return fail(why);
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
}

} // namespace

bool RunExporter::writeFile(const QString& path, const QByteArray& data, QString* error)
{
    return writeAtomically(path, data, error);
}

QString RunExporter::outcomeName(ProbeOutcome outcome)
{
    switch (outcome) {
    case ProbeOutcome::Ok:
        return QStringLiteral("ok");
    case ProbeOutcome::Timeout:
        return QStringLiteral("timeout");
    case ProbeOutcome::Error:
        return QStringLiteral("error");
    case ProbeOutcome::NoFreeConnection:
        return QStringLiteral("no_free_connection");
    }
    return QStringLiteral("unknown");
}

QString RunExporter::csvHeader()
{
    return QStringLiteral("scheduled_ms,start_ms,latency_ms,outcome,probe,step,message,waited_on_lock,kind");
}

QByteArray RunExporter::toCsv(const RunRecord& record)
{
    QString text = csvHeader() + '\n';
    const ProbeLockWaits lockWaits(record.locks);
    for (const ProbeSample& sample : record.samples) {
        const QStringList fields {
            number(sample.scheduledMs),
            number(sample.startMs),
            sample.inFlight ? QString() : number(sample.latencyMs),
            sample.inFlight ? QStringLiteral("in_flight") : outcomeName(sample.outcome),
            QString::number(sample.probe),
            csvField(sample.step),
            csvField(sample.message),
            lockWaits.waited(sample, record.endMs) ? QStringLiteral("1") : QStringLiteral("0"),
            probeKindName(sample.kind),
        };
        text += fields.join(',') + '\n';
    }
    return text.toUtf8();
}

bool RunExporter::writeCsv(const RunRecord& record, const QString& path, QString* error)
{
    return writeAtomically(path, toCsv(record), error);
}

QJsonObject RunExporter::toJson(const RunSummary& summary)
{
    const RunRecord& record = summary.record();
    QJsonArray statements;
    for (const StatementTiming& statement : record.statements)
        statements.append(statementJson(statement));
    QJsonArray locks;
    for (const LockInterval& lock : record.locks)
        locks.append(lockJson(lock));
    QJsonArray actors;
    for (const ActorSpan& actor : record.actors)
        actors.append(actorJson(actor));
    // Each probe series on its own (reads, writes): their numbers never mix.
    QJsonObject series;
    for (ProbeKind kind : summary.kinds())
        series.insert(probeKindName(kind), statisticsJson(summary.seriesStatistics(kind)));

    return { { "lesson", record.lessonId },
             { "lesson_title", record.lessonTitle },
             { "step", record.stepId },
             { "step_title", record.stepTitle },
             { "row_count", double(record.rowCount) },
             { "server_version", record.serverVersion },
             { "started_at",
               record.startedAt.isValid() ? QJsonValue(record.startedAt.toString(Qt::ISODateWithMs))
                                          : QJsonValue(QJsonValue::Null) },
             { "probe_timeout_ms", record.probeTimeoutMs },
             { "migration_start_ms", record.migrationStartMs },
             { "migration_end_ms", record.migrationEndMs },
             { "end_ms", record.endMs },
             { "succeeded", record.succeeded },
             { "cancelled", record.cancelled },
             { "failed_as_expected", record.failedAsExpected },
             { "error", record.error },
             { "statements", statements },
             { "locks", locks },
             { "statistics", statisticsJson(summary.statistics()) },
             { "series", series },
             { "actors", actors },
             { "preflight_warnings", QJsonArray::fromStringList(record.preflightWarnings) },
             { "verdict", Verdict::describe(summary) },
             { "headline", Verdict::headline(summary) },
             { "sample_count", int(record.samples.size()) } };
}

bool RunExporter::writeJson(const RunSummary& summary, const QString& path, QString* error)
{
    return writeAtomically(path, QJsonDocument(toJson(summary)).toJson(QJsonDocument::Indented), error);
}

} // namespace locklab
