#pragma once

#include "core/run/RunRecord.h"
#include "core/run/RunSummary.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace locklab {

// Data exports of a recorded run: a CSV of every probe sample (for
// spreadsheets and plotting scripts) and a JSON summary (statements, locks,
// statistics, verdict). Both are views of the same RunRecord as the chart.
// Files are written atomically through QSaveFile: a failed export never
// leaves a half-written file where a good one was.
class RunExporter
{
public:
    // "scheduled_ms,start_ms,latency_ms,outcome,probe,step,message"
    static QString csvHeader();

    // The header row, then one row per sample in record order. Times in ms
    // with three decimals; outcome is ok / timeout / error /
    // no_free_connection, or in_flight (with an empty latency) for a probe
    // still unanswered when recording stopped. Fields with commas, quotes or
    // line breaks are quoted as in RFC 4180. Rows end with "\n".
    static QByteArray toCsv(const RunRecord& record);
    static bool writeCsv(const RunRecord& record, const QString& path, QString* error);

    // Keys: lesson, lesson_title, step, step_title, row_count, server_version,
    // started_at (ISO 8601 with ms, null when unknown), probe_timeout_ms,
    // migration_start_ms, migration_end_ms, end_ms, succeeded, cancelled,
    // error, statements[], locks[], statistics{}, verdict, headline,
    // sample_count. Absent values (a percentile without samples,
    // rows_affected -1) are null.
    // Statistics, verdict and headline are read from the summary, not
    // computed again.
    static QJsonObject toJson(const RunSummary& summary);
    static bool writeJson(const RunSummary& summary, const QString& path, QString* error);

    static QString outcomeName(ProbeOutcome outcome);

    // Writes `data` to `path` through QSaveFile (all or nothing); false with
    // *error "Cannot write <path>: <why>".
    static bool writeFile(const QString& path, const QByteArray& data, QString* error);
};

} // namespace locklab
