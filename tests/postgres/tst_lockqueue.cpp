#include "SqlCheck.h"
#include "StepRun.h"
#include "TestServer.h"
#include "core/lesson/LessonLoader.h"
#include "core/run/LessonRunner.h"
#include "core/run/RunStatistics.h"
#include "core/run/Verdict.h"
#include "core/server/DatabaseConnection.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QtTest>

using namespace locklab;

namespace {
// Short holds keep the suite fast; the lesson's own 10 s are for people.
constexpr qint64 kHoldMs = 4000;
constexpr qint64 kLeadMs = 300;
constexpr double kLockTimeoutMs = 200; // migration 0003_largeuser_last_seen
} // namespace

// Lesson 6 measured for real at 50k rows: other sessions on the stage (the
// actors), reads and writes probed at once, the pre-flight check, and no
// actor outliving its step.
class TestLockQueue : public QObject
{
    Q_OBJECT

private:
    test::TestServer* m_server = nullptr;
    LessonLibrary m_library;
    std::unique_ptr<LessonRunner> m_runner;

    Lesson* lockQueue()
    {
        for (Lesson& lesson : m_library.lessons) {
            if (lesson.id == "lock-queue")
                return &lesson;
        }
        return nullptr;
    }

    RunRecord run(LessonRunner* runner, const QString& lessonId, int step, const QVariantMap& parameters = {})
    {
        return test::runStepAndWait(*runner, m_library, lessonId, step, parameters, 60000);
    }

    qint64 scalar(const QString& sql) { return test::scalarOn(m_server->sandboxSettings(), sql); }

    // Sessions of actors still connected to the server, in any database.
    qint64 actorSessions()
    {
        return scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'locklab-actor:%'");
    }

    static const LockInterval* findLock(const RunRecord& record, const QString& holder, const QString& mode,
                                        bool granted)
    {
        for (const LockInterval& lock : record.locks) {
            if (lock.holder == holder && lock.mode == mode && lock.granted == granted && lock.relation == "large_user")
                return &lock;
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        const QString problem = test::prepareStepRuns(&m_server, &m_library);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        Lesson* lesson = lockQueue();
        QVERIFY(lesson);
        QCOMPARE(lesson->steps.size(), 4);
        for (int i = 1; i <= 2; ++i) { // behind-report and lock-timeout
            lesson->steps[i].leadMs = kLeadMs;
            lesson->steps[i].actors[0].holdMs = kHoldMs;
        }
        m_runner = std::make_unique<LessonRunner>(m_server->sandboxSettings());
        ProbeSettings probes;
        probes.tailMs = 500;
        m_runner->setProbeSettings(probes);
        m_runner->setPreflight(PreflightCheck::defaultThresholdMs, false);
        QVERIFY(run(m_runner.get(), "seed", 0, { { "rows", 50000 } }).succeeded);
    }

    void cleanupTestCase() { m_runner.reset(); }

    void step1ReadsAndWritesQueueBehindTheWaitingAlter()
    {
        const RunRecord record = run(m_runner.get(), "lock-queue", 1);
        QVERIFY2(record.succeeded, qPrintable(record.error));
        QCOMPARE(record.actors.size(), 1);
        const ActorSpan& report = record.actors.first();
        QCOMPARE(report.name, QString("nightly report"));
        QVERIFY2(report.problem.isEmpty(), qPrintable(report.problem));

        const RunStatistics reads = RunStatistics::computeSeries(record, ProbeKind::Read);
        const RunStatistics writes = RunStatistics::computeSeries(record, ProbeKind::Write);
        qInfo("lock queue at 50k rows: report held %.0f ms; reads blocked %.0f ms, writes blocked %.0f ms",
              report.durationMs(), reads.blockedMs, writes.blockedMs);
        QVERIFY(reads.sampleCount > 0 && writes.sampleCount > 0);
        QVERIFY2(reads.blockedMs >= 0.8 * kHoldMs, qPrintable(Verdict::describe(RunSummary(record))));
        QVERIFY2(writes.blockedMs >= 0.8 * kHoldMs, qPrintable(Verdict::describe(RunSummary(record))));

        // The queue as the lock table shows it: the report's ACCESS SHARE
        // granted, the migration's ACCESS EXCLUSIVE waiting behind it, the
        // probes waiting behind the migration.
        QVERIFY(findLock(record, "nightly report", "AccessShareLock", true));
        const LockInterval* alter = findLock(record, "migration", "AccessExclusiveLock", false);
        QVERIFY2(alter, "no waiting ACCESS EXCLUSIVE of the migration was recorded");
        QVERIFY2(alter->blockedBy.contains("nightly report"), qPrintable(alter->blockedBy));
        bool probeBehindMigration = false;
        for (const LockInterval& lock : record.locks)
            probeBehindMigration = probeBehindMigration
                || (!lock.granted && lock.holder.startsWith("probe ") && lock.blockedBy.contains("migration"));
        QVERIFY(probeBehindMigration);

        const QString headline = Verdict::headline(RunSummary(record));
        QVERIFY2(headline.startsWith("Reads blocked ") && headline.contains("; writes blocked "), qPrintable(headline));
        QTRY_COMPARE_WITH_TIMEOUT(actorSessions(), 0, 3000);
    }

    void step2LockTimeoutSparesTheReads()
    {
        const RunRecord record = run(m_runner.get(), "lock-queue", 2);
        const RunStatistics reads = RunStatistics::computeSeries(record, ProbeKind::Read);
        qInfo("lock_timeout %.0f ms at 50k rows: longest read %.0f ms, reads blocked %.0f ms; %s", kLockTimeoutMs,
              reads.maxMs.value_or(-1), reads.blockedMs, qPrintable(record.error));
        QVERIFY(reads.latencyCount > 0);
        QVERIFY2(reads.maxMs.value_or(0) <= kLockTimeoutMs + 100, qPrintable(Verdict::describe(RunSummary(record))));
        // The engine retries after each lock timeout (55P03) until the report is gone, then the ALTER is applied.
        QVERIFY2(record.succeeded, qPrintable(record.error));
        int lockTimeouts = 0;
        for (const StatementTiming& statement : record.statements)
            lockTimeouts += statement.lockTimedOut() ? 1 : 0;
        QVERIFY2(lockTimeouts >= 2, qPrintable(QString("%1 lock timeouts").arg(lockTimeouts)));
        QVERIFY2(Verdict::describe(RunSummary(record)).contains("lock_timeout ran out"),
                 qPrintable(Verdict::describe(RunSummary(record))));
        QTRY_COMPARE_WITH_TIMEOUT(actorSessions(), 0, 3000);
    }

    void step3PreflightNamesTheForgottenSession()
    {
        QSignalSpy warned(m_runner.get(), &LessonRunner::preflightWarning);
        const RunRecord record = run(m_runner.get(), "lock-queue", 3);
        QVERIFY2(record.succeeded, qPrintable(record.error));
        QCOMPARE(warned.size(), 1);
        const PreflightReport report = warned.first().at(0).value<PreflightReport>();
        QVERIFY(report.hasWarnings());
        QCOMPARE(report.transactions.first().who, QString("forgotten psql"));
        QCOMPARE(report.transactions.first().state, QString("idle in transaction"));
        QVERIFY(report.transactions.first().ageMs > PreflightCheck::defaultThresholdMs);
        QVERIFY2(record.preflightWarnings.join(' ').contains("(forgotten psql)"),
                 qPrintable(record.preflightWarnings.join(' ')));
        // The step ended the session and then added the column.
        QCOMPARE(scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'large_user' AND "
                        "column_name = 'referrer'"),
                 1);
        QTRY_COMPARE_WITH_TIMEOUT(actorSessions(), 0, 3000);
    }

