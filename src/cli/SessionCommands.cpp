#include "cli/SessionCommands.h"

#include "charts/ChartExporter.h"
#include "charts/ComparisonPage.h"
#include "charts/SweepPage.h"
#include "cli/SubcommandParser.h"
#include "core/compare/RunComparison.h"
#include "core/run/RunExporter.h"
#include "core/session/SessionFile.h"
#include "core/sweep/SweepSeries.h"

#include <QCommandLineParser>
#include <QDir>

#include <cstdio>

namespace locklab {

namespace {
void say(const QString& text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

QString slugOf(const RunRecord& run, int index)
{
    QString name = ChartExporter::defaultFileName(run, ChartExporter::Format::Png);
    name.chop(4);
    return QStringLiteral("%1-%2").arg(index + 1, 2, 10, QLatin1Char('0')).arg(name);
}
} // namespace

bool SessionCommands::handles(const QStringList& arguments)
{
    return arguments.size() > 1
        && (arguments.at(1) == QLatin1String("export") || arguments.at(1) == QLatin1String("compare"));
}

QString SessionCommands::usage()
{
    return QStringLiteral(
        "  locklab-cli export SESSION.locklab [--formats png,pdf] [--out DIR]\n"
        "      Every run's chart (and csv/json) from a saved session, and the sweep plot when it holds a sweep.\n"
        "  locklab-cli compare SESSION.locklab [--runs 1,3 | --runs classic] [--formats png,svg,pdf,csv,json] [--out "
        "DIR]\n"
        "      Runs of a saved session overlaid on one chart, aligned at each step's start (default: the classic "
        "pair).\n");
}

int SessionCommands::execute(const QStringList& arguments)
{
    const QString command = arguments.at(1);
    QCommandLineParser parser;
    parser.addOptions({ { "formats", "Formats", "list" }, { "out", "Directory", "dir" }, { "runs", "Runs", "list" } });
    if (const std::optional<int> done = SubcommandParser::parse(parser, arguments, usage()))
        return *done;
    if (parser.positionalArguments().size() != 1)
        return SubcommandParser::fail(
            QStringLiteral("'%1' takes one session file (.locklab).\n\nUsage:\n%2").arg(command, usage()));
    if (command == QLatin1String("export") && parser.isSet("runs"))
        return SubcommandParser::fail(QStringLiteral("--runs is an option of 'compare'; 'export' writes every run."));

    QStringList formats;
    QString out;
    if (const std::optional<int> done = SubcommandParser::exportOptions(parser, "png,pdf", &formats, &out))
        return *done;

    QString error;
    Session session;
    if (!SessionFile::load(parser.positionalArguments().first(), &session, &error))
        return SubcommandParser::fail(error, 1);
    if (session.runs.isEmpty())
        return SubcommandParser::fail(QStringLiteral("The session holds no runs."), 1);

    QStringList written;
    const auto write = [&](const QString& path, const std::function<bool(QString*)>& writer) {
        if (!writer(&error))
            return false;
        written << path;
        return true;
    };

    if (command == QLatin1String("compare")) {
        QList<RunRecord> runs;
        const QString which = parser.value("runs").trimmed();
        if (which.isEmpty() || which == QLatin1String("classic")) {
            int risky = -1;
            int safe = -1;
            if (!RunComparison::classicPair(session.runs, &risky, &safe))
                return SubcommandParser::fail(
                    QStringLiteral("The session has no classic pair (a run that blocked reads and a longer "
                                   "one that never did). Name the runs: --runs 1,2."),
                    1);
            runs << session.runs.at(risky) << session.runs.at(safe);
        } else {
            for (const QString& part : which.split(',', Qt::SkipEmptyParts)) {
                bool ok = false;
                const int n = part.trimmed().toInt(&ok);
                if (!ok || n < 1 || n > session.runs.size())
                    return SubcommandParser::fail(
                        QStringLiteral("--runs: '%1' is not a run number; the session has runs 1 to %2.")
                            .arg(part.trimmed())
                            .arg(session.runs.size()));
                runs << session.runs.at(n - 1);
            }
            if (runs.size() < 2)
                return SubcommandParser::fail(
                    QStringLiteral("--runs: name two or more runs to compare, e.g. --runs 1,2."));
        }
        const RunComparison comparison(runs);
        for (const QString& format : formats) {
            const QString path = QDir(out).filePath("comparison." + format);
            if (!write(path, [&](QString* e) { return ComparisonPage::writeFile(comparison, path, e); }))
                return SubcommandParser::fail(error, 1);
        }
    } else {
        for (int i = 0; i < session.runs.size(); ++i) {
            const RunRecord& run = session.runs.at(i);
            const QString base = QDir(out).filePath(slugOf(run, i));
            for (const QString& format : formats) {
                const QString path = base + '.' + format;
                const bool ok = format == QLatin1String("csv")
                    ? write(path, [&](QString* e) { return RunExporter::writeCsv(run, path, e); })
                    : format == QLatin1String("json")
                    ? write(path, [&](QString* e) { return RunExporter::writeJson(RunSummary(run), path, e); })
                    : write(path, [&](QString* e) {
                          return ChartExporter::exportChart(run, path, ChartExporter::formatForPath(path), e);
                      });
                if (!ok)
                    return SubcommandParser::fail(error, 1);
            }
        }
        QList<SweepSeries> sweep;
        for (const QString& name : SweepSeries::seriesNames(session.runs))
            sweep << SweepSeries::fromRuns(session.runs, name);
        if (!sweep.isEmpty()) {
            for (const QString& format : formats) {
                const QString path = QDir(out).filePath("sweep." + format);
                if (!write(path, [&](QString* e) { return SweepPage::writeFile(sweep, path, e); }))
                    return SubcommandParser::fail(error, 1);
            }
        }
    }
    for (const QString& path : written)
        say(QStringLiteral("wrote %1").arg(QDir::toNativeSeparators(path)));
    return 0;
}

} // namespace locklab
