#include "StepRun.h"
#include "TestServer.h"
#include "core/lesson/LessonLoader.h"
#include "core/run/LessonRunner.h"
#include "core/run/RunStatistics.h"
#include "core/run/Verdict.h"
#include "core/server/DatabaseConnection.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>
#include <thread>

using namespace locklab;

// What the attendee is meant to see, measured for real: the NOT NULL step
// blocks reads behind the migration's ACCESS EXCLUSIVE lock, and the safe
// path does not.
class TestRunObservation : public QObject
{
    Q_OBJECT

private:
    test::TestServer* m_server = nullptr;
    LessonLibrary m_library;
    std::unique_ptr<LessonRunner> m_runner;

    RunRecord run(const QString& lessonId, int step, const QVariantMap& parameters = {})
    {
        return run(m_library, lessonId, step, parameters);
    }

    RunRecord run(const LessonLibrary& library, const QString& lessonId, int step, const QVariantMap& parameters = {})
    {
        const RunRecord record = test::runStepAndWait(*m_runner, library, lessonId, step, parameters);
        if (!record.succeeded)
            qWarning("%s step %d failed: %s", qPrintable(lessonId), step, qPrintable(record.error));
        return record;
    }

    static int stepIndex(const LessonLibrary& library, const QString& lessonId, const QString& stepId)
    {
        const Lesson* lesson = library.lesson(lessonId);
        for (int i = 0; lesson && i < lesson->steps.size(); ++i) {
            if (lesson->steps.at(i).id == stepId)
                return i;
        }
        return -1;
    }

    // The built-in lessons plus one lesson of this test, made of SQL steps.
    LessonLibrary withSqlLesson(const QString& id, const QList<QStringList>& steps, bool transaction = true) const
    {
        LessonLibrary library = m_library;
        Lesson lesson;
        lesson.id = id;
        lesson.number = 99;
        lesson.title = id;
        lesson.tables = { "large_user", "small_user" };
        for (const QStringList& statements : steps) {
            LessonStep step;
            step.id = QString("step%1").arg(lesson.steps.size() + 1);
            step.title = step.id;
            step.kind = StepKind::Sql;
            step.transaction = transaction;
            for (const QString& sql : statements) {
                SqlStatement statement;
                statement.sql = sql;
                step.statements.append(statement);
            }
            lesson.steps.append(step);
        }
        library.lessons.append(lesson);
        return library;
    }

    // The safe-path lesson with one more step: migrate to `target`.
    LessonLibrary withMigrateStep(const QString& target, int* index) const
    {
        LessonLibrary library = m_library;
        for (Lesson& lesson : library.lessons) {
            if (lesson.id != "safe-path")
                continue;
            lesson.steps.append(migrationStep(lesson, target));
            *index = int(lesson.steps.size()) - 1;
        }
        return library;
    }

    // Another session holds ACCESS SHARE on large_user for `holdMs` from now
    // (a long report, say), on a thread and connection of its own.
    std::thread holdAccessShare(int holdMs, QSemaphore* locked)
    {
        const ConnectionSettings settings = m_server->sandboxSettings();
        return std::thread([settings, holdMs, locked]() {
            DatabaseConnection connection(settings, "locklab-test-blocker");
            QString error;
            if (!connection.open(&error)) {
                qWarning("blocker: %s", qPrintable(error));
                locked->release();
                return;
            }
            {
                QSqlQuery query(connection.database());
                query.exec("BEGIN");
                query.exec("LOCK TABLE large_user IN ACCESS SHARE MODE");
                locked->release();
                query.exec(QString("SELECT pg_sleep(%1)").arg(holdMs / 1000.0));
                query.exec("COMMIT");
            }
        });
    }

private slots:
    void initTestCase()
    {
        const QString problem = test::prepareStepRuns(&m_server, &m_library);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_runner = std::make_unique<LessonRunner>(m_server->sandboxSettings());
        ProbeSettings probes;
        probes.leadMs = 1000;
        probes.tailMs = 1000;
        m_runner->setProbeSettings(probes);
        QVERIFY(run("seed", 0, { { "rows", 200000 } }).succeeded);
        QVERIFY(run("nullable", 0).succeeded);
    }

    void cleanupTestCase() { m_runner.reset(); }

