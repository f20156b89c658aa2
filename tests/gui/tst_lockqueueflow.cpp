#include "EmbeddedWindowFixture.h"
#include "MessageBoxAnswerer.h"
#include "WindowDriver.h"
#include "app/LatencyPanel.h"
#include "app/MainWindow.h"
#include "charts/LatencyChart.h"
#include "core/lesson/LessonLoader.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/ServerSession.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSqlQuery>
#include <QTabWidget>
#include <QtTest>

using namespace locklab;

// Lesson 6 in the window: the actors on the chart's lane, both probe series,
// the pre-flight question, and closing the window mid-step leaving no actor
// session behind. LOCKLAB_FLOW_ROWS=1M with LOCKLAB_SCREENSHOT_DIR set runs
// the lesson as written (10 s report) and saves screenshots; by default the
// table is small and the report short.
class TestLockQueueFlow : public QObject
{
    Q_OBJECT

private:
    test::EmbeddedWindowFixture m_fixture;
    MainWindow* m_window = nullptr;
    int m_lesson = -1;
    bool m_asWritten = false;

    void screenshot(const QString& name) { test::saveScreenshot(m_window, name); }

    void screenshotsWhileRunning(const QString& name, int atMs)
    {
        if (qEnvironmentVariableIsEmpty("LOCKLAB_SCREENSHOT_DIR"))
            return;
        QTimer::singleShot(atMs, this, [this, name]() { screenshot(name + "-running"); });
        QTimer::singleShot(atMs + 300, this, [this, name]() {
            auto* tabs = m_window->findChild<QTabWidget*>("resultTabs");
            const int shown = tabs->currentIndex();
            tabs->setCurrentWidget(m_window->findChild<QWidget*>("locksTab"));
            screenshot(name + "-locks-running");
            tabs->setCurrentIndex(shown);
        });
    }

    bool runStep(int lesson, int step, int timeoutMs = 120000)
    {
        if (!test::clickRunAndWait(*m_window, lesson, step, timeoutMs))
            return false;
        // The finished record is drawn again and its bands laid out from the event loop.
        QTest::qWait(300);
        return true;
    }

    qint64 actorSessions()
    {
        DatabaseConnection connection(m_fixture.session()->sandboxSettings(), "locklab-test-check");
        QString error;
        if (!connection.open(&error))
            return -1;
        QSqlQuery query(connection.database());
        return query.exec("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'locklab-actor:%'")
                && query.next()
            ? query.value(0).toLongLong()
            : -1;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fixture.open("locklab-queue", &error), qPrintable(error));
        LessonLibrary library = LessonLoader::loadBuiltIn();
        QVERIFY(library.errors.isEmpty());
        m_asWritten = !qEnvironmentVariableIsEmpty("LOCKLAB_FLOW_ROWS");
        for (int i = 0; i < library.lessons.size(); ++i) {
            Lesson& lesson = library.lessons[i];
            if (lesson.id != "lock-queue")
                continue;
            m_lesson = i;
            if (!m_asWritten) {
                for (int s = 1; s <= 2; ++s) // behind-report and lock-timeout
                    lesson.steps[s].actors[0].holdMs = 3000;
            }
        }
        QVERIFY(m_lesson >= 0);
        m_window = m_fixture.createWindow(library);
        ProbeSettings probes = m_window->runner()->probeSettings();
        probes.tailMs = m_asWritten ? 2000 : 500;
        m_window->runner()->setProbeSettings(probes);
        QVERIFY(m_fixture.show());

        m_window->selectStep(0, 0);
        m_window->findChild<QComboBox*>("parameter_rows")
            ->setCurrentText(qEnvironmentVariable("LOCKLAB_FLOW_ROWS", "20k"));
        QVERIFY(runStep(0, 0));
    }

    void cleanupTestCase()
    {
        m_window = nullptr;
        m_fixture.close();
    }

    void step1ShowsTheReportAndBothSeries()
    {
        screenshotsWhileRunning("lesson6-step1", m_asWritten ? 6000 : 2500);
        QVERIFY(runStep(m_lesson, 1));
        const RunRecord* record = m_window->lastRecord("lock-queue", "behind-report");
        QVERIFY(record);
        QVERIFY2(record->succeeded, qPrintable(record->error));
        auto* panel = m_window->findChild<LatencyPanel*>("latencyPanel");
        QVERIFY(panel->chart()->writePointCount() > 5);
        QTRY_VERIFY2(panel->chart()->bandLabels().join('|').contains("nightly report"),
                     qPrintable(panel->chart()->bandLabels().join('|')));
        QVERIFY2(panel->figuresText().contains("Writes"), qPrintable(panel->figuresText()));
        const QString verdict = m_window->findChild<QLabel*>("verdictLabel")->text();
        QVERIFY2(verdict.contains("Reads were blocked") && verdict.contains("Writes were blocked"),
                 qPrintable(verdict));
        screenshot("lesson6-step1");
    }

    void step2WithLockTimeout()
    {
        screenshotsWhileRunning("lesson6-step2", m_asWritten ? 5000 : 1500);
        QVERIFY(runStep(m_lesson, 2));
        QVERIFY(m_window->lastRecord("lock-queue", "lock-timeout"));
        screenshot("lesson6-step2");
    }

    void step3AsksBeforeRunning()
    {
        test::MessageBoxAnswerer answerer("Run anyway");
        QVERIFY(runStep(m_lesson, 3));
        QVERIFY2(answerer.sawText("forgotten psql"), qPrintable(answerer.texts().join('\n')));
        const RunRecord* record = m_window->lastRecord("lock-queue", "forgotten-transaction");
        QVERIFY(record);
        QVERIFY2(record->succeeded, qPrintable(record->error));
        screenshot("lesson6-step3");
        QTRY_COMPARE_WITH_TIMEOUT(actorSessions(), 0, 3000);
    }

    void cancelAtThePreflightQuestion()
    {
        test::MessageBoxAnswerer answerer("Cancel");
        QVERIFY(runStep(m_lesson, 3));
        QVERIFY(answerer.sawText("forgotten psql"));
        const RunRecord* record = m_window->lastRecord("lock-queue", "forgotten-transaction");
        QVERIFY(record && record->cancelled);
        QVERIFY(record->statements.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(actorSessions(), 0, 3000);
    }

    void closingMidStepLeavesNoActor()
    {
        // Yes to "A step is still running ... quit?"
        test::MessageBoxAnswerer answerer;
        m_window->selectStep(m_lesson, 3);
        QTest::mouseClick(m_window->findChild<QPushButton*>("runButton"), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&]() { return actorSessions() == 1; }, 5000));
        QVERIFY(!m_window->close());
        QVERIFY(QTest::qWaitFor([&]() { return !m_window->isVisible(); }, 30000));
        QTRY_COMPARE_WITH_TIMEOUT(actorSessions(), 0, 3000);
    }
};

QTEST_MAIN(TestLockQueueFlow)
#include "tst_lockqueueflow.moc"
