// CliOptions::parse against the built-in lessons, without starting a
// program or a server: argument lists in, the parsed command and options
// (or the exact message the user reads) out.
#include "cli/CliOptions.h"

#include "cli/CliLibrary.h"
#include "cli/CliUsage.h"
#include "core/lesson/LessonLoader.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;

Q_DECLARE_METATYPE(locklab::CliOptions::Action)
Q_DECLARE_METATYPE(locklab::CliOptions::Command)

class TestCliOptions : public QObject
{
    Q_OBJECT

private:
    static CliOptions parse(QStringList arguments)
    {
        LessonLibrary library;
        arguments.prepend("locklab-cli");
        return CliOptions::parse(arguments, &library);
    }

    static QString lessonList() { return CliLibrary::lessonList(LessonLoader::loadBuiltIn()); }

    // Every step of a built-in lesson, in order (lessons gain steps).
    static QList<int> allSteps(const QString& lessonId)
    {
        const LessonLibrary library = LessonLoader::loadBuiltIn();
        const Lesson* lesson = CliLibrary::findLesson(library, lessonId);
        QList<int> indexes;
        for (int i = 0; lesson && i < lesson->steps.size(); ++i)
            indexes << i;
        return indexes;
    }

private slots:
    void accepted_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<CliOptions::Command>("command");
        QTest::addColumn<QString>("lessonId");
        QTest::addColumn<QList<int>>("steps");
        QTest::addColumn<QString>("target");

