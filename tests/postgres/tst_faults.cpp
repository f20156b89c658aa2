#include "ClusterProcesses.h"
#include "TestServer.h"
#include "WorkerHarness.h"
#include "core/lesson/LessonLoader.h"
#include "core/migration/RunJournal.h"
#include "core/run/LessonRunner.h"
#include "core/run/RunStatistics.h"
#include "core/run/Verdict.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/EmbeddedServer.h"
#include "core/server/Sandbox.h"
#include "core/server/ServerSession.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <sys/stat.h>

using namespace locklab;

// Faults in the middle of a migration, each on a cluster of this test's own
// (the shared TestServer cannot be killed):
// - the server dies (kill -9 of the postmaster) during the NOT NULL backfill;
// - LockLab dies (kill -9 of the process running the step) during it;
// - a cancel during it, then the step run again.
// Elsewhere: a terminated probe connection (tst_probes,
// terminatedProbeReconnectsWhileOthersGoOn) and cancels of the seed and of
// the batched backfill (tst_lessonsteps).
namespace {

constexpr qint64 kRows = 1000000;
const char* const kNotNull = "0003_alter_largeuser_status_alter_smalluser_status";

struct StepResult
{
    bool finished = false;
    RunRecord record;
    StepOutcome outcome;
    qint64 elapsedMs = 0;
};

// What the tables and the ledger look like, read on a connection of its own.
struct State
{
    QString error;
    QStringList applied;
    bool hasStatus = false;
    bool statusNullable = false;
    QString statusDefault;
    qint64 rows = -1;
    qint64 rowsWithStatus = -1;
};

State readState(const ConnectionSettings& settings)
{
    State state;
    DatabaseConnection connection(settings, "locklab-test-check");
    if (!connection.open(&state.error))
        return state;
    const SchemaSnapshot snapshot = SchemaSnapshot::read(connection.database(), { "large_user" });
    state.error = snapshot.error;
    for (const AppliedMigration& m : snapshot.applied)
        state.applied << m.name;
    const TableInfo* table = snapshot.table("large_user");
    const ColumnInfo* status = table ? table->column("status") : nullptr;
    state.hasStatus = status;
    state.statusNullable = status && status->nullable;
    state.statusDefault = status ? status->defaultValue : QString();
    state.rows = table ? table->rowCount : -1;
    QSqlQuery query(connection.database());
    if (status && query.exec("SELECT count(*) FROM large_user WHERE status IS NOT NULL") && query.next())
        state.rowsWithStatus = query.value(0).toLongLong();
    return state;
}

// A statement that keeps its backend busy, never waiting on anything, so it
// does not notice the postmaster's death: the backend outlives the postmaster.
class BusyQueryThread : public QThread
{
public:
    explicit BusyQueryThread(const ConnectionSettings& settings)
        : m_settings(settings)
    {
    }
    QAtomicInteger<int> backendPid = 0;

protected:
    void run() override
    {
        DatabaseConnection connection(m_settings, "locklab-test-busy");
        QString error;
        if (!connection.open(&error))
            return;
        backendPid.storeRelease(connection.backendPid());
        QSqlQuery(connection.database()).exec("SELECT count(*) FROM generate_series(1, 10000000000)");
    }

private:
    ConnectionSettings m_settings;
};

bool startsUpdateOfLargeUser(const QString& sql)
{
    return sql.startsWith("UPDATE \"large_user\"");
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_scratch { test::TestServer::scratchParent() + "/locklab-faults-XXXXXX" };
    QString m_dataDir;
    std::unique_ptr<EmbeddedServer> m_server;
    ConnectionSettings m_sandbox;
    LessonLibrary m_library;

    StepResult runStep(LessonRunner& runner, const QString& lessonId, const QVariantMap& parameters = {},
                       const std::function<void()>& whileRunning = {}, int timeoutMs = 180000)
    {
        StepResult result;
        QElapsedTimer timer;
        QObject receiver;
        connect(&runner, &LessonRunner::stepFinished, &receiver,
                [&](const RunRecord& record, const StepOutcome& outcome) {
                    result.elapsedMs = timer.elapsed();
                    result.finished = true;
                    result.record = record;
                    result.outcome = outcome;
                });
        QString error;
        timer.start();
        if (!runner.runStep(m_library, lessonId, 0, parameters, &error)) {
            result.outcome.error = error;
            return result;
        }
        if (whileRunning)
            whileRunning();
        // Not finished in time shows in result.finished, which the callers check.
        (void)QTest::qWaitFor([&result]() { return result.finished; }, timeoutMs);
        return result;
    }

    bool runOk(LessonRunner& runner, const QString& lessonId, const QVariantMap& parameters = {})
    {
        const StepResult result = runStep(runner, lessonId, parameters);
        if (!result.outcome.succeeded)
            qWarning("%s failed: %s", qPrintable(lessonId), qPrintable(result.outcome.error));
        return result.outcome.succeeded;
    }

    static ProbeSettings shortProbes()
    {
        ProbeSettings probes;
        probes.leadMs = 300;
        probes.tailMs = 500;
        return probes;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_scratch.isValid());
        ::chmod(QFile::encodeName(m_scratch.path()).constData(), 0755);
        m_dataDir = m_scratch.filePath("cluster");
        m_library = LessonLoader::loadBuiltIn();
        QVERIFY2(m_library.errors.isEmpty(), qPrintable(m_library.errors.join('\n')));
        m_server = std::make_unique<EmbeddedServer>(m_dataDir);
        m_server->setProgressCallback([](const QString& message) { qInfo("server: %s", qPrintable(message)); });
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        Sandbox::Result sandbox;
        QVERIFY2(Sandbox::prepare(m_server->connectionSettings("postgres"), true, &sandbox, &error), qPrintable(error));
        m_sandbox = sandbox.settings;

        LessonRunner runner(m_sandbox);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(runOk(runner, "seed", { { "rows", kRows } }));
        qInfo("seeded %lld rows in %lld ms", kRows, timer.elapsed());
        QVERIFY(runOk(runner, "nullable"));
    }

