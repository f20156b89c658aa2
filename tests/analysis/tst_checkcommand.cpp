#include "cli/CheckCommand.h"
#include "cli/TryCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;

// `locklab-cli check`: exit statuses, the three formats, --strict and --pg-version.
class TestCheckCommand : public QObject
{
    Q_OBJECT

private:
    static QString corpus(const QString& name) { return QString(LOCKLAB_ANALYSIS_CORPUS) + "/" + name; }

    static int check(const QStringList& arguments, QString* out = nullptr, QString* err = nullptr)
    {
        QString o, e;
        const int status = CheckCommand::run(arguments, &o, &e);
        if (out)
            *out = o;
        if (err)
            *err = e;
        return status;
    }

private slots:
    void exitStatus_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("status");
        QTest::newRow("safe file") << QStringList { corpus("create-index-safe.sql") } << 0;
        QTest::newRow("notes only pass") << QStringList { corpus("nesting-and-uncommitted.sql") } << 0;
        QTest::newRow("notes fail with --strict")
            << QStringList { "--strict", corpus("nesting-and-uncommitted.sql") } << 1;
        QTest::newRow("finding") << QStringList { corpus("set-not-null-risky.sql") } << 1;
        QTest::newRow("parse error wins")
            << QStringList { corpus("set-not-null-risky.sql"), corpus("syntax-error.sql") } << 2;
        QTest::newRow("newer syntax is not a parse error")
            << QStringList { corpus("newer-not-null-not-valid.sql") } << 0;
        QTest::newRow("no file") << QStringList {} << 2;
        QTest::newRow("missing file") << QStringList { corpus("no-such-file.sql") } << 2;
        QTest::newRow("bad format") << QStringList { "--format", "xml", corpus("create-index-safe.sql") } << 2;
        QTest::newRow("bad version") << QStringList { "--pg-version", "nine", corpus("create-index-safe.sql") } << 2;
        QTest::newRow("unknown option") << QStringList { "--fast", corpus("create-index-safe.sql") } << 2;
    }

    void exitStatus()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, status);
        QString out, err;
        QCOMPARE(check(arguments, &out, &err), status);
        if (status == 2)
            QVERIFY2(!err.isEmpty() || out.contains("does not parse"), qPrintable(out + err));
    }

    void textNamesRuleWhyRewriteAndLesson()
    {
        QString out;
        QCOMPARE(check({ corpus("django-0003.sql") }, &out), 1);
        QVERIFY(out.contains("ALTER TABLE (in a transaction block)"));
        QVERIFY(out.contains("ACCESS EXCLUSIVE on \"shop_customer\"")
                || out.contains("ACCESS EXCLUSIVE on shop_customer"));
        QVERIFY(out.contains("held until COMMIT"));
        QVERIFY(out.contains("finding adding-not-nullable-field"));
        QVERIFY(out.contains("safe rewrite:"));
        QVERIFY(out.contains("VALIDATE CONSTRAINT"));
        QVERIFY(out.contains("shown in: Lesson 3"));
    }

    void parseErrorHasPostgresMessageLineAndColumn()
    {
        QString out;
        QCOMPARE(check({ corpus("syntax-error.sql") }, &out), 2);
        QVERIFY2(out.contains("does not parse: syntax error at or near \"NUL\" (line 3, column 31)"), qPrintable(out));
        // The statements after the bad one are still analysed.
        QVERIFY(out.contains("finding require-concurrent-index-creation"));
    }

    void githubAnnotations()
    {
        QString out;
        QCOMPARE(check({ "--format", "github", corpus("syntax-error.sql") }, &out), 2);
        const QStringList lines = out.split('\n', Qt::SkipEmptyParts);
        QVERIFY(
            lines.contains(QString("::error file=%1,line=3,col=31,title=syntax error::syntax error at or near \"NUL\"")
                               .arg(QString(corpus("syntax-error.sql")).replace(":", "%3A").replace(",", "%2C"))));
        for (const QString& line : lines)
            QVERIFY2(line.startsWith("::error ") || line.startsWith("::notice ") || line.startsWith("::warning "),
                     qPrintable(line));
    }

    void json()
    {
        QString out;
        QCOMPARE(check({ "--format", "json", corpus("django-0003.sql"), corpus("create-index-safe.sql") }, &out), 1);
        QJsonParseError error;
        const QJsonObject root = QJsonDocument::fromJson(out.toUtf8(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray files = root.value("files").toArray();
        QCOMPARE(files.size(), 2);
        const QJsonObject first = files.at(0).toObject();
        QCOMPARE(first.value("statements").toArray().size(), 6);
        const QJsonObject alter = first.value("statements").toArray().at(1).toObject();
        QCOMPARE(alter.value("locks").toArray().at(0).toObject().value("mode").toString(), QString("ACCESS EXCLUSIVE"));
        QCOMPARE(alter.value("locks").toArray().at(0).toObject().value("held").toString(), QString("until COMMIT"));
        QStringList rules;
        for (const QJsonValue& f : first.value("findings").toArray())
            rules.append(f.toObject().value("rule").toString());
        QVERIFY2(rules.contains("adding-not-nullable-field"), qPrintable(rules.join(',')));
        QVERIFY(rules.contains("locks-held-until-commit"));
    }

    // `try` refuses bad usage, refused statements and parse errors before any server starts.
    void tryRefusesBeforeAnythingRuns_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no file") << QStringList {};
        QTest::newRow("missing file") << QStringList { corpus("no-such-file.sql") };
        QTest::newRow("bad rows") << QStringList { corpus("create-index-risky.sql"), "--rows", "large_user=many" };
        QTest::newRow("unknown option") << QStringList { corpus("create-index-risky.sql"), "--fast" };
        QTest::newRow("refused statements")
            << QStringList { corpus("refused-outside-sandbox.sql"), "--schema", corpus("users.schema.sql") };
        QTest::newRow("parse error") << QStringList { corpus("syntax-error.sql"), "--schema",
                                                      corpus("users.schema.sql") };
        QTest::newRow("table not in the schema")
            << QStringList { corpus("primary-key-risky.sql"), "--schema", corpus("users.schema.sql") };
    }

    void tryRefusesBeforeAnythingRuns()
    {
        QFETCH(QStringList, arguments);
        QCOMPARE(TryCommand::run(arguments), 2);
    }

    void pgVersionChangesTheVerdict()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath("m.sql"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("SET lock_timeout = '1s'; SET statement_timeout = '1min';\n"
                   "ALTER TABLE t ADD CONSTRAINT c CHECK (x IS NOT NULL) NOT VALID;\n"
                   "ALTER TABLE t VALIDATE CONSTRAINT c;\n"
                   "ALTER TABLE t ALTER COLUMN x SET NOT NULL;\n");
        file.close();
        QCOMPARE(check({ "--pg-version", "15", file.fileName() }), 0);
        QCOMPARE(check({ "--pg-version", "11", file.fileName() }), 1);
    }

    // The built locklab-cli answers `check` itself, with exit statuses as above.
    void launcherRunsCheck()
    {
        QProcess cli;
        cli.start(LOCKLAB_CLI_PATH, { "check", corpus("set-not-null-risky.sql") });
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY2(cli.readAllStandardOutput().contains("adding-not-nullable-field"), "no finding printed");
    }

    // A pre-commit hook's `check` must not load the lesson runner's libraries (BENCHMARKS.md):
    // ld.so lists what the launcher would load, without running it.
    void launcherLoadsNeitherChartsNorLibpq()
    {
        QProcess ld;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LD_TRACE_LOADED_OBJECTS", "1");
        ld.setProcessEnvironment(env);
        ld.start(LOCKLAB_CLI_PATH, { "check" });
        QVERIFY(ld.waitForFinished(60000));
        const QString loaded = QString::fromLocal8Bit(ld.readAllStandardOutput());
        QVERIFY2(loaded.contains("libQt6Core"), qPrintable(loaded));
        for (const char* heavy : { "libQt6Gui", "libQt6Widgets", "libQt6Charts", "libQt6Sql", "libpq" })
            QVERIFY2(!loaded.contains(heavy), qPrintable(QString("%1 is loaded:\n%2").arg(heavy, loaded)));
    }

    // Every other command goes to the full runner, with its arguments and exit status.
    void launcherHandsOtherCommandsToTheRunner()
    {
        QProcess cli;
        cli.start(LOCKLAB_CLI_PATH, { "--version" });
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY2(cli.readAllStandardOutput().contains("LockLab " LOCKLAB_VERSION), "no version printed");
        cli.start(LOCKLAB_CLI_PATH, { "no-such-command" });
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY2(cli.readAllStandardError().contains("no-such-command"), "the runner did not name the command");
    }
};

QTEST_GUILESS_MAIN(TestCheckCommand)
#include "tst_checkcommand.moc"
