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

#include <algorithm>

using namespace locklab;

// Every lesson step, in the order an attendee takes them, with probes, lock
// monitor and verdict, at a small size, on the PostgreSQL version the matrix
// chose (LOCKLAB_PG_BINDIR). What differs between versions in pg_locks and
// pg_stat_activity shows up here as a missing lock or a probe error.
class TestMatrixLessons : public QObject
{
    Q_OBJECT

private:
    test::TestServer* m_server = nullptr;
    LessonLibrary m_library;
    std::unique_ptr<LessonRunner> m_runner;
    int m_major = 0;
    int m_notApplicable = 0; // steps refused as needing a newer PostgreSQL
    int m_newerOnly = 0; // steps with a min_server_version that ran here

    RunRecord run(const Lesson& lesson, int step, const QVariantMap& parameters = {})
    {
        return test::runStepAndWait(*m_runner, m_library, lesson.id, step, parameters);
    }

    static QString where(const Lesson& lesson, int step)
    {
        return QString("PostgreSQL lesson %1 (%2) step %3 (%4)")
            .arg(lesson.number)
            .arg(lesson.id)
            .arg(step + 1)
            .arg(lesson.steps.at(step).id);
    }

private slots:
    void initTestCase()
    {
        const QString problem = test::prepareStepRuns(&m_server, &m_library);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_major = m_server->server().version().section('.', 0, 0).toInt();
        const int expected = qEnvironmentVariableIntValue("LOCKLAB_EXPECT_MAJOR");
        QVERIFY2(expected > 0, "LOCKLAB_EXPECT_MAJOR is not set: run this through ctest -L matrix");
        QCOMPARE(m_major, expected);
        // Lesson 6's actors hold for 10 s for people; 2 s shows the same queue on every version, and the
        // matrix runs on several versions in CI. (tst_lockqueue checks the queue itself.)
        for (Lesson& lesson : m_library.lessons) {
            for (LessonStep& step : lesson.steps) {
                for (ActorSpec& actor : step.actors) {
                    if (actor.holdMs > 2000)
                        actor.holdMs = 2000;
                }
                if (!step.actors.isEmpty() && step.leadMs > 500)
                    step.leadMs = 500;
            }
        }
        m_runner = std::make_unique<LessonRunner>(m_server->sandboxSettings());
        m_runner->setServerVersion(m_server->serverVersion());
        ProbeSettings probes;
        probes.leadMs = 500;
        probes.tailMs = 500;
        m_runner->setProbeSettings(probes);
    }

    void cleanupTestCase() { m_runner.reset(); }

