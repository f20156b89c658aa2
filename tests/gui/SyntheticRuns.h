#pragma once

#include "RecordBuilders.h"
#include "core/run/RunRecord.h"

#include <QDateTime>
#include <cmath>

// Recorded runs made up for the chart tests, shaped like the lessons' real
// ones: the same numbers every time, no server needed.
namespace locklab::test {

inline ProbeSample makeSample(double startMs, double latencyMs, ProbeOutcome outcome = ProbeOutcome::Ok, int probe = 1)
{
    const bool unsent = outcome == ProbeOutcome::NoFreeConnection;
    ProbeSample sample = probeSample(startMs, unsent ? 0 : latencyMs, outcome, unsent ? 0 : probe);
    if (outcome == ProbeOutcome::Timeout)
        sample.message = QStringLiteral("canceling statement due to statement timeout");
    else if (outcome == ProbeOutcome::Error)
        sample.message = QStringLiteral("server closed the connection unexpectedly");
    return sample;
}

// A fast read: 0.3 to 0.9 ms, varying but deterministic.
inline double fastLatency(int tick)
{
    return 0.6 + 0.3 * std::sin(tick * 1.7);
}

inline StatementTiming makeStatement(const QString& sql, double startMs, double endMs)
{
    return statementTiming(sql, startMs, endMs);
}

inline LockInterval makeLock(const QString& mode, const QString& holder, double fromMs, double toMs,
                             bool granted = true)
{
    return lockInterval(QStringLiteral("large_user"), mode, holder, fromMs, toMs, granted,
                        holder == QLatin1String("migration") ? 4242 : 4243);
}

// Lesson 3: Django's migration 0003 in one transaction. ACCESS EXCLUSIVE from
// the first ALTER TABLE to COMMIT (2.0 s to 6.2 s); three probe connections
// sending a read every 50 ms with a 3 s timeout: fast reads, then three
// timeouts, "no free connection" ticks while all three wait, slow answers
// when the lock goes, fast reads again.
inline RunRecord riskyRun()
{
    RunRecord run;
    run.lessonId = QStringLiteral("not-null");
    run.lessonTitle = QStringLiteral("Add a NOT NULL constraint");
    run.stepId = QStringLiteral("apply-0003");
    run.stepTitle = QStringLiteral("Add NOT NULL the way Django does it");
    run.rowCount = 1000000;
    run.serverVersion = QStringLiteral("16.4");
    run.startedAt = QDateTime(QDate(2026, 11, 25), QTime(14, 32));
    run.probeTimeoutMs = 3000;
    run.migrationStartMs = 2000;
    run.migrationEndMs = 6200;
    run.endMs = 8500;
    run.succeeded = true;

    run.statements = {
        makeStatement(QStringLiteral("BEGIN"), 2000, 2000.4),
        makeStatement(QStringLiteral("ALTER TABLE \"large_user\" ALTER COLUMN \"status\" SET DEFAULT 'active'"), 2000.4,
                      2001.2),
        makeStatement(QStringLiteral("UPDATE \"large_user\" SET \"status\" = 'active' WHERE \"status\" IS NULL"),
                      2001.2, 6100),
        makeStatement(QStringLiteral("ALTER TABLE \"large_user\" ALTER COLUMN \"status\" SET NOT NULL"), 6100, 6180),
        makeStatement(QStringLiteral("ALTER TABLE \"large_user\" ALTER COLUMN \"status\" DROP DEFAULT"), 6180, 6181),
        makeStatement(QStringLiteral("COMMIT"), 6181, 6200),
    };
    run.locks = {
        makeLock(QStringLiteral("AccessExclusiveLock"), QStringLiteral("migration"), 2001, 6200),
        makeLock(QStringLiteral("RowExclusiveLock"), QStringLiteral("migration"), 2001, 6200),
        makeLock(QStringLiteral("AccessShareLock"), QStringLiteral("probe 1"), 2050, 6200, false),
        makeLock(QStringLiteral("AccessShareLock"), QStringLiteral("probe 2"), 2100, 6200, false),
        makeLock(QStringLiteral("AccessShareLock"), QStringLiteral("probe 3"), 2150, 6200, false),
    };

    const double lockFrom = 2001, lockTo = 6200;
    double busyUntil[3] = { 0, 0, 0 };
    int tick = 0;
    for (double t = 0; t < run.endMs; t += 50, ++tick) {
        int probe = -1;
        for (int p = 0; p < 3 && probe < 0; ++p) {
            if (busyUntil[p] <= t)
                probe = p;
        }
        if (probe < 0) {
            run.samples.append(makeSample(t, 0, ProbeOutcome::NoFreeConnection));
            continue;
        }
        double latency = fastLatency(tick);
        ProbeOutcome outcome = ProbeOutcome::Ok;
        if (t >= lockFrom && t < lockTo) {
            latency = lockTo - t + fastLatency(tick);
            if (latency >= run.probeTimeoutMs) {
                latency = run.probeTimeoutMs;
                outcome = ProbeOutcome::Timeout;
            }
        }
        busyUntil[probe] = t + latency;
        run.samples.append(makeSample(t, latency, outcome, probe + 1));
    }
    return run;
}

// Lesson 5: the batched backfill. Forty batches, each UPDATE committed on its
// own; reads never wait for more than a few ms.
inline RunRecord safeRun()
{
    RunRecord run;
    run.lessonId = QStringLiteral("safe-path");
    run.lessonTitle = QStringLiteral("The safe path to NOT NULL");
    run.stepId = QStringLiteral("backfill");
    run.stepTitle = QStringLiteral("Backfill in batches");
    run.rowCount = 1000000;
    run.serverVersion = QStringLiteral("PostgreSQL 16.4 on x86_64-pc-linux-gnu, compiled by gcc");
    run.startedAt = QDateTime(QDate(2026, 11, 25), QTime(14, 41));
    run.probeTimeoutMs = 3000;
    run.migrationStartMs = 1500;
    run.succeeded = true;

    double t = run.migrationStartMs;
    for (int batch = 0; batch < 40; ++batch) {
        const int first = batch * 25000 + 1;
        run.statements.append(makeStatement(
            QStringLiteral("UPDATE large_user SET status = 'active' WHERE id BETWEEN %1 AND %2 AND status IS NULL")
                .arg(first)
                .arg(first + 24999),
            t, t + 140));
        run.statements.append(makeStatement(QStringLiteral("COMMIT"), t + 140, t + 143));
        run.locks.append(makeLock(QStringLiteral("RowExclusiveLock"), QStringLiteral("migration"), t, t + 143));
        t += 153;
    }
    run.migrationEndMs = t;
    run.endMs = t + 1500;

    int tick = 0;
    for (double s = 0; s < run.endMs; s += 50, ++tick) {
        const bool duringBatch = s >= run.migrationStartMs && s < run.migrationEndMs;
        const double latency = fastLatency(tick) + (duringBatch ? 1.2 + (tick % 9 == 0 ? 5.0 : 0.0) : 0.0);
        run.samples.append(makeSample(s, latency, ProbeOutcome::Ok, 1 + tick % 3));
    }
    return run;
}

// One size of a sweep: a step that holds ACCESS EXCLUSIVE from 1.0 s for
// `stallMs`, so reads sent during it wait until it ends; probes every 50 ms.
inline RunRecord sweepRun(qint64 rows, double stallMs, const QString& series)
{
    RunRecord run;
    run.lessonId = QStringLiteral("not-null");
    run.stepId = QStringLiteral("not-null");
    run.stepTitle = QStringLiteral("Migrate to 0003");
    run.rowCount = rows;
    run.sweepSeries = series;
    run.startedAt = QDateTime(QDate(2026, 11, 25), QTime(15, 0));
    run.migrationStartMs = 1000;
    run.migrationEndMs = 1000 + stallMs;
    run.endMs = run.migrationEndMs + 1000;
    run.succeeded = true;
    run.statements = { makeStatement(QStringLiteral("ALTER TABLE large_user ALTER COLUMN status SET NOT NULL"), 1000,
                                     run.migrationEndMs) };
    run.locks = { makeLock(QStringLiteral("AccessExclusiveLock"), QStringLiteral("migration"), 1000,
                           run.migrationEndMs) };
    // Every probe's read during the stall waits on the lock: the monitor saw each one queued.
    for (int probe = 1; probe <= 3; ++probe)
        run.locks << makeLock(QStringLiteral("AccessShareLock"), QStringLiteral("probe %1").arg(probe), 1000,
                              run.migrationEndMs, false);
    int tick = 0;
    for (double s = 0; s < run.endMs; s += 50, ++tick) {
        const bool stuck = s >= 1000 && s < run.migrationEndMs;
        run.samples.append(
            makeSample(s, stuck ? run.migrationEndMs - s : fastLatency(tick), ProbeOutcome::Ok, 1 + tick % 3));
    }
    return run;
}

// Lesson 6: reads and writes probed at once behind the "nightly report"
// actor: the risky run's reads, the same pattern for writes (a little
// slower), and the report's band on the actors lane.
inline RunRecord lockQueueRun()
{
    RunRecord run = riskyRun();
    run.lessonId = QStringLiteral("lock-queue");
    run.lessonTitle = QStringLiteral("The lock queue");
    run.stepId = QStringLiteral("behind-report");
    run.stepTitle = QStringLiteral("An instant ADD COLUMN behind a report");
    const QList<ProbeSample> reads = run.samples;
    for (ProbeSample write : reads) {
        write.kind = ProbeKind::Write;
        write.startMs += 25;
        write.scheduledMs += 25;
        if (write.outcome == ProbeOutcome::Ok)
            write.latencyMs += 0.8;
        run.samples.append(write);
    }
    // The write probes queued behind the same lock as the reads.
    const QList<LockInterval> locks = run.locks;
    for (LockInterval wait : locks) {
        if (!wait.granted && wait.holder.startsWith(QLatin1String("probe "))) {
            wait.holder.prepend(QStringLiteral("write "));
            run.locks.append(wait);
        }
    }
    ActorSpan report;
    report.name = QStringLiteral("nightly report");
    report.kind = QStringLiteral("long_query");
    report.startMs = 500;
    report.endMs = 6190;
    run.actors = { report };
    return run;
}

} // namespace locklab::test