    void cleanupTestCase()
    {
        if (m_server)
            m_server->stop();
        m_server.reset();
    }

    // The server dies during the UPDATE of the NOT NULL migration. "postmaster
    // only" is kill -9 of the postmaster alone: its backends run on until they
    // next wait for the client, so the migration's backend usually notices at
    // the statement after the UPDATE, but may (on a busy machine) get through
    // to its COMMIT first. Either way what LockLab reports must match what the
    // restarted server holds. "whole server" kills every process of the
    // cluster, as a crash or an OOM kill of the service does.
    void serverDiesDuringTheBackfill_data()
    {
        QTest::addColumn<bool>("wholeServer");
        QTest::newRow("whole server") << true;
        QTest::newRow("postmaster only") << false;
    }

    void serverDiesDuringTheBackfill()
    {
        QFETCH(bool, wholeServer);
        const State before = readState(m_sandbox);
        QVERIFY2(before.error.isEmpty(), qPrintable(before.error));
        QVERIFY(before.statusNullable);
        QCOMPARE(before.rowsWithStatus, 0);

        LessonRunner runner(m_sandbox);
        runner.setProbeSettings(shortProbes());
        QSignalSpy started(&runner, &LessonRunner::statementStarted);
        pid_t postmaster = 0;
        const StepResult result = runStep(runner, "not-null", {}, [&]() {
            QTRY_VERIFY_WITH_TIMEOUT(std::any_of(started.cbegin(), started.cend(),
                                                 [](const QList<QVariant>& args) {
                                                     return startsUpdateOfLargeUser(args.first().toString());
                                                 }),
                                     30000);
            QTest::qWait(300); // well inside the UPDATE of a million rows
            QFile pidFile(QDir(m_dataDir).filePath("postmaster.pid"));
            QVERIFY(pidFile.open(QIODevice::ReadOnly));
            postmaster = pidFile.readLine().trimmed().toInt();
            QVERIFY(postmaster > 0);
            QCOMPARE(::kill(postmaster, SIGKILL), 0);
            if (wholeServer) {
                for (pid_t pid : test::clusterProcesses(m_dataDir))
                    ::kill(pid, SIGKILL);
            }
        });
        QVERIFY2(postmaster > 0, "the step never reached its UPDATE");
        QVERIFY2(result.finished, "the step did not finish after the server died");
        qInfo("server killed: step ended after %lld ms; error: %s; summary: %s", result.elapsedMs,
              qPrintable(result.outcome.error), qPrintable(result.outcome.summary));
        QVERIFY(!runner.isBusy()); // probes and the lock monitor stopped too
        int probeErrors = 0;
        for (const ProbeSample& sample : result.record.samples)
            probeErrors += sample.outcome == ProbeOutcome::Error ? 1 : 0;
        qInfo("probe samples %lld, errors %d", qint64(result.record.samples.size()), probeErrors);
        if (wholeServer) {
            // Every probe had been waiting behind the ALTER's lock when the
            // server died: those waits count, for as long as they lasted.
            const RunStatistics stats = RunStatistics::compute(result.record);
            const QString verdict = Verdict::describe(RunSummary(result.record));
            qInfo("verdict: %s", qPrintable(verdict));
            QVERIFY2(stats.lockWaitCount > 0, qPrintable(verdict));
            QVERIFY2(stats.blockedMs >= 200, qPrintable(verdict)); // the kill came 300 ms into the UPDATE
            QVERIFY2(!verdict.contains("No read waited longer than"), qPrintable(verdict));
            QVERIFY2(verdict.contains("Reads were blocked for"), qPrintable(verdict));
        }
        if (wholeServer || !result.outcome.succeeded) {
            QVERIFY(!result.outcome.succeeded);
            QVERIFY(result.outcome.connectionLost);
            QVERIFY2(result.outcome.summary.contains("connection to the server was lost"),
                     qPrintable(result.outcome.summary));
            QVERIFY2(result.outcome.summary.contains("rolled back"), qPrintable(result.outcome.summary));
        }
        QTRY_VERIFY_WITH_TIMEOUT(!m_server->isAlive(), 10000);

        // "Restart the embedded server": the same object, the same data directory.
        QString error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(m_server->start(&error), qPrintable(error));
        qInfo("restart after the crash: %lld ms", timer.elapsed());
        QVERIFY(m_server->recoveredStaleServer());
        QVERIFY(m_server->isAlive());

        const State after = readState(m_sandbox);
        QVERIFY2(after.error.isEmpty(), qPrintable(after.error));
        QCOMPARE(after.rows, kRows);
        if (result.outcome.succeeded) {
            // It committed before its backend noticed; LockLab said "done", and done it is.
            qInfo("the step committed before its backend noticed the postmaster was gone");
            QVERIFY(after.applied.contains(kNotNull));
            QVERIFY(after.hasStatus && !after.statusNullable);
            QCOMPARE(after.rowsWithStatus, kRows);
        } else {
            // The transaction was rolled back: schema, ledger and rows as before the step.
            QCOMPARE(after.applied, before.applied);
            QVERIFY(!after.applied.contains(kNotNull));
            QVERIFY(after.statusNullable);
            QVERIFY(after.statusDefault.isEmpty());
            QCOMPARE(after.rowsWithStatus, 0);
            // The journal kept the step the server died in.
            DatabaseConnection connection(m_sandbox, "locklab-test-check");
            QVERIFY2(connection.open(&error), qPrintable(error));
            const auto interrupted = RunJournal::interruptedStep(connection.database());
            QVERIFY(interrupted.has_value());
            QCOMPARE(interrupted->stepId, QString("not-null"));
            QVERIFY(!interrupted->backendAlive);
        }

        // The same runner goes on: its worker opens a new connection on the next request...
        QSignalSpy snapshots(&runner, &LessonRunner::snapshotChanged);
        runner.refreshSnapshot();
        QVERIFY(snapshots.wait(30000));
        const SchemaSnapshot snapshot = snapshots.last().first().value<SchemaSnapshot>();
        QVERIFY2(snapshot.error.isEmpty(), qPrintable(snapshot.error));
        if (!result.outcome.succeeded) {
            // ...and running the step again completes it.
            const StepResult again = runStep(runner, "not-null");
            QVERIFY2(again.outcome.succeeded, qPrintable(again.outcome.error));
            const State done = readState(m_sandbox);
            QVERIFY(done.applied.contains(kNotNull));
            QVERIFY(done.hasStatus && !done.statusNullable);
            QCOMPARE(done.rowsWithStatus, kRows);
            // A finished step leaves nothing in the journal, and superseded the interrupted entry.
            DatabaseConnection connection(m_sandbox, "locklab-test-check");
            QVERIFY2(connection.open(&error), qPrintable(error));
            QVERIFY(!RunJournal::interruptedStep(connection.database()).has_value());
        }

        // Back to the nullable column for the next test.
        QVERIFY(runOk(runner, "rollback"));
        QVERIFY(runOk(runner, "nullable"));
    }

