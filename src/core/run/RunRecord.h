#pragma once

#include "core/lesson/ProbeSpec.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace locklab {

// Everything a step's run produced. The chart, the statistics, the verdict,
// the CSV and the JSON are all views of one RunRecord. Times are
// milliseconds since the run started (one steady clock for all threads).

enum class ProbeOutcome {
    Ok,
    Timeout, // the probe hit its statement timeout
    Error, // the query failed (message says why)
    NoFreeConnection, // at the scheduled tick every probe connection was still busy
};

struct ProbeSample
{
    double scheduledMs = 0; // when the tick asked for a probe
    double startMs = 0; // when the query was sent (== scheduledMs for NoFreeConnection)
    double latencyMs = 0; // time until the answer, timeout or error (0 for NoFreeConnection)
    ProbeOutcome outcome = ProbeOutcome::Ok;
    int probe = 0; // probe connection number, 1-based; 0 for NoFreeConnection
    QString message; // error text for Error / Timeout
    QString step; // step id the sample belongs to
    ProbeKind kind = ProbeKind::Read; // which series: a run may probe reads and writes at once
    // Still unanswered when recording stopped: latencyMs and outcome mean
    // nothing yet, the wait lasted at least until RunRecord::endMs. Kept so a
    // read stuck at the end of a run still counts as blocked.
    bool inFlight = false;

    double endMs() const { return startMs + latencyMs; }
};

struct StatementTiming
{
    QString sql;
    double startMs = 0;
    double endMs = 0;
    qint64 rowsAffected = -1; // -1: not applicable
    QString error; // empty on success
    QString sqlState; // e.g. "57014" for a cancelled statement
    int batches = 0; // > 0: one entry standing for this many batches (or seed chunks) of one statement
    // > 0: ran in try number `attempt` of a transaction that LockLab retries
    // when its lock_timeout runs out (SQLSTATE 55P03); 0 otherwise.
    int attempt = 0;

    bool lockTimedOut() const { return sqlState == QLatin1String("55P03"); }

    double durationMs() const { return endMs - startMs; }
};

// A lock observed by the lock monitor: who held (or waited for) which mode on
// which relation, from the first to the last poll that saw it.
struct LockInterval
{
    int pid = 0;
    QString holder; // "migration", "probe 2", an actor's name ("nightly report"), "other"
    QString relation; // "large_user"
    QString table; // the table of an index ("large_user" for "large_user_pkey"); empty when not known
    QString mode; // "AccessExclusiveLock"
    bool granted = true;
    QString blockedBy; // waits only: who pg_blocking_pids() named, e.g. "nightly report, migration"
    double fromMs = 0;
    double toMs = 0;

    double durationMs() const { return toMs - fromMs; }
};

// A background session of the step (ActorSpec) from the moment it started
// acting (query sent, transaction opened) to the moment it ended or was
// stopped with the step. Drawn on the chart's actor lane.
struct ActorSpan
{
    QString name; // "nightly report"
    QString kind; // "long_query", "idle_in_transaction", "writer"
    int pid = 0; // its backend, for the lock table and the pre-flight
    double startMs = 0;
    double endMs = 0;
    QString problem; // non-empty when it ended on an error (connection lost, statement failed)

    double durationMs() const { return endMs - startMs; }
};

struct RunRecord
{
    QString lessonId;
    QString lessonTitle;
    QString stepId;
    QString stepTitle;
    qint64 rowCount = 0;
    QVariantMap parameters; // the step's parameters as run (defaults filled in)
    QString sweepSeries; // set when the run was one size of a sweep (SweepRunner): the series it belongs to
    QString serverVersion;
    QDateTime startedAt; // wall clock at time 0
    double probeTimeoutMs = 3000;
    double blockedThresholdMs = 100;

    double migrationStartMs = 0; // when the step's first statement started
    double migrationEndMs = 0; // when its last statement ended (COMMIT included)
    double endMs = 0; // when recording stopped (probes run on after the step)

    QList<ProbeSample> samples;
    QList<StatementTiming> statements;
    QList<LockInterval> locks;
    QList<ActorSpan> actors;
    QStringList preflightWarnings; // long-open transactions found before the migration ran

    bool succeeded = false;
    bool cancelled = false;
    // Failed with the SQLSTATE the step is meant to fail with (lesson 7's
    // build cut short, lesson 11's duplicate): the step did what it teaches.
    bool failedAsExpected = false;
    QString error;
};

} // namespace locklab
