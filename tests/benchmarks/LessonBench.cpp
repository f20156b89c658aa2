#include "LessonBench.h"

#include "IndependentProbe.h"
#include "PgConnection.h"
#include "core/lesson/CountParser.h"
#include "core/run/RunStatistics.h"

#include <algorithm>
#include <cmath>

namespace locklab::bench {

namespace {
const QString kSeeding = "1 Seeding";
const QString kBlocked = "2 Blocked window";
const QString kSafe = "3 Safe vs risky";

// The fill of large_user inside the seed step (the aggregate of its chunks).
double fillMs(const RunRecord& record)
{
    for (const StatementTiming& statement : record.statements) {
        if (statement.sql.contains("INSERT INTO large_user"))
            return statement.durationMs();
    }
    return 0;
}

double analyzeMs(const RunRecord& record)
{
    double total = 0;
    for (const StatementTiming& statement : record.statements) {
        if (statement.sql.startsWith("ANALYZE"))
            total += statement.durationMs();
    }
    return total;
}
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

void LessonBench::seeding()
{
    const QString rows = CountParser::format(m_context.rows);
    BenchContext::say(QString("1. seeding %1 rows: the lesson vs a bare INSERT ... generate_series").arg(rows));
    PgConnection bare;
    QString error;
    if (!bare.open(m_context.sandbox, "locklab-bench-bare", &error)) {
        m_context.table.addFailure(kSeeding, "Seeding", error);
        return;
    }
    // Alternate the two so that neither always runs on a warmer (or busier)
    // server; keep the best of each, the usual way to read a noisy machine.
    const int rounds = m_context.quick ? 1 : 3;
    double bestLesson = INFINITY;
    double bestBare = INFINITY;
    StepRunner::Result bestRun;
    for (int round = 0; round < rounds; ++round) {
        StepRunner::Result run;
        if (!seed(&run)) {
            m_context.table.addFailure(kSeeding, "Seed through the lesson", run.error);
            return;
        }
        if (run.migrationMs() < bestLesson) {
            bestLesson = run.migrationMs();
            bestRun = run;
        }
        bare.exec("DROP TABLE IF EXISTS bench_bare_user");
        if (!bare.exec("CREATE TABLE bench_bare_user (id bigserial PRIMARY KEY, name varchar(100) NOT NULL)", &error)) {
            m_context.table.addFailure(kSeeding, "Bare INSERT", error);
            return;
        }
        const double ms = bare.timed(QString("INSERT INTO bench_bare_user (name) SELECT 'user_' || g FROM "
                                             "generate_series(1, %1) AS g")
                                         .arg(m_context.rows),
                                     &error);
        bare.exec("DROP TABLE bench_bare_user");
        if (ms < 0) {
            m_context.table.addFailure(kSeeding, "Bare INSERT", error);
            return;
        }
        bestBare = std::min(bestBare, ms);
        BenchContext::say(QString("   round %1: lesson %2, bare %3")
                              .arg(round + 1)
                              .arg(BenchTable::seconds(run.migrationMs()), BenchTable::seconds(ms)));
    }
    const QString best = rounds > 1 ? QString(", best of %1").arg(rounds) : QString();
    m_context.table.add(
        kSeeding, QString("Seed %1 rows through the lesson (LessonRunner)%2").arg(rows, best),
        BenchTable::seconds(bestLesson), QString(), BenchTable::Met::NoTarget,
        QString("of which filling large_user %1, ANALYZE %2, the rest staging schema, small_user "
                "and the swap")
            .arg(BenchTable::seconds(fillMs(bestRun.record)), BenchTable::seconds(analyzeMs(bestRun.record))));
    m_context.table.add(kSeeding, QString("Bare INSERT ... generate_series of %1 rows, same server%2").arg(rows, best),
                        BenchTable::seconds(bestBare));
    m_context.table.addBounded(kSeeding, "Ratio lesson / bare", bestLesson / bestBare,
                               BenchTable::ratio(bestLesson / bestBare), 1.2, "<= 1.2");
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
