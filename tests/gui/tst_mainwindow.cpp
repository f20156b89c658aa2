#include "TestServer.h"
#include "app/MainWindow.h"
#include "app/StartupController.h"
#include "core/lesson/LessonLoader.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace locklab;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensConnectedAndShowsTheServerVersion()
    {
        QTemporaryDir scratch(test::TestServer::scratchParent() + "/locklab-gui-XXXXXX");
        ::chmod(QFile::encodeName(scratch.path()).constData(), 0755);
        LaunchOptions options;
        options.dataDir = scratch.filePath("cluster");
        options.forceEmbedded = true;

        StartupController startup(options);
        startup.setInteractive(false);
        QSignalSpy ready(&startup, &StartupController::ready);
        QSignalSpy failed(&startup, &StartupController::failed);
        startup.start();
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

        std::unique_ptr<ServerSession> session = startup.takeSession();
        MainWindow window(*session, LessonLoader::loadBuiltIn());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
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
