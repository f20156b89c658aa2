#include "core/compare/RunComparison.h"

#include "core/run/RunExporter.h"
#include "core/run/RunStatistics.h"
#include "core/run/Verdict.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace locklab {

namespace {
QString csvField(QString value)
{
    if (!value.contains(',') && !value.contains('"') && !value.contains('\n'))
        return value;
    value.replace('"', QLatin1String("\"\""));
    return '"' + value + '"';
}
} // namespace

RunComparison::RunComparison(const QList<RunRecord>& runs)
    : m_runs(runs)
{
    for (const RunRecord& run : runs)
        m_summaries.append(RunSummary(run));
}

double RunComparison::alignmentMs(const RunRecord& record)
{
    if (!record.statements.isEmpty())
        return record.migrationStartMs;
    return 0;
}

QString RunComparison::shortVerdict(const RunSummary& summary)
{
    const RunStatistics& stats = summary.statistics();
    if (stats.sampleCount == 0)
        return QStringLiteral("no probes");
    if (stats.blockedMs > 0)
        return QStringLiteral("reads blocked %1").arg(Verdict::formatDuration(stats.blockedMs));
    if (stats.maxMs)
        return QStringLiteral("max %1").arg(Verdict::formatMs(*stats.maxMs));
    return QStringLiteral("no answers");
}

QString RunComparison::label(const RunSummary& summary)
{
    const RunRecord& record = summary.record();
    const QString name = record.stepTitle.isEmpty() ? record.stepId : record.stepTitle;
    return QStringLiteral("%1: %2").arg(name, shortVerdict(summary));
}

QList<RunComparison::Point> RunComparison::points(int run) const
{
    QList<Point> result;
    if (run < 0 || run >= m_runs.size())
        return result;
    const RunRecord& record = m_runs.at(run);
    const double offset = alignmentMs(record);
    result.reserve(record.samples.size());
    for (const ProbeSample& sample : record.samples) {
        if (sample.outcome == ProbeOutcome::NoFreeConnection && !sample.inFlight)
            continue;
        Point p;
        p.tMs = sample.startMs - offset;
        p.inFlight = sample.inFlight;
        p.latencyMs = sample.inFlight ? std::max(0.0, record.endMs - sample.startMs) : sample.latencyMs;
        p.outcome = sample.outcome;
        result.append(p);
    }
    std::stable_sort(result.begin(), result.end(), [](const Point& a, const Point& b) { return a.tMs < b.tMs; });
    return result;
}

double RunComparison::fromMs() const
{
    double from = std::numeric_limits<double>::infinity();
    for (const RunRecord& record : m_runs) {
        const double offset = alignmentMs(record);
        from = std::min(from, -offset);
        for (const ProbeSample& sample : record.samples)
            from = std::min(from, sample.startMs - offset);
    }
    return std::isfinite(from) ? from : 0;
}

double RunComparison::toMs() const
{
    double to = 0;
    for (const RunRecord& record : m_runs)
        to = std::max(to, record.endMs - alignmentMs(record));
    return to;
}

QByteArray RunComparison::toCsv() const
{
    QStringList names;
    QStringList header;
    QList<QList<Point>> columns;
    for (int i = 0; i < size(); ++i) {
        const QString n = QString::number(i + 1);
        names << csvField(QStringLiteral("run%1 = %2").arg(n, label(m_summaries.at(i)))) << QString() << QString();
        header << "run" + n + "_t_ms"
               << "run" + n + "_latency_ms"
               << "run" + n + "_outcome";
        columns.append(points(i));
    }
    QString text = "# " + names.join(',') + '\n' + header.join(',') + '\n';
    qsizetype rows = 0;
    for (const QList<Point>& c : columns)
        rows = std::max(rows, c.size());
    for (qsizetype r = 0; r < rows; ++r) {
        QStringList cells;
        for (const QList<Point>& c : columns) {
            if (r < c.size()) {
                const Point& p = c.at(r);
                cells << QString::number(p.tMs, 'f', 3) << QString::number(p.latencyMs, 'f', 3)
                      << (p.inFlight ? QStringLiteral("in_flight") : RunExporter::outcomeName(p.outcome));
            } else {
                cells << QString() << QString() << QString();
            }
        }
        text += cells.join(',') + '\n';
    }
    return text.toUtf8();
}

QJsonObject RunComparison::toJson() const
{
    QJsonArray runs;
    for (int i = 0; i < size(); ++i) {
        const RunSummary& summary = m_summaries.at(i);
        const RunRecord& record = summary.record();
        QJsonArray samples;
        for (const Point& p : points(i))
            samples.append(QJsonArray {
                p.tMs, p.latencyMs, p.inFlight ? QStringLiteral("in_flight") : RunExporter::outcomeName(p.outcome) });
        runs.append(QJsonObject { { "label", label(summary) },
                                  { "short_verdict", shortVerdict(summary) },
                                  { "lesson", record.lessonId },
                                  { "step", record.stepId },
                                  { "offset_ms", alignmentMs(record) },
                                  { "summary", RunExporter::toJson(summary) },
                                  { "samples", samples } });
    }
    return { { "aligned_at", QStringLiteral("step start (first statement)") },
             { "sample_columns", QJsonArray { "t_ms", "latency_ms", "outcome" } },
             { "runs", runs } };
}

bool RunComparison::classicPair(const QList<RunRecord>& history, int* risky, int* safe)
{
    int worst = -1;
    double worstBlocked = 0;
    int longestCalm = -1;
    double longestCalmMs = 0;
    for (int i = 0; i < history.size(); ++i) {
        const RunRecord& record = history.at(i);
        if (record.samples.isEmpty() || !record.sweepSeries.isEmpty())
            continue;
        const RunStatistics stats = RunStatistics::compute(record);
        const double duration = record.migrationEndMs - record.migrationStartMs;
        if (stats.blockedMs > worstBlocked) {
            worstBlocked = stats.blockedMs;
            worst = i;
        } else if (stats.blockedMs == 0 && stats.hasLatency() && duration > longestCalmMs) {
            longestCalmMs = duration;
            longestCalm = i;
        }
    }
    if (worst < 0 || longestCalm < 0)
        return false;
    *risky = worst;
    *safe = longestCalm;
    return true;
}

} // namespace locklab
