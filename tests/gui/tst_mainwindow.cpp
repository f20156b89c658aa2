#include "EmbeddedWindowFixture.h"
#include "app/MainWindow.h"
#include "app/StartupController.h"
#include "core/lesson/LessonLoader.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QtTest>

using namespace locklab;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensConnectedAndShowsTheServerVersion()
    {
        test::EmbeddedWindowFixture fixture;
        QString error;
        QVERIFY2(fixture.startUp("locklab-gui", &error), qPrintable(error));
        MainWindow& window = *fixture.createWindow(LessonLoader::loadBuiltIn());
        QVERIFY(fixture.show(QSize()));
        auto* label = window.statusBar()->findChild<QLabel*>("serverStatusLabel");
        QVERIFY(label);
        QVERIFY(label->isVisible());
        QVERIFY2(label->text().contains(QRegularExpression("PostgreSQL \\d+\\.\\d+")), qPrintable(label->text()));
        QVERIFY(label->text().contains("embedded"));
        // How many connections LockLab opens: in the text, and explained in the tooltip.
        QVERIFY2(label->text().contains(QRegularExpression(", \\d+ connections")), qPrintable(label->text()));
        QVERIFY2(label->toolTip().contains("LockLab uses"), qPrintable(label->toolTip()));
    }

    void reportsAnUnreachableServer()
    {
        LaunchOptions options;
        options.connectionString = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=3";
        StartupController startup(options);
        startup.setInteractive(false);
        QSignalSpy failed(&startup, &StartupController::failed);
        startup.start();
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 20000);
        const QString error = failed.first().first().toString();
        QVERIFY2(error.contains("No PostgreSQL server answered"), qPrintable(error));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
