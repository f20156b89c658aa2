#include "LockQueueBench.h"

#include "PgConnection.h"
#include "StepRunner.h"
#include "core/run/RunStatistics.h"

namespace locklab::bench {

namespace {
const QString kGroup = "7 Lock queue";
} // namespace

LockQueueBench::LockQueueBench(BenchContext& context)
    : m_context(context)
{
}

void LockQueueBench::run()
{
    PgConnection check;
    if (check.open(m_context.sandbox, "locklab-bench-check", nullptr)
        && check.scalar("SELECT to_regclass('public.large_user') IS NULL") == "t") {
        StepRunner steps(m_context.sandbox, m_context.serverVersion);
        steps.run(m_context.library, "seed", "seed", { { "rows", m_context.rows } });
    }
    const QList<qint64> holds = m_context.quick ? QList<qint64> { 2000 } : QList<qint64> { 2000, 5000, 10000 };
    for (qint64 holdMs : holds)
        measure(holdMs);
}

void LockQueueBench::measure(qint64 holdMs)
{
    BenchContext::say(
        QString("7. lock queue: the nightly report holds ACCESS SHARE for %1").arg(BenchTable::seconds(holdMs)));
    LessonLibrary library = m_context.library;
    Lesson* lesson = nullptr;
    for (Lesson& candidate : library.lessons) {
        if (candidate.id == "lock-queue")
            lesson = &candidate;
    }
    if (!lesson) {
        m_context.table.addFailure(kGroup, "lesson 6", "the lesson 'lock-queue' is missing");
        return;
    }
    for (int step = 1; step <= 2; ++step) // behind-report and lock-timeout
        lesson->steps[step].actors[0].holdMs = holdMs;
    const QString hold = BenchTable::seconds(holdMs);
    StepRunner steps(m_context.sandbox, m_context.serverVersion);
    // Both steps start from 0001: a rollback first, unprobed.
    if (!steps.run(library, "rollback", "rollback").ok) {
        m_context.table.addFailure(kGroup, "rollback to 0001", "failed");
        return;
    }
    const StepRunner::Result plain = steps.run(library, "lock-queue", "behind-report");
    if (!plain.ok) {
        m_context.table.addFailure(kGroup, "step 1, hold " + hold, plain.error);
        return;
    }
    const RunStatistics reads = RunStatistics::computeSeries(plain.record, ProbeKind::Read);
    const RunStatistics writes = RunStatistics::computeSeries(plain.record, ProbeKind::Write);
    const double lead = lesson->steps[1].leadMs;
    m_context.table.add(kGroup, QString("hold %1, no lock_timeout: reads blocked").arg(hold),
                        BenchTable::seconds(reads.blockedMs), QString(), BenchTable::Met::NoTarget,
                        QString("the ALTER starts %1 into the hold; migration took %2")
                            .arg(BenchTable::seconds(lead), BenchTable::seconds(plain.migrationMs())));
    m_context.table.add(kGroup, QString("hold %1, no lock_timeout: writes blocked").arg(hold),
                        BenchTable::seconds(writes.blockedMs));

    const StepRunner::Result timed = steps.run(library, "lock-queue", "lock-timeout");
    const RunStatistics timedReads = RunStatistics::computeSeries(timed.record, ProbeKind::Read);
    m_context.table.addBounded(
        kGroup, QString("hold %1, lock_timeout 200 ms: longest read").arg(hold), timedReads.maxMs.value_or(0),
        BenchTable::ms(timedReads.maxMs.value_or(0)), 300, "<= 300 ms",
        timed.ok ? QString("migration applied after %1").arg(BenchTable::seconds(timed.migrationMs()))
                 : QString("not applied: %1")
                       .arg(timed.outcome.sqlState.isEmpty() ? timed.error : "lock timeout, no retry"));
    m_context.table.add(kGroup, QString("hold %1, lock_timeout 200 ms: reads blocked").arg(hold),
                        BenchTable::seconds(timedReads.blockedMs));
}

} // namespace locklab::bench
