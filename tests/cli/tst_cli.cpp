#include "TestServer.h"
#include "core/migration/MigrationLedger.h"
#include "core/run/RunExporter.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/EmbeddedServer.h"
#include "core/server/Sandbox.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <sys/stat.h>

using namespace locklab;

namespace {

struct CliResult
{
    int exitCode = -1;
    bool crashed = false;
    QString out;
    QString err;
};

// Runs locklab-cli and waits for it. The environment has no display and no
// Qt platform: the CLI must pick the offscreen platform itself.
CliResult runCli(const QStringList& arguments, int timeoutMs = 240000)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM" })
        env.remove(name);
    for (const QString& key : env.keys()) {
        if (key.startsWith("PG"))
            env.remove(key); // the embedded server, whatever the machine's PG* say
    }
    process.setProcessEnvironment(env);
    process.start(LOCKLAB_CLI_PATH, arguments);
    CliResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = "did not finish in time";
        return result;
    }
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString describe(const CliResult& r)
{
    return QString("exit %1%2\n--- stdout\n%3\n--- stderr\n%4")
        .arg(r.exitCode)
        .arg(r.crashed ? " (crashed)" : "")
        .arg(r.out, r.err);
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_scratch;

    QString clusterDir() const { return m_scratch->filePath("cluster"); }

    // The ledger as the sandbox has it, read with LockLab's own classes
    // on the CLI's cluster (the CLI stopped its server when it exited).
    QStringList ledger()
    {
        EmbeddedServer server(clusterDir());
        QString error;
        if (!server.start(&error)) {
            qWarning("cannot start the CLI's cluster: %s", qPrintable(error));
            return { "<no server>" };
        }
        QStringList names;
        {
            DatabaseConnection connection(server.connectionSettings(Sandbox::embeddedDatabaseName()), "tst_cli");
            if (!connection.open(&error)) {
                qWarning("cannot connect: %s", qPrintable(error));
                return { "<no connection>" };
            }
            for (const AppliedMigration& migration : MigrationLedger::applied(connection.database(), &error))
                names << migration.name;
        }
        server.stop();
        return names;
    }

    QStringList appliedFromStatusJson()
    {
        const CliResult status = runCli({ "status", "--json", "--data-dir", clusterDir() });
        if (status.exitCode != 0)
            return { describe(status) };
        QStringList names;
        for (const QJsonValue& value : QJsonDocument::fromJson(status.out.toUtf8()).object().value("applied").toArray())
            names << value.toObject().value("name").toString();
        return names;
    }

private slots:
    void initTestCase()
    {
        m_scratch = std::make_unique<QTemporaryDir>(test::TestServer::scratchParent() + "/locklab-cli-XXXXXX");
        QVERIFY(m_scratch->isValid());
        // The server user must reach the cluster below it when tests run as root.
        ::chmod(QFile::encodeName(m_scratch->path()).constData(), 0755);
    }

    void helpAndVersionNeedNoDisplay()
    {
        const CliResult help = runCli({ "--help" });
        QVERIFY2(help.exitCode == 0 && !help.crashed, qPrintable(describe(help)));
        for (const char* text : { "lessons", "run LESSON", "status", "migrate", "--rows", "--batch-size", "--pause-ms",
                                  "--probe-rate", "--probe-timeout-ms", "--db", "--data-dir", "--lessons", "--out",
                                  "--formats", "--json", "50,000,000", "from 1 to 100", "Exit status" })
            QVERIFY2(help.out.contains(text), text);

        const CliResult version = runCli({ "--version" });
        QVERIFY2(version.exitCode == 0, qPrintable(describe(version)));
        QCOMPARE(version.out.trimmed().section(' ', 0, 1), QString("LockLab %1").arg(LOCKLAB_VERSION));
    }

    void listsTheLessons()
    {
        const CliResult text = runCli({ "lessons" });
        QVERIFY2(text.exitCode == 0, qPrintable(describe(text)));
        for (const char* id : { "seed", "nullable", "not-null", "rollback", "safe-path", "set-not-null", "indexes",
                                "foreign-keys", "column-types", "defaults", "unique", "lock-queue" })
            QVERIFY2(text.out.contains(id), id);

        const CliResult json = runCli({ "lessons", "--json" });
        QVERIFY2(json.exitCode == 0, qPrintable(describe(json)));
        const QJsonArray lessons = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QVERIFY(lessons.size() >= 11);
        QCOMPARE(lessons.at(2).toObject().value("id").toString(), QString("not-null"));
        QCOMPARE(lessons.at(4).toObject().value("steps").toArray().size(), 11);
    }

    void refusesBadArguments_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative rows") << QStringList { "run", "not-null", "--rows", "-5" } << "--rows";
        QTest::newRow("zero rows") << QStringList { "run", "not-null", "--rows", "0" } << "out of range";
        QTest::newRow("10^12 rows") << QStringList { "run", "not-null", "--rows", "10^12" } << "--rows";
        QTest::newRow("a trillion rows") << QStringList { "run", "seed", "--rows", "1000000000000" } << "50,000,000";
        QTest::newRow("rows not a number")
            << QStringList { "run", "not-null", "--rows", "abc" } << "not a whole number";
        QTest::newRow("batch size 0") << QStringList { "run", "safe-path", "backfill", "--batch-size", "0" }
                                      << "--batch-size";
        QTest::newRow("probe rate 0") << QStringList { "run", "not-null", "--probe-rate", "0" } << "probe rate";
        QTest::newRow("probe rate 10000") << QStringList { "run", "not-null", "--probe-rate", "10000" } << "probe rate";
        QTest::newRow("probe timeout 5") << QStringList { "run", "not-null", "--probe-timeout-ms", "5" } << "timeout";
        QTest::newRow("unknown lesson") << QStringList { "run", "no-such-lesson" } << "no lesson";
        QTest::newRow("lesson number 99") << QStringList { "run", "99" } << "no lesson";
        QTest::newRow("unknown step") << QStringList { "run", "safe-path", "frobnicate" } << "no step";
        QTest::newRow("step number 12") << QStringList { "run", "safe-path", "12" } << "no step";
        QTest::newRow("unknown format") << QStringList { "run", "not-null", "--formats", "png,gif" } << "gif";
        QTest::newRow("malformed --db") << QStringList { "run", "not-null", "--db", "postgresql://h:notaport/x" }
                                        << "--db";
        QTest::newRow("garbage --db") << QStringList { "status", "--db", "host='unterminated" } << "--db";
        QTest::newRow("no command") << QStringList {} << "Usage";
        QTest::newRow("unknown command") << QStringList { "frobnicate" } << "Unknown command";
        QTest::newRow("unknown option") << QStringList { "run", "not-null", "--rowz", "5" } << "rowz";
        QTest::newRow("option of another command") << QStringList { "status", "--rows", "5000" } << "not an option";
        QTest::newRow("migrate without target") << QStringList { "migrate" } << "--to";
        QTest::newRow("migrate to unknown") << QStringList { "migrate", "--to", "0042_nothing" } << "0042_nothing";
        QTest::newRow("--out not creatable")
            << QStringList { "run", "not-null", "--out", "/proc/locklab-nope" } << "--out";
        QTest::newRow("batch size unused")
            << QStringList { "run", "not-null", "--batch-size", "500" } << "does nothing";
    }

    void refusesBadArguments()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QString cluster = m_scratch->filePath("never-created");
        const CliResult result = runCli(arguments + QStringList { "--data-dir", cluster });
        QVERIFY2(result.exitCode == 2 && !result.crashed, qPrintable(describe(result)));
        QVERIFY2(result.err.contains(message, Qt::CaseInsensitive), qPrintable(describe(result)));
        QVERIFY2(result.err.startsWith("locklab-cli: "), qPrintable(result.err));
        QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
        // Refused before anything ran: no server was started, no cluster made.
        QVERIFY2(!QFileInfo::exists(cluster), qPrintable(cluster));
    }

    void runWritesEveryFormatAndAVerdict()
    {
        const QString out = m_scratch->filePath("exports");
        const CliResult run = runCli({ "run", "not-null", "--rows", "20000", "--out", out, "--formats",
                                       "png,svg,pdf,csv,json", "--probe-rate", "20", "--data-dir", clusterDir() });
        QVERIFY2(run.exitCode == 0 && !run.crashed, qPrintable(describe(run)));
        // Seeding first is reported on stderr; the verdict goes to stdout.
        QVERIFY2(run.err.contains("seeding"), qPrintable(run.err));
        QVERIFY2(run.out.contains("not-null") && run.out.contains(QRegularExpression("[Rr]eads? ")),
                 qPrintable(run.out));

        QDir dir(out);
        auto only = [&dir](const QString& suffix) {
            const QStringList files = dir.entryList({ "*." + suffix }, QDir::Files);
            return files.size() == 1 ? dir.filePath(files.first()) : QString();
        };
        QCOMPARE(dir.entryList(QDir::Files).size(), 5);
        const QString png = only("png");
        QVERIFY2(QFileInfo(png).fileName().startsWith("locklab-not-null-not-null-"), qPrintable(png));
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1200);
        QSvgRenderer svg(only("svg"));
        QVERIFY(svg.isValid());
        QFile pdf(only("pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QFile csv(only("csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(csv.readLine()).trimmed(), RunExporter::csvHeader());
        QVERIFY2(!csv.readLine().isEmpty(), "the CSV has no samples");
        QFile jsonFile(only("json"));
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonObject json = QJsonDocument::fromJson(jsonFile.readAll(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(json.value("lesson").toString(), QString("not-null"));
        QCOMPARE(json.value("row_count").toInt(), 20000);
        QVERIFY(json.value("succeeded").toBool());
        QVERIFY(!json.value("verdict").toString().isEmpty());
        QVERIFY(run.out.contains(json.value("verdict").toString()));
    }

    void jsonSummaryOnStdout()
    {
        // The ledger is at 0003 now: running it again has nothing to do, but
        // still probes and reports; the summary is one JSON document.
        const CliResult run = runCli({ "run", "3", "1", "--json", "--probe-rate", "20", "--data-dir", clusterDir() });
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QJsonParseError error;
        const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(run.out));
        QVERIFY(summary.value("succeeded").toBool());
        const QJsonArray steps = summary.value("steps").toArray();
        QCOMPARE(steps.size(), 1);
        QCOMPARE(steps.at(0).toObject().value("step").toString(), QString("not-null"));
        QVERIFY(steps.at(0).toObject().contains("statistics"));
        // The prediction of the step, with the answer this run's numbers picked.
        const QJsonObject prediction = steps.at(0).toObject().value("prediction").toObject();
        QVERIFY2(prediction.value("question").toString().contains("reads of large_user"), qPrintable(run.out));
        QCOMPARE(prediction.value("choices").toArray().size(), 3);
        QVERIFY2(prediction.value("measured").isString(), qPrintable(run.out));
        QVERIFY(!prediction.value("measured_text").toString().contains('{'));
    }

    void psqlOpensTheSandboxAndStopsTheServerAfter()
    {
        const CliResult status = runCli({ "status", "--data-dir", clusterDir() });
        QVERIFY2(status.exitCode == 0, qPrintable(describe(status)));
        QVERIFY2(status.out.contains("Connection: postgresql://locklab@/"), qPrintable(status.out));
        QVERIFY2(status.out.contains(QRegularExpression("psql: \\S*psql -h /\\S+ -p \\d+ -U \\S+ -d \\S+")),
                 qPrintable(status.out));

        // psql gets the arguments after --, and this process's stdin.
        const CliResult query = runCli(
            { "psql", "--data-dir", clusterDir(), "--", "-X", "-A", "-t", "-c", "SELECT 6 * 7" });
        QVERIFY2(query.exitCode == 0, qPrintable(describe(query)));
        QCOMPARE(query.out.trimmed(), QString("42"));
        QVERIFY(!QFileInfo::exists(QDir(clusterDir()).filePath("postmaster.pid")));

        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("QT_QPA_PLATFORM");
        process.setProcessEnvironment(env);
        process.start(LOCKLAB_CLI_PATH, { "psql", "--data-dir", clusterDir(), "--", "-X", "-A", "-t" });
        QVERIFY(process.waitForStarted());
        process.write("SELECT 'rows:' || count(*) FROM small_user;\n\\q\n");
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(process.readAllStandardOutput()).trimmed(), QString("rows:10"));
        QVERIFY(!QFileInfo::exists(QDir(clusterDir()).filePath("postmaster.pid")));

        // psql's failure is the command's failure.
        const CliResult bad = runCli({ "psql", "--data-dir", clusterDir(), "--", "-X", "-c", "SELECT nope" });
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("nope"), qPrintable(describe(bad)));
    }

    void lockQueuePreflightWarnsInTextAndJson()
    {
        // Lesson 6 step 4: the forgotten transaction is open 6 s before the
        // statements; the pre-flight names it on stderr and in the JSON.
        const CliResult run = runCli({ "run", "lock-queue", "4", "--json", "--data-dir", clusterDir() });
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        QVERIFY2(run.err.contains("Warning: pid ") && run.err.contains("(forgotten psql)"), qPrintable(run.err));
        const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
        const QJsonObject step = summary.value("steps").toArray().at(0).toObject();
        const QJsonArray warnings = step.value("preflight_warnings").toArray();
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.at(0).toString().contains("(forgotten psql)"), qPrintable(warnings.at(0).toString()));
        QCOMPARE(step.value("actors").toArray().at(0).toObject().value("name").toString(), QString("forgotten psql"));
        QVERIFY(step.value("series").toObject().contains("read"));
        QVERIFY(step.value("series").toObject().contains("write"));
    }

    void statusAndMigrateAgreeWithTheLedger()
    {
        QStringList expected { "0001_initial", "0002_largeuser_status_smalluser_status",
                               "0003_alter_largeuser_status_alter_smalluser_status" };
        QCOMPARE(ledger(), expected);
        QCOMPARE(appliedFromStatusJson(), expected);
        const CliResult text = runCli({ "status", "--data-dir", clusterDir() });
        QVERIFY2(text.exitCode == 0, qPrintable(describe(text)));
        QVERIFY2(text.out.contains(" [X] 0003_alter_largeuser_status_alter_smalluser_status"), qPrintable(text.out));
        QVERIFY2(text.out.contains(" [ ] 0004_status_check_not_valid"), qPrintable(text.out));

        const CliResult migrate = runCli({ "migrate", "--to", "0001_initial", "--data-dir", clusterDir() });
        QVERIFY2(migrate.exitCode == 0, qPrintable(describe(migrate)));
        QVERIFY2(migrate.out.contains("[X] 0001_initial"), qPrintable(migrate.out));
        QVERIFY2(migrate.out.contains("[ ] 0002_largeuser_status_smalluser_status"), qPrintable(migrate.out));
        expected = QStringList { "0001_initial" };
        QCOMPARE(ledger(), expected);
        QCOMPARE(appliedFromStatusJson(), expected);

        // Forward again within the safe path's plan, batch size chosen.
        const CliResult forward = runCli(
            { "migrate", "--to", "0003_backfill_status", "--batch-size", "5k", "--data-dir", clusterDir() });
        QVERIFY2(forward.exitCode == 0, qPrintable(describe(forward)));
        expected = QStringList { "0001_initial", "0002_largeuser_status_smalluser_status", "0003_backfill_status" };
        QCOMPARE(ledger(), expected);
        QCOMPARE(appliedFromStatusJson(), expected);
    }

    void ctrlCCancelsCleanlyAndStopsTheServer()
    {
        const QStringList before = ledger();
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("QT_QPA_PLATFORM");
        process.setProcessEnvironment(env);
        process.start(LOCKLAB_CLI_PATH, { "run", "seed", "--rows", "20M", "--data-dir", clusterDir() });
        QVERIFY(process.waitForStarted());
        // Wait until rows are being filled, then press Ctrl-C.
        QString err;
        QDeadlineTimer deadline(120000);
        while (!err.contains("rows") && !deadline.hasExpired() && process.state() == QProcess::Running) {
            process.waitForReadyRead(200);
            err += QString::fromUtf8(process.readAllStandardError());
        }
        QVERIFY2(err.contains("rows"), qPrintable(err));
        ::kill(pid_t(process.processId()), SIGINT);
        QVERIFY(process.waitForFinished(120000));
        err += QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.contains("Cancelled"), qPrintable(err));
        // The embedded server was stopped on the way out.
        QVERIFY(!QFileInfo::exists(QDir(clusterDir()).filePath("postmaster.pid")));
        // Nothing half-done: the ledger is as it was.
        QCOMPARE(ledger(), before);
    }
};

QTEST_MAIN(TestCli)
#include "tst_cli.moc"
