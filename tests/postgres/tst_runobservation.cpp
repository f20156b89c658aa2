#include "TestServer.h"
#include "core/lesson/LessonLoader.h"
#include "core/run/LessonRunner.h"
#include "core/run/RunStatistics.h"
#include "core/run/Verdict.h"

#include <QSignalSpy>
#include <QtTest>

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
        QSignalSpy finished(m_runner.get(), &LessonRunner::stepFinished);
        QString error;
        if (!m_runner->runStep(m_library, lessonId, step, parameters, &error)) {
            qWarning("cannot run %s: %s", qPrintable(lessonId), qPrintable(error));
            return {};
        }
        if (!finished.wait(180000))
            return {};
        const RunRecord record = finished.first().at(0).value<RunRecord>();
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

private slots:
    void initTestCase()
    {
        qRegisterMetaType<RunRecord>();
        QString error;
        m_server = test::TestServer::instance(&error);
        QVERIFY2(m_server, qPrintable(error));
        m_library = LessonLoader::loadBuiltIn();
        QVERIFY(m_library.errors.isEmpty());
        m_runner = std::make_unique<LessonRunner>(m_server->sandboxSettings());
        ProbeSettings probes;
        probes.leadMs = 1000;
        probes.tailMs = 1000;
        m_runner->setProbeSettings(probes);
        QVERIFY(run("seed", 0, { { "rows", 200000 } }).succeeded);
        QVERIFY(run("nullable", 0).succeeded);
    }

    void cleanupTestCase() { m_runner.reset(); }

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
        QVERIFY2(someoneWaited, qPrintable(Verdict::describe(record)));

        // The lock monitor saw the migration's connection hold ACCESS EXCLUSIVE on large_user.
        const auto lock = stats.longestLock("large_user", "AccessExclusiveLock", "migration");
        QVERIFY2(lock.has_value(), "no ACCESS EXCLUSIVE on large_user by the migration was recorded");
        QVERIFY(lock->granted);

        // Probes kept their schedule: ticks (answered, waiting or no free
        // connection) at 20 Hz over the recorded time, within 10 %.
        const double seconds = record.endMs / 1000.0;
        const double rate = stats.sampleCount / seconds;
        QVERIFY2(qAbs(rate - 20.0) <= 2.0, qPrintable(QString("rate %1 Hz").arg(rate)));
        QVERIFY(Verdict::describe(record).contains("blocked"));
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
            for (const LockInterval& lock : record.locks) {
                if (lock.mode == "AccessExclusiveLock" && lock.relation == "large_user")
                    QVERIFY2(lock.durationMs() <= 100,
                             qPrintable(QString("%1: ACCESS EXCLUSIVE for %2 ms").arg(stepId).arg(lock.durationMs())));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestRunObservation)
#include "tst_runobservation.moc"
