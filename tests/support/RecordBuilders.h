#pragma once

#include "core/observe/LockRow.h"
#include "core/run/RunRecord.h"

#include <QString>

// The parts of a RunRecord that tests write by hand: one builder each, with
// the fields a test varies as arguments and the rest left at their defaults.
namespace locklab::test {

// A probe sent (and scheduled) at `startMs`.
inline ProbeSample probeSample(double startMs, double latencyMs, ProbeOutcome outcome = ProbeOutcome::Ok, int probe = 1)
{
    ProbeSample sample;
    sample.scheduledMs = startMs;
    sample.startMs = startMs;
    sample.latencyMs = latencyMs;
    sample.outcome = outcome;
    sample.probe = probe;
    return sample;
}

inline StatementTiming statementTiming(const QString& sql, double startMs, double endMs)
{
    StatementTiming statement;
    statement.sql = sql;
    statement.startMs = startMs;
    statement.endMs = endMs;
    return statement;
}

inline LockInterval lockInterval(const QString& relation, const QString& mode, const QString& holder, double fromMs,
                                 double toMs, bool granted = true, int pid = 42)
{
    LockInterval lock;
    lock.pid = pid;
    lock.holder = holder;
    lock.relation = relation;
    lock.mode = mode;
    lock.granted = granted;
    lock.fromMs = fromMs;
    lock.toMs = toMs;
    return lock;
}

// One row of a lock-monitor poll (`table`: the table of an index, empty unless given).
inline LockRow lockRow(int pid, const QString& who, const QString& relation, const QString& mode, bool granted = true,
                       const QString& table = QString())
{
    LockRow row;
    row.pid = pid;
    row.who = who;
    row.relation = relation;
    row.table = table;
    row.mode = mode;
    row.granted = granted;
    return row;
}

} // namespace locklab::test