    // The migration's own lock band comes from its statements: a short
    // ADD CONSTRAINT (a scan of 200k rows) shows as long as it really was,
    // from the ALTER to COMMIT, where the 5 Hz poll could see 0.0 ms or nothing.
    void ownLockBandRunsFromTheStatementToCommit()
    {
        const LessonLibrary library = withSqlLesson(
            "own-lock",
            { { "ALTER TABLE large_user ADD CONSTRAINT own_lock_check CHECK (id > 0)" },
              { "ALTER TABLE large_user DROP CONSTRAINT own_lock_check" } });
        const RunRecord record = run(library, "own-lock", 0);
        QVERIFY(record.succeeded);
        const StatementTiming* alter = nullptr;
        const StatementTiming* commit = nullptr;
        for (const StatementTiming& statement : record.statements) {
            if (statement.sql.startsWith("ALTER TABLE"))
                alter = &statement;
            if (statement.sql == "COMMIT")
                commit = &statement;
        }
        QVERIFY(alter && commit);
        const RunStatistics stats = RunStatistics::compute(record);
        const auto lock = stats.longestLock("large_user", "AccessExclusiveLock", "migration");
        QVERIFY2(lock, "no ACCESS EXCLUSIVE on large_user by the migration");
        qInfo("ADD CONSTRAINT took %.1f ms; its lock band %.1f ms", alter->durationMs(), lock->durationMs());
        QCOMPARE(lock->fromMs, alter->startMs);
        QCOMPARE(lock->toMs, commit->endMs);
        QVERIFY(lock->durationMs() >= alter->durationMs());
        QVERIFY(run(library, "own-lock", 1).succeeded);
    }

    void notNullBlocksReadsBehindAccessExclusive()
    {
        const RunRecord record = run("not-null", 0);
        QVERIFY(record.succeeded);
        QVERIFY(!record.samples.isEmpty());

        // At least one read waited longer than 100 ms (or timed out).
        const bool someoneWaited = std::any_of(
            record.samples.cbegin(), record.samples.cend(), [](const ProbeSample& s) {
                return s.outcome == ProbeOutcome::Timeout || (s.outcome == ProbeOutcome::Ok && s.latencyMs > 100)
                    || s.inFlight;
            });
        const RunStatistics stats = RunStatistics::compute(record);
        qInfo("NOT NULL at 200k rows: migration %.0f ms, blocked %.0f ms, max %.0f ms, %d samples",
              record.migrationEndMs - record.migrationStartMs, stats.blockedMs, stats.maxMs.value_or(-1),
              stats.sampleCount);
        QVERIFY2(someoneWaited, qPrintable(Verdict::describe(RunSummary(record))));

        // The lock monitor saw the migration's connection hold ACCESS EXCLUSIVE on large_user.
        const auto lock = stats.longestLock("large_user", "AccessExclusiveLock", "migration");
        QVERIFY2(lock.has_value(), "no ACCESS EXCLUSIVE on large_user by the migration was recorded");
        QVERIFY(lock->granted);

        // Probes kept their schedule: ticks (answered, waiting or no free
        // connection) at 20 Hz over the recorded time, within 10 %.
        const double seconds = record.endMs / 1000.0;
        const double rate = stats.sampleCount / seconds;
        QVERIFY2(qAbs(rate - 20.0) <= 2.0, qPrintable(QString("rate %1 Hz").arg(rate)));
        QVERIFY(Verdict::describe(RunSummary(record)).contains("blocked"));
    }

    void safePathKeepsReadsFlowing()
    {
        QVERIFY(run("rollback", 0).succeeded);
        const QStringList steps = { "add-column", "backfill", "add-check", "validate", "set-not-null" };
        for (const QString& stepId : steps) {
            const int index = stepIndex(m_library, "safe-path", stepId);
            QVERIFY(index >= 0);
            const RunRecord record = run("safe-path", index);
            QVERIFY2(record.succeeded, qPrintable(stepId));
            const RunStatistics stats = RunStatistics::compute(record);
            qInfo("safe path %s: %d samples, p99 %.1f ms, max %.1f ms", qPrintable(stepId), stats.sampleCount,
                  stats.p99Ms.value_or(-1), stats.maxMs.value_or(-1));
            QVERIFY(stats.latencyCount > 0);
            QCOMPARE(stats.timeoutCount, 0);
            QVERIFY2(stats.maxMs.value_or(0) <= 100,
                     qPrintable(QString("%1: max %2 ms").arg(stepId).arg(*stats.maxMs)));
            // Exact bands (from the statement to COMMIT) are a few ms on a quiet machine; the
            // margin is for a loaded one. Lesson 3 holds it for seconds.
            for (const LockInterval& lock : record.locks) {
                if (lock.mode == "AccessExclusiveLock" && lock.relation == "large_user")
                    QVERIFY2(lock.durationMs() <= 500,
                             qPrintable(QString("%1: ACCESS EXCLUSIVE for %2 ms").arg(stepId).arg(lock.durationMs())));
            }
        }
    }

