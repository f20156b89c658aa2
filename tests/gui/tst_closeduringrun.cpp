#include "EmbeddedAppFixture.h"
#include "MessageBoxAnswerer.h"
#include "TestServer.h"
#include "app/MainWindow.h"
#include "core/lesson/LessonLoader.h"

#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace locklab;

// Run pressed twice runs one step; closing the window mid-step asks, then
// cancels cleanly, leaves the tables as before, and stops the server.
class TestCloseDuringRun : public QObject
{
    Q_OBJECT

private:
    test::EmbeddedAppFixture m_app;
    std::unique_ptr<test::MessageBoxAnswerer> m_answerer;

    MainWindow* window() const { return m_app.window(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_app.start("locklab-close"));
        window()->show();
    }

    void runTwiceThenCloseMidStep()
    {
        // A first, small seed so there is something the cancelled re-seed must leave alone.
        window()->selectStep(0, 0);
        window()->findChild<QComboBox*>("parameter_rows")->setCurrentText("20k");
        QTest::mouseClick(window()->findChild<QPushButton*>("runButton"), Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&]() { return window()->runner()->isBusy(); }, 5000));
        QVERIFY(QTest::qWaitFor([&]() { return !window()->runner()->isBusy(); }, 60000));
        QTRY_VERIFY(window()->findChild<QLabel*>("rowCountsLabel")->text().contains("20,000"));

        // Yes to "Seed again?" and to "A step is still running ... quit?"
        m_answerer = std::make_unique<test::MessageBoxAnswerer>();
        window()->findChild<QComboBox*>("parameter_rows")->setCurrentText("5M");
        auto* run = window()->findChild<QPushButton*>("runButton");
        QTest::mouseClick(run, Qt::LeftButton);
        QVERIFY(QTest::qWaitFor([&]() { return window()->runner()->isBusy(); }, 10000));

        // Pressed again: the button is off, and the runner refuses a second step.
        QVERIFY(!run->isEnabled());
        QTest::mouseClick(run, Qt::LeftButton);
        window()->runCurrentStep();
        QString error;
        QVERIFY(!window()->runner()->runStep(LessonLoader::loadBuiltIn(), "seed", 0, {}, &error));
        QVERIFY2(error.contains("already running"), qPrintable(error));

        QTest::qWait(500); // well into the fill
        QVERIFY(window()->runner()->isBusy());
        QVERIFY(!window()->close()); // asks, then waits for the cancel to wind down
        QVERIFY(QTest::qWaitFor([&]() { return !window()->isVisible(); }, 30000));
        QVERIFY(m_answerer->sawText("still running"));
        const RunRecord* record = window()->lastRecord("seed", "seed");
        QVERIFY(record);
        QVERIFY(record->cancelled);
        // The previous tables are untouched (the cancelled seed built its tables aside).
        QTRY_VERIFY(window()->findChild<QLabel*>("rowCountsLabel")->text().contains("large_user: 20,000 rows"));

        // Quitting stops the embedded server.
        const QString pidFile = QDir(m_app.dataDir()).filePath("postmaster.pid");
        QVERIFY(QFileInfo::exists(pidFile));
        m_app.quit();
        QVERIFY(!QFileInfo::exists(pidFile));
    }
};

QTEST_MAIN(TestCloseDuringRun)
#include "tst_closeduringrun.moc"
