#include "ClusterProcesses.h"
#include "EmbeddedAppFixture.h"
#include "MessageBoxAnswerer.h"
#include "TestServer.h"
#include "WindowDriver.h"
#include "app/LedgerView.h"
#include "app/LessonNavigator.h"
#include "app/MainWindow.h"
#include "app/SchemaView.h"
#include "core/lesson/LessonLoader.h"

#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/stat.h>

using namespace locklab;

// The embedded server is killed (-9) in the middle of the NOT NULL backfill:
// the window says the connection was lost, offers to restart the server,
// and after the restart the table and the ledger are as before the step.
class TestServerLoss : public QObject
{
    Q_OBJECT

private:
    test::EmbeddedAppFixture m_app;
    std::unique_ptr<test::MessageBoxAnswerer> m_answerer;

    MainWindow* window() const { return m_app.window(); }

    bool runAndWait(int lesson, int step) { return test::clickRunAndWait(*window(), lesson, step); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_app.start("locklab-loss"));
        ProbeSettings probes = window()->runner()->probeSettings();
        probes.leadMs = 200;
        probes.tailMs = 300;
        window()->runner()->setProbeSettings(probes);
    }

    void cleanupTestCase() { m_app.quit(); }

    void restartsAfterTheServerDiesMidMigration()
    {
        window()->selectStep(0, 0);
        window()->findChild<QComboBox*>("parameter_rows")->setCurrentText("1.5M");
        QVERIFY(runAndWait(0, 0));
        QVERIFY(runAndWait(1, 0));
        const QStringList structureBefore = window()->findChild<SchemaView*>("schemaView")->structureLines();

        QSignalSpy started(window()->runner(), &LessonRunner::statementStarted);
        window()->selectStep(2, 0);
        QTest::mouseClick(window()->findChild<QPushButton*>("runButton"), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return std::any_of(started.cbegin(), started.cend(),
                                   [](const QList<QVariant>& a) { return a.first().toString().startsWith("UPDATE"); });
            },
            30000));
        QTest::qWait(100);
        QFile pidFile(QDir(m_app.dataDir()).filePath("postmaster.pid"));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t postmaster = pid_t(pidFile.readLine().trimmed().toInt());
        QVERIFY(postmaster > 0);
        m_answerer = std::make_unique<test::MessageBoxAnswerer>("Restart the server");
        // Connected after the window: it hears stepFinished only if the
        // window's restart did not delete the runner inside that emission.
        int heardAfterWindow = 0;
        connect(window()->runner(), &LessonRunner::stepFinished, this, [&]() { ++heardAfterWindow; });
        // The whole server dies (a crash, the OOM killer): with the postmaster
        // alone killed, the migration's backend may still finish the UPDATE and
        // COMMIT before it notices, and the step then succeeds (tst_faults
        // covers that case).
        const QList<pid_t> cluster = test::clusterProcesses(m_app.dataDir());
        QVERIFY(cluster.contains(postmaster));
        QCOMPARE(::kill(postmaster, SIGKILL), 0);
        for (pid_t pid : cluster)
            ::kill(pid, SIGKILL);

        // The window says what happened and comes back on a restarted server.
        QVERIFY(QTest::qWaitFor([&]() { return !m_answerer->texts().isEmpty(); }, 60000));
        QVERIFY(QTest::qWaitFor([&]() { return heardAfterWindow == 1; }, 30000));
        QVERIFY2(m_answerer->texts().first().contains("lost"), qPrintable(m_answerer->texts().first()));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return window()->runner() && !window()->runner()->isBusy()
                    && window()->serverStatusText().contains("PostgreSQL");
            },
            60000));
        // After the restart the app says which step was interrupted.
        QVERIFY(QTest::qWaitFor([&]() { return m_answerer->sawText("interrupted"); }, 20000));
        auto* schema = window()->findChild<SchemaView*>("schemaView");
        QTRY_COMPARE_WITH_TIMEOUT(schema->structureLines().size(), structureBefore.size(), 20000);
        const QStringList after = schema->structureLines();
        QVERIFY2(std::any_of(after.cbegin(), after.cend(),
                             [](const QString& l) { return l.contains("status") && l.contains("| yes |"); }),
                 qPrintable(after.join('\n')));
        const QStringList ledger = window()->findChild<LedgerView*>("ledgerView")->lines();
        QVERIFY(ledger.contains("[ ] 0003_alter_largeuser_status_alter_smalluser_status"));
        // The window shows the planner's estimate: the rows are all still there.
        const QString counts = window()->findChild<QLabel*>("rowCountsLabel")->text();
        const QRegularExpressionMatch large = QRegularExpression("large_user: ([0-9,]+) rows").match(counts);
        QVERIFY2(large.hasMatch(), qPrintable(counts));
        QVERIFY2(qAbs(large.captured(1).remove(',').toLongLong() - 1500000) <= 15000, qPrintable(counts));
        for (const QString& text : m_answerer->texts())
            qInfo("dialog: %s", qPrintable(QString(text).replace('\n', " | ")));
    }

    // A reconnect stops the embedded server (pg_ctl stop -w, up to 70 s) on a
    // pool thread: reconnect() returns while the old postmaster still runs,
    // the window keeps handling events, and the new server starts after the
    // old one has stopped. Before, reconnect() returned only once it had.
    void reconnectStopsTheServerOffTheGuiThread()
    {
        QVERIFY(QTest::qWaitFor([&]() { return window()->runner() && !window()->runner()->isBusy(); }, 30000));
        const pid_t before = postmasterPid();
        QVERIFY(before > 0);
        emit window()->restartServerRequested();
        QVERIFY(m_app.app()->isClosingSession());
        QCOMPARE(::kill(before, 0), 0); // not stopped yet: nobody waited for it
        QCOMPARE(window()->runner(), nullptr);
        QVERIFY(window()->statusBar()->currentMessage().contains("Stopping"));
        int turns = 0; // the event loop turns while the server stops
        QTimer turn;
        connect(&turn, &QTimer::timeout, this, [&]() { ++turns; });
        turn.start(5);
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return window()->runner() && !window()->runner()->isBusy()
                    && window()->serverStatusText().contains("PostgreSQL");
            },
            120000));
        QVERIFY(turns > 0);
        QVERIFY(!m_app.app()->isClosingSession());
        const pid_t after = postmasterPid();
        QVERIFY(after > 0);
        QVERIFY(after != before);
    }

private:
    pid_t postmasterPid() const
    {
        QFile pidFile(QDir(m_app.dataDir()).filePath("postmaster.pid"));
        return pidFile.open(QIODevice::ReadOnly) ? pid_t(pidFile.readLine().trimmed().toInt()) : 0;
    }
};

QTEST_MAIN(TestServerLoss)
#include "tst_serverloss.moc"
