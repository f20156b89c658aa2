#include "cli/SweepCommand.h"

#include "charts/SweepPage.h"
#include "cli/CliLibrary.h"
#include "cli/SubcommandParser.h"
#include "core/lesson/CountParser.h"
#include "core/lesson/LessonLoader.h"
#include "core/run/LessonRunner.h"
#include "core/server/ServerSession.h"
#include "core/server/ShutdownSignals.h"
#include "core/session/SessionFile.h"
#include "core/sweep/SweepRunner.h"
#include "core/sweep/SweepSeries.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>

#include <cstdio>

namespace locklab {

namespace {
void note(const QString& text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
    std::fflush(stderr);
}
} // namespace

bool SweepCommand::handles(const QStringList& arguments)
{
    return arguments.size() > 1 && arguments.at(1) == QLatin1String("sweep");
}

QString SweepCommand::usage()
{
    return QStringLiteral(
        "  locklab-cli sweep LESSON [--step S] [--rows 10k,100k,1M] [--safe LESSON] [--batch-size N]\n"
        "              [--estimate ROWS] [--out DIR] [--formats png,svg,pdf,csv,json] [--json] [--db URI | --data-dir "
        "DIR]\n"
        "      Runs one step at several table sizes (each freshly seeded, vacuumed and analyzed), fits reads blocked\n"
        "      and the ACCESS EXCLUSIVE hold against rows on log-log axes, writes the plot, its data and the runs\n"
        "      (sweep.locklab) to DIR; --json prints every point; --estimate extrapolates to your table's size.\n");
}

int SweepCommand::execute(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions({ { "step", "Step", "step" },
                        { "rows", "Sizes", "list" },
                        { "safe", "Safe path lesson", "lesson" },
                        { "batch-size", "Batch size", "n" },
                        { "estimate", "Rows to extrapolate to", "rows" },
                        { "out", "Directory", "dir" },
                        { "formats", "Formats", "list" },
                        { "json", "JSON" },
                        { "db", "Server", "uri" },
                        { "data-dir", "Cluster", "dir" },
                        { "lessons", "Lessons", "dir" } });
    if (const std::optional<int> done = SubcommandParser::parse(parser, arguments, usage()))
        return *done;
    const LessonLibrary library = parser.isSet("lessons") ? LessonLoader::loadDirectory(parser.value("lessons"))
                                                          : LessonLoader::loadBuiltIn();
    if (parser.positionalArguments().size() != 1)
        return SubcommandParser::fail(
            QStringLiteral("Name the lesson whose step to sweep, e.g. 'sweep not-null'. Lessons: %1.")
                .arg(CliLibrary::lessonList(library)));
    const Lesson* lesson = CliLibrary::findLesson(library, parser.positionalArguments().first());
    if (!lesson)
        return SubcommandParser::fail(QStringLiteral("No lesson '%1'. Lessons: %2.")
                                          .arg(parser.positionalArguments().first(), CliLibrary::lessonList(library)));
    const int step = parser.isSet("step") ? CliLibrary::findStep(*lesson, parser.value("step")) : 0;
    if (step < 0)
        return SubcommandParser::fail(
            QStringLiteral("Lesson '%1' has no step '%2'.").arg(lesson->id, parser.value("step")));

    SweepRunner::Plan plan;
    plan.lessonId = lesson->id;
    plan.stepIndex = step;
    if (parser.isSet("rows")) {
        for (const QString& part : parser.value("rows").split(',', Qt::SkipEmptyParts)) {
            qint64 rows = 0;
            if (!CountParser::parse(part.trimmed(), &rows) || rows <= 0)
                return SubcommandParser::fail(
                    QStringLiteral("--rows: '%1' is not a row count (write 10k, 100000 or 1M).").arg(part));
            plan.rows << rows;
        }
    } else {
        plan.rows = SweepRunner::defaultRows(library);
    }
    if (parser.isSet("safe")) {
        const Lesson* safe = CliLibrary::findLesson(library, parser.value("safe"));
        if (!safe)
            return SubcommandParser::fail(QStringLiteral("--safe: no lesson '%1'. Lessons: %2.")
                                              .arg(parser.value("safe"), CliLibrary::lessonList(library)));
        plan.safeLessonId = safe->id;
    }
    if (parser.isSet("batch-size")) {
        qint64 batch = 0;
        if (!CountParser::parse(parser.value("batch-size"), &batch) || batch <= 0)
            return SubcommandParser::fail(
                QStringLiteral("--batch-size: '%1' is not a positive count.").arg(parser.value("batch-size")));
        plan.parameters.insert("batch_size", batch);
    }
    qint64 estimate = 0;
    if (parser.isSet("estimate") && (!CountParser::parse(parser.value("estimate"), &estimate) || estimate <= 0))
        return SubcommandParser::fail(
            QStringLiteral("--estimate: '%1' is not a row count (write 200M).").arg(parser.value("estimate")));
    QStringList formats;
    QString out;
    if (const std::optional<int> done = SubcommandParser::exportOptions(parser, "png,csv,json", &formats, &out))
        return *done;

    LaunchOptions launch;
    launch.connectionString = parser.value("db");
    launch.dataDir = parser.value("data-dir");
    ServerSession session(launch);
    session.setProgressCallback([](const QString& message) { note(message); });
    QString problem;
    if (!session.open(&problem))
        return SubcommandParser::fail(QStringLiteral("Could not open the server: %1").arg(problem), 1);
    note(QStringLiteral("Using %1").arg(session.describe()));

    int status = 0;
    QList<RunRecord> runs;
    {
        LessonRunner runner(session.sandboxSettings());
        runner.setServerVersion(session.serverVersion());
        SweepRunner sweep(&runner, library, session.sandboxSettings());
        ShutdownSignals shutdown;
        QObject::connect(&shutdown, &ShutdownSignals::shutdownRequested, &sweep, [&sweep]() {
            note(QStringLiteral("\nInterrupted: cancelling the sweep ..."));
            sweep.cancel();
        });
        QObject::connect(&sweep, &SweepRunner::progress, [](int done, int total, const QString& what) {
            note(QStringLiteral("[%1/%2] %3").arg(done + (done < total ? 1 : 0)).arg(total).arg(what));
        });
        QEventLoop loop;
        bool cancelled = false;
        QString sweepError;
        QObject::connect(&sweep, &SweepRunner::finished, &loop,
                         [&](const QList<RunRecord>& measured, bool wasCancelled, const QString& error) {
                             runs = measured;
                             cancelled = wasCancelled;
                             sweepError = error;
                             loop.quit();
                         });
        QString error;
        if (!sweep.start(plan, &error)) {
            session.close();
            return SubcommandParser::fail(error);
        }
        loop.exec();
        if (!sweepError.isEmpty())
            status = SubcommandParser::fail(sweepError, 1);
        else if (cancelled)
            status = SubcommandParser::fail(QStringLiteral("Sweep cancelled; the sizes measured so far are written."),
                                            1);
    }
    session.close();

    QList<SweepSeries> series;
    for (const QString& name : SweepSeries::seriesNames(runs))
        series << SweepSeries::fromRuns(runs, name);
    QString error;
    const QString sessionPath = QDir(out).filePath("sweep.locklab");
    if (!runs.isEmpty() && !SessionFile::save(runs, sessionPath, &error))
        return SubcommandParser::fail(error, 1);
    for (const QString& format : formats) {
        const QString path = QDir(out).filePath("sweep." + format);
        if (!SweepPage::writeFile(series, path, &error, estimate))
            return SubcommandParser::fail(error, 1);
        note(QStringLiteral("wrote %1").arg(QDir::toNativeSeparators(path)));
    }
    if (!runs.isEmpty())
        note(QStringLiteral("wrote %1").arg(QDir::toNativeSeparators(sessionPath)));
    if (parser.isSet("json")) {
        std::fprintf(stdout, "%s",
                     QJsonDocument(SweepPage::toJson(series, estimate)).toJson(QJsonDocument::Indented).constData());
    } else {
        std::fprintf(stdout, "%s\n", qPrintable(SweepPage::findings(series, estimate)));
    }
    std::fflush(stdout);
    return status;
}

} // namespace locklab