    void everyStepInOrder()
    {
        for (const Lesson& lesson : std::as_const(m_library.lessons)) {
            // The attendee path of lessons 1-6. The catalogue lessons (7+) have steps that are meant to fail
            // (an INVALID index, duplicates); tst_cataloguelessons knows which, and runs in the matrix too.
            if (lesson.number > 6)
                continue;
            for (int step = 0; step < lesson.steps.size(); ++step) {
                const LessonStep& definition = lesson.steps.at(step);
                const QString shortfall = definition.versionShortfall(m_major);
                if (!shortfall.isEmpty()) {
                    // Not applicable here (lesson 5's PostgreSQL 18 step on 12-17): the runner refuses it, saying why.
                    QString error;
                    QVERIFY2(!m_runner->runStep(m_library, lesson.id, step, {}, &error),
                             qPrintable(where(lesson, step) + " ran on a server too old for it"));
                    QVERIFY2(error.contains(shortfall), qPrintable(error));
                    ++m_notApplicable;
                    qInfo("PostgreSQL %d lesson %d step %d (%s): not applicable: %s", m_major, lesson.number, step + 1,
                          qPrintable(definition.id), qPrintable(error));
                    continue;
                }
                if (definition.minServerVersion > 0)
                    ++m_newerOnly;
                QVariantMap parameters;
                if (definition.parameter("rows"))
                    parameters.insert(
                        "rows",
                        300000); // small enough for every version, big enough for lesson 3 to outlast a lock poll
                const RunRecord record = run(lesson, step, parameters);
                const QString label
                    = where(lesson, step).replace("PostgreSQL", "PostgreSQL " + QString::number(m_major));
                if (definition.expectedError.isEmpty()) {
                    QVERIFY2(record.succeeded, qPrintable(label + ": " + record.error));
                } else {
                    // A step that shows a failure (VALIDATE meeting a NULL) must fail, and for that reason.
                    QVERIFY2(!record.succeeded, qPrintable(label + ": succeeded, but the lesson expects a failure"));
                    const bool forThatReason = std::any_of(
                        record.statements.cbegin(), record.statements.cend(),
                        [&](const StatementTiming& s) { return s.sqlState == definition.expectedError; });
                    QVERIFY2(forThatReason, qPrintable(label + ": " + record.error));
                }
                QCOMPARE(record.serverVersion, m_server->serverVersion());
                const RunStatistics stats = RunStatistics::compute(record);
                const QString verdict = Verdict::describe(RunSummary(record));
                qInfo("%s: %d samples, max %.1f ms, %lld locks. %s", qPrintable(label), stats.sampleCount,
                      stats.maxMs.value_or(-1), qint64(record.locks.size()),
                      qPrintable(Verdict::headline(RunSummary(record))));
                // A seed step probes nothing (the table it fills does not exist yet); every other step must be
                // measured.
                if (definition.kind != StepKind::Seed)
                    QVERIFY2(stats.latencyCount > 0, qPrintable(label + ": no probe was answered"));
                QVERIFY2(!verdict.isEmpty(), qPrintable(label));
                for (const ProbeSample& sample : record.samples)
                    QVERIFY2(sample.outcome != ProbeOutcome::Error,
                             qPrintable(label + ": probe error " + sample.message));
                checkLessonFacts(lesson, definition, record, stats, label);
            }
        }
        // Lesson 5's short safe path (PostgreSQL 18+) ran on 18 and newer, and was refused on 12-17.
        if (m_major >= 18)
            QVERIFY2(m_newerOnly >= 1 && m_notApplicable == 0, "the PostgreSQL 18 step did not run");
        else
            QVERIFY2(m_notApplicable >= 1 && m_newerOnly == 0,
                     "the PostgreSQL 18 step was not reported as not applicable");
    }

private:
    // The facts the lesson text states, where a small table still shows them.
    void checkLessonFacts(const Lesson& lesson, const LessonStep& step, const RunRecord& record,
                          const RunStatistics& stats, const QString& label)
    {
        if (lesson.id == "not-null") {
            // The lock monitor saw the migration hold ACCESS EXCLUSIVE on the table (pg_locks on this version).
            bool sawIt = false;
            for (const LockInterval& lock : record.locks)
                sawIt = sawIt || (lock.holder == "migration" && lock.mode == "AccessExclusiveLock");
            QVERIFY2(sawIt, qPrintable(label + ": no ACCESS EXCLUSIVE by the migration was recorded"));
        }
        if (step.id == "short-path-18") {
            // NOT NULL NOT VALID then VALIDATE left the column NOT NULL, by a validated not-null constraint.
            DatabaseConnection connection(m_server->sandboxSettings(), "locklab-test-check");
            QString error;
            QVERIFY2(connection.open(&error), qPrintable(error));
            QSqlQuery query(connection.database());
            QVERIFY(query.exec("SELECT a.attnotnull, c.convalidated FROM pg_attribute a JOIN pg_constraint c "
                               "ON c.conrelid = a.attrelid AND c.conname = 'large_user_status_not_null' "
                               "WHERE a.attrelid = 'large_user'::regclass AND a.attname = 'status'"));
            QVERIFY2(query.next(), qPrintable(label + ": no constraint large_user_status_not_null"));
            QVERIFY2(query.value(0).toBool() && query.value(1).toBool(), qPrintable(label));
        }
        if (lesson.id == "safe-path" && step.id != "set-not-null") {
            // The safe path keeps reads flowing on every version (generous: the machine is shared).
            QCOMPARE(stats.timeoutCount, 0);
            QVERIFY2(stats.maxMs.value_or(0) <= 1000,
                     qPrintable(QString("%1: a read took %2 ms").arg(label).arg(stats.maxMs.value_or(0))));
        }
    }
};

QTEST_GUILESS_MAIN(TestMatrixLessons)
#include "tst_matrixlessons.moc"