    void anActorWhoseConnectionDiesIsReportedAndTheStepGoesOn()
    {
        QVERIFY(run(m_runner.get(), "rollback", 0).succeeded); // back to 0001: step 1 has an ALTER to queue
        QSignalSpy problems(m_runner.get(), &LessonRunner::sideProblem);
        QSignalSpy started(m_runner.get(), &LessonRunner::actorStarted);
        QSignalSpy finished(m_runner.get(), &LessonRunner::stepFinished);
        QString error;
        QVERIFY2(m_runner->runStep(m_library, "lock-queue", 1, {}, &error), qPrintable(error));
        QVERIFY(started.wait(5000));
        QTest::qWait(int(kLeadMs) + 500); // the migration waits behind the report now
        QCOMPARE(scalar("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE application_name = 'locklab-actor:nightly report'"),
                 1);
        QVERIFY(finished.wait(20000));
        const RunRecord record = finished.first().at(0).value<RunRecord>();
        QVERIFY2(record.succeeded, qPrintable(record.error));
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.first().at(0).toString().contains("'nightly report'"),
                 qPrintable(problems.first().at(0).toString()));
        QCOMPARE(record.actors.size(), 1);
        QVERIFY(!record.actors.first().problem.isEmpty());
        // The migration went on as soon as the report was gone, long before its hold ran out.
        QVERIFY2(record.migrationEndMs - record.migrationStartMs < kHoldMs - 1000,
                 qPrintable(QString::number(record.migrationEndMs - record.migrationStartMs)));
    }

    void cancelEndsEveryActor_data()
    {
        QTest::addColumn<int>("afterMs");
        QTest::newRow("before the statements") << 100;
        QTest::newRow("while the migration waits") << int(kLeadMs) + 800;
    }

    void cancelEndsEveryActor()
    {
        QFETCH(int, afterMs);
        QVERIFY(run(m_runner.get(), "rollback", 0).succeeded); // back to 0001: step 1 has an ALTER to queue
        Lesson* lesson = lockQueue();
        lesson->steps[1].leadMs = afterMs > 500 ? kLeadMs : 2000;
        QSignalSpy finished(m_runner.get(), &LessonRunner::stepFinished);
        QSignalSpy started(m_runner.get(), &LessonRunner::actorStarted);
        QString error;
        QVERIFY2(m_runner->runStep(m_library, "lock-queue", 1, {}, &error), qPrintable(error));
        QVERIFY(started.wait(5000));
        QTest::qWait(afterMs);
        QVERIFY(actorSessions() >= 1);
        m_runner->cancel();
        // Cancelled before the statements, the step ends within cancel().
        QVERIFY(!finished.isEmpty() || finished.wait(10000));
        lesson->steps[1].leadMs = kLeadMs;
        const RunRecord record = finished.first().at(0).value<RunRecord>();
        QVERIFY(record.cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(actorSessions(), 0, 3000);
    }

    void noActorOutlivesItsRunner()
    {
        // What closing the window mid-step does: the runner goes away.
        auto runner = std::make_unique<LessonRunner>(m_server->sandboxSettings());
        runner->setPreflight(0, false);
        QSignalSpy started(runner.get(), &LessonRunner::actorStarted);
        QString error;
        QVERIFY2(runner->runStep(m_library, "lock-queue", 3, {}, &error), qPrintable(error));
        QVERIFY(started.wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(actorSessions(), 1, 3000);
        runner.reset();
        QTRY_COMPARE_WITH_TIMEOUT(actorSessions(), 0, 3000);
        // No probe or monitor either: only the other runner's migration connection and this check are left.
        QCOMPARE(scalar("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'locklab-%probe-%' "
                        "OR application_name = 'locklab-monitor'"),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestLockQueue)
#include "tst_lockqueue.moc"
