#pragma once

#include "core/run/RunRecord.h"
#include "core/sweep/SweepFit.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace locklab {

// One measured size of a sweep: what the reads and the lock did at `rows`.
struct SweepPoint
{
    qint64 rows = 0;
    double blockedMs = 0; // reads blocked (RunStatistics::blockedMs), summed over the series' steps
    double accessExclusiveMs = 0; // longest ACCESS EXCLUSIVE the migration held (any step of the series)
    double migrationMs = 0; // statements' time, first to last, summed
    double maxLatencyMs = 0;
    int runs = 0; // steps that make up the point
};

// A sweep's series: the step measured at several sizes ("risky"), and
// optionally the safe path at the same sizes, each with its fits. Built from
// recorded runs alone, so a session file's sweep plots without a server: the
// runs of one series share the series name; points group them by rows.
struct SweepSeries
{
    QString name; // "Migrate to 0003: ..." or "Safe path (5 steps)"
    QList<SweepPoint> points; // sorted by rows
    SweepFit blockedFit;
    SweepFit holdFit;

    // Runs whose RunRecord::sweepSeries equals `name`, grouped by rowCount.
    static SweepSeries fromRuns(const QList<RunRecord>& runs, const QString& name);
    // Every series name in the runs, in the order first seen; empty when the
    // runs hold no sweep.
    static QStringList seriesNames(const QList<RunRecord>& runs);

    QJsonObject toJson() const;
};

} // namespace locklab
