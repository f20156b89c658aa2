#include "core/sweep/SweepSeries.h"

#include "core/run/RunStatistics.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>

namespace locklab {

SweepSeries SweepSeries::fromRuns(const QList<RunRecord>& runs, const QString& name)
{
    SweepSeries series;
    series.name = name;
    QMap<qint64, SweepPoint> byRows;
    for (const RunRecord& run : runs) {
        if (run.sweepSeries != name || run.rowCount <= 0)
            continue;
        SweepPoint& point = byRows[run.rowCount];
        point.rows = run.rowCount;
        const RunStatistics stats = RunStatistics::compute(run);
        point.blockedMs += stats.blockedMs;
        if (const auto lock = stats.longestLock(QString(), QStringLiteral("AccessExclusiveLock"),
                                                QStringLiteral("migration")))
            point.accessExclusiveMs = std::max(point.accessExclusiveMs, lock->durationMs());
        point.migrationMs += std::max(0.0, run.migrationEndMs - run.migrationStartMs);
        if (stats.maxMs)
            point.maxLatencyMs = std::max(point.maxLatencyMs, *stats.maxMs);
        ++point.runs;
    }
    series.points = byRows.values();
    QList<QPointF> blocked;
    QList<QPointF> hold;
    for (const SweepPoint& p : series.points) {
        blocked << QPointF(double(p.rows), p.blockedMs);
        hold << QPointF(double(p.rows), p.accessExclusiveMs);
    }
    series.blockedFit = SweepFit::fit(blocked);
    series.holdFit = SweepFit::fit(hold);
    return series;
}

QStringList SweepSeries::seriesNames(const QList<RunRecord>& runs)
{
    QStringList names;
    for (const RunRecord& run : runs) {
        if (!run.sweepSeries.isEmpty() && !names.contains(run.sweepSeries))
            names << run.sweepSeries;
    }
    return names;
}

QJsonObject SweepSeries::toJson() const
{
    QJsonArray array;
    for (const SweepPoint& p : points)
        array.append(QJsonObject { { "rows", double(p.rows) },
                                   { "reads_blocked_ms", p.blockedMs },
                                   { "access_exclusive_ms", p.accessExclusiveMs },
                                   { "migration_ms", p.migrationMs },
                                   { "max_latency_ms", p.maxLatencyMs },
                                   { "steps", p.runs } });
    const auto fitJson = [](const SweepFit& f) {
        return f.isValid() ? QJsonObject { { "slope", f.slope },
                                           { "intercept_log10_ms", f.intercept },
                                           { "points", f.n },
                                           { "residual_sd_log10", f.residualSd },
                                           { "in_words", f.inWords() } }
                           : QJsonObject { { "points", f.n }, { "in_words", f.inWords() } };
    };
    return { { "series", name },
             { "points", array },
             { "reads_blocked_fit", fitJson(blockedFit) },
             { "access_exclusive_fit", fitJson(holdFit) } };
}

} // namespace locklab