    // kill -9 of LockLab itself (a child process running the step) during the UPDATE.
    void lockLabKilledDuringTheBackfill()
    {
        const State before = readState(m_sandbox);
        QVERIFY(before.statusNullable);
        QCOMPARE(before.rowsWithStatus, 0);
        m_server->stop(); // the child starts the cluster itself, as LockLab does

        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(LOCKLAB_STEP_CHILD, { m_dataDir, "not-null", "not-null" });
        QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
        const qint64 childPid = child.processId();
        QStringList lines;
        QDeadlineTimer deadline(120000);
        bool inUpdate = false;
        while (!inUpdate && !deadline.hasExpired() && child.state() == QProcess::Running) {
            child.waitForReadyRead(200);
            while (child.canReadLine()) {
                const QString line = QString::fromUtf8(child.readLine()).trimmed();
                lines << line;
                inUpdate = inUpdate || startsUpdateOfLargeUser(line.mid(QString("started ").size()));
            }
        }
        QVERIFY2(inUpdate, qPrintable("the child never reached the UPDATE:\n" + lines.join('\n')));
        QTest::qWait(300);
        ::kill(pid_t(childPid), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QVERIFY2(!child.readAll().contains("finished"), "the step ended before the kill");

        // LockLab starts again: the cluster is found with its server still
        // running (orphaned), which is stopped and started afresh.
        LaunchOptions options;
        options.dataDir = m_dataDir;
        options.forceEmbedded = true;
        ServerSession session(options);
        QString error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(session.open(&error), qPrintable(error));
        qInfo("start after LockLab was killed: %lld ms", timer.elapsed());
        QVERIFY(session.embeddedServer()->recoveredStaleServer());
        m_sandbox = session.sandboxSettings();

        const State after = readState(m_sandbox);
        QVERIFY2(after.error.isEmpty(), qPrintable(after.error));
        QCOMPARE(after.applied, before.applied);
        QVERIFY(after.statusNullable);
        QVERIFY(after.statusDefault.isEmpty());
        QCOMPARE(after.rowsWithStatus, 0);

        // ...and says a step was interrupted.
        QVERIFY(session.interrupted().has_value());
        const InterruptedStep interrupted = *session.interrupted();
        qInfo("interrupted: %s", qPrintable(interrupted.message()));
        QCOMPARE(interrupted.lessonId, QString("not-null"));
        QCOMPARE(interrupted.stepId, QString("not-null"));
        QCOMPARE(interrupted.appPid, childPid);
        QVERIFY(!interrupted.backendAlive);
        const Lesson* lesson = m_library.lesson("not-null");
        QVERIFY(interrupted.message().contains(lesson->title));
        QVERIFY(interrupted.message().contains(lesson->steps.first().title));
        QVERIFY(interrupted.message().contains("rolled back"));
        QVERIFY(interrupted.message().contains(interrupted.startedAt.toString("HH:mm")));

        QVERIFY2(session.clearInterruptedStep(&error), qPrintable(error));
        QVERIFY(!session.interrupted().has_value());
        DatabaseConnection connection(m_sandbox, "locklab-test-check");
        QVERIFY2(connection.open(&error), qPrintable(error));
        QVERIFY(!RunJournal::interruptedStep(connection.database()).has_value());
        connection.close();

        // A cancel in the middle of the same UPDATE, then the step again.
        {
            test::WorkerHarness harness(m_sandbox);
            QSignalSpy started(harness.worker(), &MigrationWorker::statementStarted);
            auto cancelled = harness.run("not-null", "not-null", {}, [&]() {
                QTRY_VERIFY_WITH_TIMEOUT(std::any_of(started.cbegin(), started.cend(),
                                                     [](const QList<QVariant>& args) {
                                                         return startsUpdateOfLargeUser(args.first().toString());
                                                     }),
                                         30000);
                QTest::qWait(200);
                harness.worker()->requestCancel();
            });
            QVERIFY(cancelled.finished);
            QVERIFY(cancelled.outcome.cancelled);
            QVERIFY2(cancelled.outcome.summary.contains("rolled back"), qPrintable(cancelled.outcome.summary));
            const State afterCancel = readState(m_sandbox);
            QCOMPARE(afterCancel.applied, before.applied);
            QCOMPARE(afterCancel.rowsWithStatus, 0);
            QVERIFY(connection.open(&error));
            QVERIFY(!RunJournal::interruptedStep(connection.database()).has_value()); // a cancel is not an interruption
            connection.close();

            auto again = harness.run("not-null", "not-null");
            QVERIFY2(again.outcome.succeeded, qPrintable(again.outcome.error));
            const State done = readState(m_sandbox);
            QVERIFY(done.applied.contains(kNotNull));
            QVERIFY(!done.statusNullable);
            QCOMPARE(done.rowsWithStatus, kRows);
        }
        session.close();
    }

    // After a crash, stopping does not wait for the dead server, and a fresh
    // start (LockLab started again) gets past the pid file of a postmaster
    // that is now a zombie nobody reaps.
    void stopAndStartAfterTheServerDied()
    {
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QFile pidFile(QDir(m_dataDir).filePath("postmaster.pid"));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t postmaster = pidFile.readLine().trimmed().toInt();
        pidFile.close();
        const QString oldSocketDir = m_server->socketDir();
        BusyQueryThread busy(m_server->connectionSettings("postgres"));
        busy.start();
        QTRY_VERIFY_WITH_TIMEOUT(busy.backendPid.loadAcquire() != 0, 10000);
        QTest::qWait(200);
        QCOMPARE(::kill(postmaster, SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_server->isAlive(), 10000);
        QElapsedTimer timer;
        timer.start();
        m_server->stop();
        qInfo("stop() after the crash: %lld ms", timer.elapsed());
        QVERIFY2(timer.elapsed() < 20000, "stop() waited for the dead server"); // pg_ctl would wait 60 s
        QVERIFY(!m_server->isRunning());

        // The busy backend is still running, orphaned: it must end before a new postmaster starts.
        QCOMPARE(::kill(busy.backendPid.loadAcquire(), 0), 0);
        EmbeddedServer again(m_dataDir);
        QStringList progress;
        again.setProgressCallback([&progress](const QString& message) { progress << message; });
        timer.restart();
        QVERIFY2(again.start(&error), qPrintable(error));
        qInfo("start with an orphaned backend: %lld ms: %s", timer.elapsed(), qPrintable(progress.join(" / ")));
        QVERIFY(again.recoveredStaleServer());
        QVERIFY2(progress.join('\n').contains("process(es) of the crashed server to end"),
                 qPrintable(progress.join('\n')));
        QVERIFY(busy.wait(10000));
        QVERIFY(!QFileInfo::exists(oldSocketDir));
        DatabaseConnection connection(again.connectionSettings(), "locklab-test-check");
        QVERIFY2(connection.open(&error), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
