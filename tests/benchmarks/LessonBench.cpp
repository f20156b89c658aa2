#include "LessonBench.h"

#include "IndependentProbe.h"
#include "PgConnection.h"
#include "core/lesson/CountParser.h"
#include "core/run/RunStatistics.h"

#include <algorithm>
#include <cmath>

namespace locklab::bench {

namespace {
const QString kBlocked = "2 Blocked window";
const QString kSafe = "3 Safe vs risky";

} // namespace

LessonBench::LessonBench(BenchContext& context)
    : m_context(context)
    , m_steps(context.sandbox, context.serverVersion)
{
}

bool LessonBench::seed(StepRunner::Result* out)
{
    const StepRunner::Result result = m_steps.run(m_context.library, "seed", "seed", { { "rows", m_context.rows } });
    if (out)
        *out = result;
    if (!result.ok)
        BenchContext::say("seeding failed: " + result.error);
    return result.ok;
}

void LessonBench::blockedWindow()
{
    const QString rows = CountParser::format(m_context.rows);
    BenchContext::say(
        QString("2. blocked window of the NOT NULL step at %1 rows, LockLab vs an independent probe").arg(rows));
    // A fresh table as the attendee has it after lesson 1 (ledger at 0001).
    if (!seed()) {
        m_context.table.addFailure(kBlocked, "NOT NULL step", "seeding failed");
        return;
    }
    IndependentProbe independent(m_context.sandbox, 20);
    QString error;
    if (!independent.start(&error)) {
        m_context.table.addFailure(kBlocked, "Independent probe", error);
        return;
    }
    BenchContext::runFor(300);
    const StepRunner::Result run = m_steps.run(m_context.library, "not-null", "not-null");
    independent.stop();
    if (!run.ok) {
        m_context.table.addFailure(kBlocked, "NOT NULL step", run.error);
        return;
    }
    m_riskyMs = run.migrationMs();
    const RunStatistics stats = RunStatistics::compute(run.record);
    const double lockLab = stats.blockedMs;
    const double own = independent.blockedMs(100);
    m_context.table.add(kBlocked, "Reads blocked, independent libpq probe (20 Hz, reads > 100 ms)",
                        BenchTable::seconds(own), QString(), BenchTable::Met::NoTarget,
                        QString("%1 reads, longest %2")
                            .arg(independent.reads().size())
                            .arg(BenchTable::ms(independent.maxLatencyMs())));
    m_context.table.add(kBlocked, "Reads blocked, LockLab (RunStatistics::blockedMs of the step's record)",
                        BenchTable::seconds(lockLab), QString(), BenchTable::Met::NoTarget,
                        QString("%1 samples, %2 slow, %3 timeouts; migration %4")
                            .arg(stats.sampleCount)
                            .arg(stats.slowCount)
                            .arg(stats.timeoutCount)
                            .arg(BenchTable::seconds(run.migrationMs())));
    if (own <= 0) {
        m_context.table.add(kBlocked, "Relative difference", "n/a", "<= 10%", BenchTable::Met::No,
                            "the independent probe saw no blocked read");
        return;
    }
    const double difference = std::abs(lockLab - own) / own;
    m_context.table.addBounded(kBlocked, "Relative difference |LockLab - independent| / independent", difference,
                               BenchTable::percent(difference), 0.10, "<= 10%");
}

void LessonBench::safePath()
{
    const QString rows = CountParser::format(m_context.rows);
    BenchContext::say(QString("3. the safe path (lesson 5) vs the risky one (lesson 3) at %1 rows").arg(rows));
    if (m_riskyMs < 0) {
        m_context.table.addFailure(kSafe, "Safe vs risky", "the risky run (benchmark 2) did not complete");
        return;
    }
    // Lesson 4 as the attendee runs it, then a fresh seed, so the safe path
    // starts on the same fresh table the risky one had.
    const StepRunner::Result rollback = m_steps.run(m_context.library, "rollback", "rollback");
    if (!rollback.ok || !seed()) {
        m_context.table.addFailure(kSafe, "Safe path", rollback.ok ? "re-seeding failed" : rollback.error);
        return;
    }
    double total = 0;
    QList<double> latencies;
    QStringList parts;
    for (const QString step : { "add-column", "backfill", "add-check", "validate", "set-not-null" }) {
        const StepRunner::Result run = m_steps.run(m_context.library, "safe-path", step);
        if (!run.ok) {
            m_context.table.addFailure(kSafe, "Safe path step " + step, run.error);
            return;
        }
        total += run.migrationMs();
        parts << QString("%1 %2").arg(step, BenchTable::seconds(run.migrationMs()));
        // Reads sent while the step's statements ran, counted as RunStatistics counts them.
        for (const ProbeSample& sample : run.record.samples) {
            const bool measured = sample.outcome == ProbeOutcome::Ok || sample.outcome == ProbeOutcome::Timeout;
            if (measured && !sample.inFlight && sample.startMs >= run.record.migrationStartMs
                && sample.startMs < run.record.migrationEndMs)
                latencies << sample.latencyMs;
        }
    }
    m_context.table.add(kSafe, "Risky path: lesson 3's NOT NULL step (statements only)",
                        BenchTable::seconds(m_riskyMs));
    m_context.table.add(kSafe, "Safe path: lesson 5, add-column .. set-not-null (statements only)",
                        BenchTable::seconds(total), QString(), BenchTable::Met::NoTarget, parts.join(", "));
    m_context.table.addBounded(kSafe, "Ratio safe / risky", total / m_riskyMs, BenchTable::ratio(total / m_riskyMs),
                               1.5, "<= 1.5");
    std::sort(latencies.begin(), latencies.end());
    if (latencies.isEmpty()) {
        m_context.table.addFailure(kSafe, "Probe latency during the safe path", "no probe ran during the statements");
        return;
    }
    const double p50 = *RunStatistics::percentile(latencies, 50);
    const double p99 = *RunStatistics::percentile(latencies, 99);
    const double max = latencies.last();
    const QString count = QString("%1 reads while the statements ran").arg(latencies.size());
    m_context.table.add(kSafe, "Probe p50 during the safe path", BenchTable::ms(p50), QString(),
                        BenchTable::Met::NoTarget, count);
    m_context.table.addBounded(kSafe, "Probe p99 during the safe path", p99, BenchTable::ms(p99), 20, "<= 20 ms");
    m_context.table.addBounded(kSafe, "Probe max during the safe path", max, BenchTable::ms(max), 50, "<= 50 ms");
}

} // namespace locklab::bench
