#include "TestServer.h"
#include "app/FindingsView.h"
#include "app/TryPage.h"
#include "core/lesson/LessonLoader.h"

#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace locklab;

// The "Try your own migration" window, driven offscreen on a real server:
// the prediction appears as soon as SQL is pasted, "Run it" measures it,
// "Try the safe rewrite" runs the rewrite on the same tables and shows both
// runs side by side. LOCKLAB_SCREENSHOT_DIR saves a screenshot of each.
class TestTryPage : public QObject
{
    Q_OBJECT

    test::TestServer* m_server = nullptr;

    static void screenshot(QWidget* widget, const QString& name)
    {
        if (qEnvironmentVariableIsEmpty("LOCKLAB_SCREENSHOT_DIR"))
            return;
        QTest::qWait(300); // let the chart lay out what it was just given, as a user sees it a moment later
        widget->grab().save(QDir(qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR")).filePath(name));
    }

private slots:
    void initTestCase()
    {
        LOCKLAB_REQUIRE_SERVER(server);
        m_server = server;
    }

    void predictRunAndCompareTheRewrite()
    {
        const LessonLibrary library = LessonLoader::loadBuiltIn();
        TryPage page(m_server->sandboxSettings(), "15", library);
        page.show();
        page.setSchema("CREATE TABLE large_user (id bigint PRIMARY KEY, name varchar(100) NOT NULL,\n"
                       "    status varchar(20) DEFAULT NULL);\n"
                       "CREATE INDEX large_user_status_idx ON large_user (status);\n");
        page.setMigration("BEGIN;\n"
                          "--\n-- Alter field status on large_user\n--\n"
                          "ALTER TABLE \"large_user\" ALTER COLUMN \"status\" SET DEFAULT 'active';\n"
                          "UPDATE \"large_user\" SET \"status\" = 'active' WHERE \"status\" IS NULL;\n"
                          "ALTER TABLE \"large_user\" ALTER COLUMN \"status\" SET NOT NULL;\n"
                          "ALTER TABLE \"large_user\" ALTER COLUMN \"status\" DROP DEFAULT;\n"
                          "COMMIT;\n");
        page.setRows("30k");
        const QString prediction = page.findings()->toPlainText();
        QVERIFY2(prediction.contains("adding-not-nullable-field"), qPrintable(prediction));
        QVERIFY(prediction.contains("locks-held-until-commit"));
        QVERIFY(prediction.contains("Safe rewrite"));
        screenshot(&page, "try-findings.png");

        QSignalSpy finished(&page, &TryPage::runFinished);
        page.findChild<QPushButton*>("runButton")->click();
        QVERIFY(page.isBusy());
        QVERIFY(!page.findChild<QPushButton*>("runButton")->isEnabled());
        QVERIFY(finished.wait(120000));
        const TryResult risky = finished.takeFirst().first().value<TryResult>();
        QVERIFY2(risky.succeeded, qPrintable(risky.error));
        const QString measured = page.findings()->toPlainText();
        QVERIFY2(measured.contains("predicted and measured"), qPrintable(measured));
        QVERIFY(measured.contains("ran in"));
        // The chart shows the migration step as recorded: its statements, not the table fill's.
        QVERIFY2(!risky.record.statements.isEmpty(), "the record has no statements");
        for (const StatementTiming& t : risky.record.statements)
            QVERIFY2(!t.sql.startsWith("INSERT INTO"), qPrintable(t.sql));
        screenshot(&page, "try-measured.png");

        page.findChild<QPushButton*>("rewriteButton")->click();
        QVERIFY(finished.wait(120000));
        const TryResult rewrite = finished.takeFirst().first().value<TryResult>();
        QVERIFY2(rewrite.succeeded, qPrintable(rewrite.error));
        const QString both = page.findings()->toPlainText();
        QVERIFY2(both.contains("Your migration") && both.contains("The safe rewrite"), qPrintable(both));
        QVERIFY2(both.contains("VALIDATE CONSTRAINT") && both.contains("in batches"), qPrintable(both));
        screenshot(&page, "try-comparison.png");
    }

    // A CHECK the row generator does not understand is named with the result
    // of the failed fill; an extension the sandbox lacks refuses the run.
    void checksAndExtensionsAreExplained()
    {
        TryPage page(m_server->sandboxSettings(), "15", LessonLoader::loadBuiltIn());
        page.setSchema("CREATE TABLE t (id bigint PRIMARY KEY, "
                       "name text NOT NULL CONSTRAINT capitalised CHECK (name ~ '^[A-Z]'));");
        page.setMigration("ALTER TABLE t ADD COLUMN x int;");
        page.setRows("100");
        QSignalSpy finished(&page, &TryPage::runFinished);
        page.findChild<QPushButton*>("runButton")->click();
        QVERIFY(finished.wait(120000));
        const TryResult failed = finished.takeFirst().first().value<TryResult>();
        QVERIFY(!failed.succeeded && !failed.refused);
        const QString shown = page.findings()->toPlainText();
        QVERIFY2(shown.contains("does not understand CONSTRAINT capitalised CHECK (name ~ '^[A-Z]')"),
                 qPrintable(shown));
        QVERIFY2(shown.contains("capitalised"), qPrintable(shown));

        page.setMigration("CREATE EXTENSION IF NOT EXISTS no_such_extension;\nALTER TABLE t ADD COLUMN x int;");
        page.findChild<QPushButton*>("runButton")->click();
        QVERIFY(finished.wait(120000));
        QVERIFY(finished.takeFirst().first().value<TryResult>().refused);
        const QString status = page.findChild<QLabel*>("statusLabel")->text();
        QVERIFY2(status.startsWith("Nothing was run") && status.contains("no_such_extension"), qPrintable(status));
        QVERIFY(page.findChild<QPushButton*>("runButton")->isEnabled());
    }

    void badRowsAreRefusedInline()
    {
        TryPage page(m_server->sandboxSettings(), "15", LessonLoader::loadBuiltIn());
        page.setMigration("ALTER TABLE large_user ADD COLUMN x int;");
        page.setRows("lots");
        page.findChild<QPushButton*>("runButton")->click();
        QVERIFY(!page.isBusy());
        QVERIFY(page.findChild<QPushButton*>("runButton")->isEnabled());
    }
};

QTEST_MAIN(TestTryPage)
#include "tst_trypage.moc"