        using C = CliOptions::Command;
        QTest::newRow("lessons") << QStringList { "lessons" } << C::Lessons << QString() << QList<int>() << QString();
        QTest::newRow("run, every step") << QStringList { "run", "safe-path" } << C::Run << "safe-path"
                                         << allSteps("safe-path") << QString();
        QTest::newRow("run, steps by id and number, in that order")
            << QStringList { "run", "safe-path", "validate", "2" } << C::Run << "safe-path" << QList<int> { 3, 1 }
            << QString();
        QTest::newRow("run by lesson number")
            << QStringList { "run", "3" } << C::Run << "not-null" << QList<int> { 0 } << QString();
        QTest::newRow("status") << QStringList { "status" } << C::Status << QString() << QList<int>() << QString();
        QTest::newRow("status of a lesson")
            << QStringList { "status", "--lesson", "nullable" } << C::Status << "nullable" << QList<int>() << QString();
        QTest::newRow("migrate") << QStringList { "migrate", "--to", " 0001_initial " } << C::Migrate << "seed"
                                 << QList<int>() << "0001_initial";
        QTest::newRow("psql") << QStringList { "psql" } << C::Psql << QString() << QList<int>() << QString();
    }

    void accepted()
    {
        QFETCH(QStringList, arguments);
        const CliOptions options = parse(arguments);
        QCOMPARE(options.message, QString());
        QCOMPARE(options.action, CliOptions::Action::Execute);
        QTEST(options.command, "command");
        QTEST(options.lessonId, "lessonId");
        QTEST(options.stepIndexes, "steps");
        QTEST(options.target, "target");
    }

    void refused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");

        const QString help = CliUsage::seeHelp();
        QTest::newRow("nothing to do") << QStringList {}
                                       << "Say what to do: lessons, run, status, migrate or psql.\n\nUsage:\n"
                + CliUsage::synopsis() + "\n" + help;
        QTest::newRow("unknown command")
            << QStringList { "frobnicate" }
            << "Unknown command 'frobnicate'. Commands: lessons, run, status, migrate, psql, check, try, sweep, "
               "export, compare, versions, classroom. "
                + help;
        QTest::newRow("unknown option") << QStringList { "lessons", "--bogus" } << "Unknown option 'bogus'. " + help;
        QTest::newRow("missing value") << QStringList { "run", "seed", "--rows" }
                                       << "Missing value after '--rows'. " + help;
        QTest::newRow("option of another command")
            << QStringList { "lessons", "--rows", "5000" } << "--rows is not an option of 'lessons'. " + help;
        QTest::newRow("extra argument") << QStringList { "status", "seed" }
                                        << "Unexpected argument 'seed' after 'status'. " + help;
        QTest::newRow("rows not a number")
            << QStringList { "run", "seed", "--rows", "many" }
            << "--rows: 'many' is not a whole number. Give a number from 1,000 to 50,000,000 rows (1M, 250k and "
               "1,000,000 work too).";
        QTest::newRow("rows too few") << QStringList { "run", "seed", "--rows", "10" }
                                      << "--rows: 10 is out of range. Give a number from 1,000 to 50,000,000 rows.";
        QTest::newRow("batch size unused by the steps")
            << QStringList { "run", "safe-path", "add-column", "--batch-size", "500" }
            << "--batch-size does nothing here: none of the steps chosen has a 'batch_size' parameter. Leave it out.";
        QTest::newRow("probe profile") << QStringList { "run", "seed", "--probe-profile", "loud" }
                                       << "--probe-profile: 'loud' is not a profile. Choose 'default' or 'classroom' "
                                          "(4 connections in all, for a class sharing one server).";
        QTest::newRow("probe rate") << QStringList { "run", "seed", "--probe-rate", "fast" }
                                    << "--probe-rate: 'fast' is not a number. Give probes per second from 1 to 100.";
        QTest::newRow("probe timeout") << QStringList {
            "run", "seed", "--probe-timeout-ms", "-5"
        } << "--probe-timeout-ms: '-5' is not a whole number of milliseconds. Give one from 100 to 60000.";
        QTest::newRow("unknown format") << QStringList { "run", "seed", "--formats", "png,gif" }
                                        << "--formats: 'gif' is not a format LockLab writes. Choose from "
                                           "png,svg,pdf,csv,json.";
        QTest::newRow("empty formats") << QStringList { "run", "seed", "--formats", "," }
                                       << "--formats is empty. Choose from png,svg,pdf,csv,json.";
        QTest::newRow("empty db") << QStringList { "status", "--db", " " }
                                  << "--db is empty. Give a URI like postgresql://user@host:5432/dbname, or leave --db "
                                     "out to use the embedded server.";
        QTest::newRow("empty data dir") << QStringList { "status", "--data-dir", "" }
                                        << "--data-dir is empty. Name a directory for the embedded cluster.";
        QTest::newRow("run without a lesson")
            << QStringList { "run" }
            << "'run' needs a lesson: locklab-cli run LESSON [STEP...]. Lessons: " + lessonList() + ".";
        QTest::newRow("unknown lesson") << QStringList { "run", "nope" }
                                        << "There is no lesson 'nope'. Lessons: " + lessonList()
                + " (run 'locklab-cli lessons' for their steps).";
        QTest::newRow("unknown step") << QStringList { "run", "nullable", "nope" }
                                      << "The lesson 'nullable' has no step 'nope'. Its steps: add-column (or their "
                                         "numbers 1 to 1).";
        QTest::newRow("migrate without target")
            << QStringList { "migrate" }
            << "'migrate' needs the target: locklab-cli migrate --to MIGRATION (e.g. --to 0001_initial; "
               "'locklab-cli status' lists them).";
        QTest::newRow("status of an unknown lesson") << QStringList { "status", "--lesson", "nope" }
                                                     << "There is no lesson 'nope'. Lessons: " + lessonList() + ".";
    }

    void refused()
    {
        QFETCH(QStringList, arguments);
        const CliOptions options = parse(arguments);
        QCOMPARE(options.action, CliOptions::Action::Error);
        QTEST(options.message, "error");
    }

    void valuesAreParsed()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString out = dir.filePath("exports/run1");
        const CliOptions options = parse({ "run",
                                           "safe-path",
                                           "backfill",
                                           "--rows",
                                           "250k",
                                           "--batch-size",
                                           "1,000",
                                           "--pause-ms",
                                           "0",
                                           "--probe-profile",
                                           "Classroom",
                                           "--probe-rate",
                                           "20",
                                           "--probe-timeout-ms",
                                           "500",
                                           "--formats",
                                           " CSV,png,csv",
                                           "--out",
                                           out,
                                           "--json" });
        QCOMPARE(options.message, QString());
        QCOMPARE(options.rows, std::optional<qint64>(250000));
        QCOMPARE(options.batchSize, std::optional<qint64>(1000));
        QCOMPARE(options.pauseMs, std::optional<qint64>(0));
        QCOMPARE(options.probes.rateHz, 20.0);
        QCOMPARE(options.probes.timeoutMs, 500);
        QCOMPARE(options.probes.connections, 2);
        QCOMPARE(options.formats, QStringList({ "csv", "png" }));
        QCOMPARE(options.outDir, QFileInfo(out).absoluteFilePath());
        QVERIFY2(QFileInfo(out).isDir(), "--out is created while parsing");
        QVERIFY(options.json);

        LessonLibrary library = LessonLoader::loadBuiltIn();
        const Lesson* lesson = CliLibrary::findLesson(library, "safe-path");
        QVERIFY(lesson);
        const QVariantMap parameters = options.parametersFor(lesson->steps.at(1));
        QCOMPARE(parameters.value("batch_size").toLongLong(), 1000);
        QCOMPARE(parameters.value("pause_ms").toLongLong(), 0);
        QVERIFY2(!parameters.contains("rows"), "only the parameters the step declares");
    }

    void helpVersionAndPsqlArguments()
    {
        QCOMPARE(parse({ "--help" }).action, CliOptions::Action::ShowHelp);
        QCOMPARE(parse({ "-version" }).action, CliOptions::Action::ShowVersion);
        QCOMPARE(parse({ "psql", "--", "-c", "SELECT 1" }).psqlArguments, QStringList({ "-c", "SELECT 1" }));
    }

    void lessonsFromADirectoryThatHasNone()
    {
        QTemporaryDir dir;
        const CliOptions options = parse({ "lessons", "--lessons", dir.path() });
        QCOMPARE(options.action, CliOptions::Action::Error);
        QVERIFY2(options.message.startsWith("--lessons: no lessons could be loaded from " + dir.path() + ": "),
                 qPrintable(options.message));
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"
