#include "EmbeddedWindowFixture.h"
#include "WindowDriver.h"
#include "app/LatencyPanel.h"
#include "app/LedgerView.h"
#include "app/LessonNavigator.h"
#include "app/MainWindow.h"
#include "app/SchemaView.h"
#include "charts/LatencyChart.h"
#include "core/lesson/LessonLoader.h"
#include "core/server/ServerSession.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QtTest>

using namespace locklab;

// Clicks through all five lessons offscreen at a small row count, the way an
// attendee does, and checks the table structure and the ledger after each.
class TestLessonFlow : public QObject
{
    Q_OBJECT

private:
    test::EmbeddedWindowFixture m_fixture;
    MainWindow* m_window = nullptr;

    QStringList structure() const { return m_window->findChild<SchemaView*>("schemaView")->structureLines(); }
    QStringList ledger() const { return m_window->findChild<LedgerView*>("ledgerView")->lines(); }

    void screenshot(const QString& name) { test::saveScreenshot(m_window, name); }

    bool runStep(int lesson, int step)
    {
        if (!test::clickRunAndWait(*m_window, lesson, step))
            return false;
        // The snapshot after the step arrives right after it finishes.
        QTest::qWait(300);
        return m_window->findChild<LessonNavigator*>("lessonNavigator")->isDone(lesson, step);
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_fixture.open("locklab-flow", &error), qPrintable(error));
        const LessonLibrary library = LessonLoader::loadBuiltIn();
        QVERIFY(library.errors.isEmpty());
        m_window = m_fixture.createWindow(library);
        ProbeSettings probes = m_window->runner()->probeSettings();
        probes.leadMs = 300;
        probes.tailMs = 500;
        m_window->runner()->setProbeSettings(probes);
        QVERIFY(m_fixture.show());
    }

    void cleanupTestCase()
    {
        m_window = nullptr;
        m_fixture.close();
    }

    void lesson1Seed()
    {
        m_window->selectStep(0, 0);
        auto* rows = m_window->findChild<QComboBox*>("parameter_rows");
        QVERIFY(rows);
        // LOCKLAB_FLOW_ROWS=1M makes the stalls visible on screenshots; the default keeps the test quick.
        const QString flowRows = qEnvironmentVariable("LOCKLAB_FLOW_ROWS", "20k");
        rows->setCurrentText(flowRows);
        QVERIFY(runStep(0, 0));
        auto* counts = m_window->findChild<QLabel*>("rowCountsLabel");
        if (flowRows == "20k")
            QTRY_VERIFY2(counts->text().contains("large_user: 20,000 rows"), qPrintable(counts->text()));
        QVERIFY(counts->text().contains("small_user: 10 rows"));
        QCOMPARE(ledger().first(), QString("[X] 0001_initial"));
        QCOMPARE(structure().size(), 2); // id, name
        screenshot("lesson1-seed");
    }

    void lesson2Nullable()
    {
        QVERIFY(runStep(1, 0));
        QVERIFY2(structure().contains("*status | character varying(20) | yes | "), qPrintable(structure().join('\n')));
        QVERIFY(ledger().contains("[X] 0002_largeuser_status_smalluser_status"));
        QVERIFY(ledger().contains("[ ] 0003_alter_largeuser_status_alter_smalluser_status"));
        screenshot("lesson2-nullable");
    }

    void lesson3NotNull()
    {
        if (!qEnvironmentVariableIsEmpty("LOCKLAB_SCREENSHOT_DIR")) {
            // A picture in the middle of the stall, taken while the step runs.
            QTimer::singleShot(2500, this, [this]() { screenshot("lesson3-not-null-running"); });
            QTimer::singleShot(3000, this, [this]() {
                auto* tabs = m_window->findChild<QTabWidget*>("resultTabs");
                const int shown = tabs->currentIndex();
                tabs->setCurrentWidget(m_window->findChild<QWidget*>("locksTab"));
                screenshot("lesson3-locks-running");
                tabs->setCurrentIndex(shown);
            });
        }
        QVERIFY(runStep(2, 0));
        QVERIFY2(structure().contains("*status | character varying(20) | NOT NULL | "),
                 qPrintable(structure().join('\n')));
        QVERIFY(ledger().contains("[X] 0003_alter_largeuser_status_alter_smalluser_status"));
        auto* table = m_window->findChild<QTableWidget*>("statementTable");
        QVERIFY(table->rowCount() >= 10); // BEGIN, 8 statements, COMMIT
        // The chart has the probe samples and the verdict is in words with numbers.
        auto* panel = m_window->findChild<LatencyPanel*>("latencyPanel");
        QVERIFY(panel->chart()->okPointCount() > 5);
        QVERIFY(panel->chart()->bandCount() > 0);
        const QString verdict = m_window->findChild<QLabel*>("verdictLabel")->text();
        QVERIFY2(verdict.contains(QRegularExpression("[Rr]eads? .*\\d")), qPrintable(verdict));
        QVERIFY(panel->figuresText().contains("p99"));
        const RunRecord* record = m_window->lastRecord("not-null", "not-null");
        QVERIFY(record);
        QVERIFY(!record->samples.isEmpty());
        screenshot("lesson3-not-null");
    }

    // Lesson 3's UPDATE wrote a new version of every row: large_user is about
    // twice its seeded size. Before the next measured step LockLab says so and
    // offers VACUUM FULL; after it the table is back to its seeded size.
    void bloatedTablesAreOfferedARebuild()
    {
        m_window->selectStep(3, 0);
        auto* banner = m_window->findChild<QFrame*>("rebuildBanner");
        QVERIFY(banner);
        QTRY_VERIFY(!banner->isHidden());
        auto* label = m_window->findChild<QLabel*>("rebuildBannerText");
        const QString text = label->text() + ' ' + label->toolTip();
        QVERIFY2(text.contains("large_user takes") && text.contains("pg_repack") && text.contains("VACUUM FULL"),
                 qPrintable(text));
        QVERIFY2(m_window->findChild<QLabel*>("rowCountsLabel")->text().contains("seeded"),
                 qPrintable(m_window->findChild<QLabel*>("rowCountsLabel")->text()));
        screenshot("rebuild-offer");
        QTest::mouseClick(m_window->findChild<QPushButton*>("rebuildButton"), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&]() { return m_window->runner()->isBusy(); }, 5000));
        QVERIFY(QTest::qWaitFor([&]() { return !m_window->runner()->isBusy(); }, 60000));
        QTRY_VERIFY_WITH_TIMEOUT(banner->isHidden(), 10000);
        m_window->selectStep(3, 0);
        QVERIFY(banner->isHidden());
        screenshot("rebuild-done");
    }

    void lesson4Rollback()
    {
        QVERIFY(runStep(3, 0));
        QCOMPARE(structure().size(), 2);
        QVERIFY(ledger().contains("[X] 0001_initial"));
        QVERIFY(ledger().contains("[ ] 0002_largeuser_status_smalluser_status"));
        screenshot("lesson4-rollback");
    }

    void lesson5SafePath()
    {
        QVERIFY(runStep(4, 0));
        QVERIFY(structure().contains("*status | character varying(20) | yes | "));
        QVERIFY(runStep(4, 1));
        QVERIFY(runStep(4, 2));
        QVERIFY(runStep(4, 3));
        QVERIFY(runStep(4, 4));
        QVERIFY2(structure().contains("*status | character varying(20) | NOT NULL | "),
                 qPrintable(structure().join('\n')));
        QVERIFY(ledger().contains("[X] 0006_status_set_not_null") || ledger().last().startsWith("[X]"));
        screenshot("lesson5-safe-path");
    }

    // Lesson 5's PostgreSQL 18 step, on an older server: shown, saying what it needs, with Run disabled.
    void lesson5ShortPathSaysWhatItNeeds()
    {
        const LessonLibrary library = LessonLoader::loadBuiltIn(); // kept: `lesson` refers into it
        const Lesson& lesson = library.lessons.at(4);
        const int step = int(lesson.steps.size()) - 1;
        QCOMPARE(lesson.steps.at(step).id, QString("short-path-18"));
        m_window->selectStep(4, step);
        const int major = m_fixture.session()->serverVersionNumber() / 10000;
        auto* run = m_window->findChild<QPushButton*>("runButton");
        auto* explanation = m_window->findChild<QTextBrowser*>("explanationBrowser");
        QVERIFY(explanation);
        const QString needs = QString("needs PostgreSQL 18 or newer; this server is %1").arg(major);
        if (major < 18) {
            QVERIFY(!run->isEnabled());
            QVERIFY2(explanation->toPlainText().contains(needs), qPrintable(explanation->toPlainText().left(300)));
            QVERIFY(run->toolTip().contains(needs));
        } else {
            QVERIFY(run->isEnabled());
            QVERIFY(!explanation->toPlainText().contains("needs PostgreSQL"));
        }
        screenshot("lesson5-short-path-18");
    }

    void ledgerViewMigratesBack()
    {
        m_window->selectStep(2, 0);
        auto* target = m_window->findChild<QComboBox*>("migrateTarget");
        target->setCurrentText("0001_initial");
        QTest::mouseClick(m_window->findChild<QPushButton*>("migrateButton"), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&]() { return m_window->runner()->isBusy(); }, 5000));
        QVERIFY(QTest::qWaitFor([&]() { return !m_window->runner()->isBusy(); }, 60000));
        QTRY_COMPARE(structure().size(), 2);
        QVERIFY(ledger().contains("[X] 0001_initial"));
        QVERIFY(ledger().contains("[ ] 0002_largeuser_status_smalluser_status"));
    }
};

QTEST_MAIN(TestLessonFlow)
#include "tst_lessonflow.moc"