    // Rolling back 0006 the safe way: ADD ... NOT VALID, VALIDATE in its own
    // transaction, DROP NOT NULL, each under lock_timeout. No read waits.
    void rollingBack0006KeepsReadsFlowing()
    {
        int index = -1;
        const LessonLibrary library = withMigrateStep("0005_validate_status_check", &index);
        const RunRecord record = run(library, "safe-path", index);
        QVERIFY2(record.succeeded, qPrintable(record.error));
        const RunStatistics stats = RunStatistics::compute(record);
        qInfo("0006 backward at 200k rows: %.0f ms, max read %.1f ms, %d lock waits: %s",
              record.migrationEndMs - record.migrationStartMs, stats.maxMs.value_or(-1), stats.lockWaitCount,
              qPrintable(Verdict::describe(RunSummary(record))));
        QVERIFY(stats.latencyCount > 0);
        QCOMPARE(stats.timeoutCount, 0);
        QVERIFY2(stats.maxMs.value_or(0) <= 100, qPrintable(Verdict::describe(RunSummary(record))));
        bool validated = false;
        for (const StatementTiming& statement : record.statements) {
            if (statement.sql.contains("VALIDATE CONSTRAINT")) {
                validated = true;
                QVERIFY(statement.attempt > 0); // its own transaction, under lock_timeout
            }
        }
        QVERIFY(validated);
        // The state 0005 made: applying 0006 again needs no scan and works.
        QVERIFY(run("safe-path", stepIndex(m_library, "safe-path", "set-not-null")).succeeded);
    }

    // A report holds ACCESS SHARE on large_user for about 2 s after the
    // migration starts. ADD CONSTRAINT ... NOT VALID, under lock_timeout
    // 500 ms, times out, rolls back, tries again and gets its lock once the
    // report is done; no read queues behind it for longer than lock_timeout.
    void lockTimeoutIsRetriedUntilTheLockIsGranted()
    {
        int index = -1;
        const LessonLibrary library = withMigrateStep("0003_backfill_status", &index);
        QVERIFY(run(library, "safe-path", index).succeeded);

        QSemaphore locked;
        std::thread blocker = holdAccessShare(1000 + 2000, &locked); // leadMs + 2 s
        QVERIFY(locked.tryAcquire(1, 10000));
        const RunRecord record = run("safe-path", stepIndex(m_library, "safe-path", "add-check"));
        blocker.join();
        QVERIFY2(record.succeeded, qPrintable(record.error));

        int timeouts = 0;
        int lastTry = 0;
        for (const StatementTiming& statement : record.statements) {
            timeouts += statement.lockTimedOut() ? 1 : 0;
            lastTry = std::max(lastTry, statement.attempt);
            if (statement.sql.startsWith("SET LOCAL lock_timeout"))
                QCOMPARE(statement.sql, QString("SET LOCAL lock_timeout = '500ms'"));
        }
        const RunStatistics stats = RunStatistics::compute(record);
        const QString verdict = Verdict::describe(RunSummary(record));
        qInfo("retried: %d lock timeouts, granted on try %d; longest probe %.0f ms; %s", timeouts, lastTry,
              stats.maxMs.value_or(-1), qPrintable(verdict));
        QVERIFY2(timeouts >= 2, qPrintable(verdict));
        QCOMPARE(lastTry, timeouts + 1);
        QVERIFY2(stats.maxMs.value_or(0) <= 500 + 100, qPrintable(verdict));
        QVERIFY(stats.lockWaitCount > 0); // reads did queue behind each try, briefly
        QVERIFY2(verdict.contains(QString("granted on try %1").arg(lastTry)), qPrintable(verdict));
    }

    // Slow is not blocked: probes that take 250 ms without waiting on any lock.
    void slowProbesWithoutLockWaitsAreNotBlocked()
    {
        const ProbeSettings before = m_runner->probeSettings();
        ProbeSettings slow = before;
        slow.rateHz = 10;
        m_runner->setProbeSettings(slow);
        LessonLibrary library = withSqlLesson("slow", { { "SELECT count(*) FROM small_user" } });
        ProbeSpec slowRead;
        slowRead.table = "small_user";
        slowRead.sql = "SELECT pg_sleep(0.25), count(*) FROM small_user";
        library.lessons.last().steps[0].probeSpecs = { slowRead };
        const RunRecord record = run(library, "slow", 0);
        m_runner->setProbeSettings(before);
        QVERIFY(record.succeeded);
        const RunStatistics stats = RunStatistics::compute(record);
        QVERIFY(stats.slowCount > 0);
        QCOMPARE(stats.lockWaitCount, 0);
        QCOMPARE(stats.blockedMs, 0.0);
        const QString verdict = Verdict::describe(RunSummary(record));
        QVERIFY2(verdict.startsWith("No read waited on a lock."), qPrintable(verdict));
        QVERIFY2(!verdict.contains("blocked"), qPrintable(verdict));
    }
};

QTEST_GUILESS_MAIN(TestRunObservation)
#include "tst_runobservation.moc"
