#include "cli/CliOptions.h"

#include "core/server/ConnectionBudget.h"
#include "core/server/PostgresBinaries.h"

#include "cli/CliLibrary.h"
#include "cli/CliUsage.h"
#include "cli/SubcommandParser.h"
#include "core/lesson/CountParser.h"
#include "core/lesson/LessonLoader.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSet>

namespace locklab {

namespace {

struct Spec
{
    QString name;
    QString valueName; // empty: a flag
};

// Every option, and which commands accept it.
const QList<Spec>& specs()
{
    static const QList<Spec> all {
        { "rows", "N" },        { "batch-size", "N" },       { "pause-ms", "N" },
        { "probe-rate", "HZ" }, { "probe-timeout-ms", "N" }, { "probe-profile", "NAME" },
        { "out", "DIR" },       { "formats", "LIST" },       { "json", {} },
        { "to", "MIGRATION" },  { "lesson", "LESSON" },      { "db", "URI" },
        { "data-dir", "DIR" },  { "pg-bindir", "DIR" },      { "lessons", "DIR" },
    };
    return all;
}

QSet<QString> allowedFor(CliOptions::Command command)
{
    const QSet<QString> server { "db", "data-dir", "pg-bindir", "lessons", "json" };
    switch (command) {
    case CliOptions::Command::Lessons:
        return { "lessons", "json" };
    case CliOptions::Command::Run:
        return server + QSet<QString> { "rows", "batch-size", "pause-ms",     "probe-rate", "probe-timeout-ms",
                                        "out",  "formats",    "probe-profile" };
    case CliOptions::Command::Status:
        return server + QSet<QString> { "lesson" };
    case CliOptions::Command::Psql:
        return { "db", "data-dir" };
    case CliOptions::Command::Migrate:
        return server + QSet<QString> { "to",         "lesson",           "batch-size",   "pause-ms",
                                        "probe-rate", "probe-timeout-ms", "probe-profile" };
    }
    return {};
}

const QMap<QString, CliOptions::Command>& commands()
{
    static const QMap<QString, CliOptions::Command> all {
        { "lessons", CliOptions::Command::Lessons }, { "run", CliOptions::Command::Run },
        { "status", CliOptions::Command::Status },   { "migrate", CliOptions::Command::Migrate },
        { "psql", CliOptions::Command::Psql },
    };
    return all;
}

// Checks the parsed values; on the first problem sets `error` and returns false.
class Checker
{
public:
    Checker(const QCommandLineParser& parser, const LessonLibrary& library, CliOptions* options, QString* error)
        : m_parser(parser)
        , m_library(library)
        , m_options(options)
        , m_error(error)
    {
    }

    bool fail(const QString& message)
    {
        *m_error = message;
        return false;
    }

    // A count option against a lesson parameter's limits.
    bool count(const QString& option, const QString& parameterName, std::optional<qint64>* target)
    {
        if (!m_parser.isSet(option))
            return true;
        const QString text = m_parser.value(option);
        const LessonParameter* parameter = CliLibrary::parameter(m_library, parameterName);
        if (!parameter)
            return fail(QString("--%1: no lesson has a '%2' parameter, so there is nothing to set.")
                            .arg(option, parameterName));
        qint64 value = 0;
        if (!CountParser::parse(text, &value))
            return fail(QString("--%1: '%2' is not a whole number. Give a number %3 (1M, 250k and 1,000,000 "
                                "work too).")
                            .arg(option, text, CliUsage::limits(*parameter).section("; ", 1)));
        if (value < parameter->minimum || value > parameter->maximum)
            return fail(QString("--%1: %2 is out of range. Give a number %3.")
                            .arg(option, CountParser::format(value), CliUsage::limits(*parameter).section("; ", 1)));
        *target = value;
        return true;
    }

    bool probeSettings()
    {
        ProbeSettings& probes = m_options->probes;
        if (m_parser.isSet("probe-profile")) {
            const QString profile = m_parser.value("probe-profile").trimmed().toLower();
            if (profile == "classroom")
                ConnectionBudget::applyClassroomProfile(&probes);
            else if (profile != "default")
                return fail(QString("--probe-profile: '%1' is not a profile. Choose 'default' or "
                                    "'classroom' (%2 connections in all, for a class sharing one server).")
                                .arg(m_parser.value("probe-profile"))
                                .arg(ConnectionBudget::classroomProbeConnections + ConnectionBudget::fixedConnections));
        }
        m_options->launch.connectionsNeeded = ConnectionBudget::connectionsUsed(probes);
        if (m_parser.isSet("probe-rate")) {
            bool ok = false;
            probes.rateHz = m_parser.value("probe-rate").trimmed().toDouble(&ok);
            if (!ok)
                return fail(QString("--probe-rate: '%1' is not a number. Give probes per second from %2 to %3.")
                                .arg(m_parser.value("probe-rate"))
                                .arg(ProbeSettings::minRateHz)
                                .arg(ProbeSettings::maxRateHz));
        }
        if (m_parser.isSet("probe-timeout-ms")) {
            qint64 value = 0;
            if (!CountParser::parse(m_parser.value("probe-timeout-ms"), &value) || value < 0 || value > INT_MAX)
                return fail(QString("--probe-timeout-ms: '%1' is not a whole number of milliseconds. Give one "
                                    "from %2 to %3.")
                                .arg(m_parser.value("probe-timeout-ms"))
                                .arg(ProbeSettings::minTimeoutMs)
                                .arg(ProbeSettings::maxTimeoutMs));
            probes.timeoutMs = int(value);
        }
        QString problem;
        if (!ProbeSettings::validate(probes, &problem))
            return fail(QString("%1 Change --probe-rate or --probe-timeout-ms.").arg(problem));
        return true;
    }

    bool exports()
    {
        if (!m_parser.isSet("out") && !m_parser.isSet("formats"))
            return true;
        QString error;
        const QStringList formats = m_parser.isSet("formats")
            ? SubcommandParser::parseFormats(m_parser.value("formats"), &error)
            : CliOptions::allFormats();
        if (!error.isEmpty())
            return fail(error);
        const QString out = SubcommandParser::makeOutDir(
            m_parser.isSet("out") ? m_parser.value("out") : QDir::currentPath(), &error);
        if (!error.isEmpty())
            return fail(error);
        m_options->formats = formats;
        m_options->outDir = out;
        return true;
    }

    bool database()
    {
        m_options->launch.connectionString = m_parser.value("db");
        m_options->launch.dataDir = m_parser.value("data-dir");
        if (m_parser.isSet("db") && m_options->launch.connectionString.trimmed().isEmpty())
            return fail("--db is empty. Give a URI like postgresql://user@host:5432/dbname, or leave --db out "
                        "to use the embedded server.");
        if (m_parser.isSet("data-dir") && m_options->launch.dataDir.trimmed().isEmpty())
            return fail("--data-dir is empty. Name a directory for the embedded cluster.");
        m_options->launch.pgBinDir = m_parser.value("pg-bindir");
        if (m_parser.isSet("pg-bindir")) {
            const PostgresBinaries binaries = PostgresBinaries::fromDir(m_options->launch.pgBinDir);
            if (!binaries.isValid())
                return fail("--pg-bindir: " + binaries.errorMessage());
            if (m_parser.isSet("db"))
                return fail("--pg-bindir chooses the embedded server's PostgreSQL; with --db LockLab uses "
                            "that server instead. Give one or the other.");
        }
        if (!m_options->launch.connectionString.isEmpty()) {
            QString problem;
            ConnectionSettings::fromConnectionString(m_options->launch.connectionString, &problem);
            if (!problem.isEmpty())
                return fail("--db: " + problem);
        }
        return true;
    }

    // Options that no chosen step uses would silently do nothing: refuse them.
    bool usedBySome(const QString& option, const QString& parameterName, const QList<LessonStep>& steps)
    {
        if (!m_parser.isSet(option))
            return true;
        for (const LessonStep& step : steps) {
            if (step.parameter(parameterName))
                return true;
        }
        return fail(QString("--%1 does nothing here: none of the steps chosen has a '%2' parameter. Leave it out.")
                        .arg(option, parameterName));
    }

private:
    const QCommandLineParser& m_parser;
    const LessonLibrary& m_library;
    CliOptions* m_options;
    QString* m_error;
};

bool resolveRun(const QStringList& positional, const LessonLibrary& library, Checker& check, CliOptions* options)
{
    if (positional.size() < 2)
        return check.fail("'run' needs a lesson: locklab-cli run LESSON [STEP...]. Lessons: "
                          + CliLibrary::lessonList(library) + ".");
    const Lesson* lesson = CliLibrary::findLesson(library, positional.at(1));
    if (!lesson)
        return check.fail(QString("There is no lesson '%1'. Lessons: %2 (run 'locklab-cli lessons' for their steps).")
                              .arg(positional.at(1), CliLibrary::lessonList(library)));
    if (!lesson->isValid())
        return check.fail(
            QString("The lesson '%1' could not be loaded, so it cannot run: %2").arg(lesson->id, lesson->error));
    options->lessonId = lesson->id;
    QList<LessonStep> chosen;
    for (const QString& stepName : positional.mid(2)) {
        const int index = CliLibrary::findStep(*lesson, stepName);
        if (index < 0) {
            QStringList ids;
            for (const LessonStep& step : lesson->steps)
                ids << step.id;
            return check.fail(QString("The lesson '%1' has no step '%2'. Its steps: %3 (or their numbers 1 to %4).")
                                  .arg(lesson->id, stepName, ids.join(", "))
                                  .arg(lesson->steps.size()));
        }
        options->stepIndexes << index;
        chosen << lesson->steps.at(index);
    }
    if (options->stepIndexes.isEmpty()) {
        for (int i = 0; i < lesson->steps.size(); ++i)
            options->stepIndexes << i;
        chosen = lesson->steps;
    }
    int seedIndex = -1;
    if (options->rows && !CliLibrary::seedLesson(library, &seedIndex))
        return check.fail("--rows needs a lesson with a seed step, and none could be loaded.");
    return check.usedBySome("batch-size", "batch_size", chosen) && check.usedBySome("pause-ms", "pause_ms", chosen);
}

bool resolveMigrate(const QCommandLineParser& parser, const LessonLibrary& library, Checker& check, CliOptions* options)
{
    options->target = parser.value("to").trimmed();
    if (options->target.isEmpty())
        return check.fail("'migrate' needs the target: locklab-cli migrate --to MIGRATION (e.g. --to 0001_initial; "
                          "'locklab-cli status' lists them).");
    const QString lessonArg = parser.value("lesson");
    const Lesson* named = lessonArg.isEmpty() ? nullptr : CliLibrary::findLesson(library, lessonArg);
    if (!lessonArg.isEmpty() && !named)
        return check.fail(
            QString("There is no lesson '%1'. Lessons: %2.").arg(lessonArg, CliLibrary::lessonList(library)));
    const Lesson* lesson = CliLibrary::lessonForMigration(library, options->target, named ? named->id : QString());
    if (!lesson) {
        QStringList known;
        for (const Lesson& candidate : library.lessons) {
            if (candidate.isValid() && (!named || named == &candidate)) {
                for (const QString& name : candidate.plan) {
                    if (!known.contains(name))
                        known << name;
                }
            }
        }
        return check.fail(QString("'%1' is not a migration of %2. Choose one of: %3.")
                              .arg(options->target, named ? "the lesson '" + named->id + "'" : QString("any lesson"),
                                   known.join(", ")));
    }
    options->lessonId = lesson->id;
    const LessonStep step = migrationStep(*lesson, options->target);
    return check.usedBySome("batch-size", "batch_size", { step }) && check.usedBySome("pause-ms", "pause_ms", { step });
}

CliOptions failure(const QString& message)
{
    CliOptions options;
    options.action = CliOptions::Action::Error;
    options.message = message;
    return options;
}

} // namespace

QVariantMap CliOptions::parametersFor(const LessonStep& step) const
{
    QVariantMap parameters;
    const std::pair<QString, const std::optional<qint64>*> given[] = { { "rows", &rows },
                                                                       { "batch_size", &batchSize },
                                                                       { "pause_ms", &pauseMs } };
    for (const auto& [name, value] : given) {
        if (value->has_value() && step.parameter(name))
            parameters.insert(name, value->value());
    }
    return parameters;
}

CliOptions CliOptions::parse(const QStringList& arguments, LessonLibrary* library)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({ "h", "help" }, "help");
    const QCommandLineOption version({ "v", "version" }, "version");
    parser.addOption(help);
    parser.addOption(version);
    for (const Spec& spec : specs())
        parser.addOption(QCommandLineOption(spec.name, spec.name, spec.valueName));

    if (!parser.parse(arguments)) {
        // Qt's text ends with a full stop already ("Unknown option 'x'.").
        const QString text = parser.errorText();
        return failure(text + (text.endsWith('.') ? " " : ". ") + CliUsage::seeHelp());
    }

    const QString lessonsDir = parser.value("lessons");
    if (parser.isSet("lessons")) {
        *library = LessonLoader::loadDirectory(lessonsDir);
        if (library->lessons.isEmpty())
            return failure(QString("--lessons: no lessons could be loaded from %1: %2. Name a directory with "
                                   "migrations.json and one sub-directory per lesson (see lessons/README.md).")
                               .arg(lessonsDir, library->errors.join("; ")));
    } else {
        *library = LessonLoader::loadBuiltIn();
    }

    CliOptions options;
    options.lessonsDir = lessonsDir;
    if (parser.isSet(help)) {
        options.action = Action::ShowHelp;
        options.message = CliUsage::helpText(*library);
        return options;
    }
    if (parser.isSet(version)) {
        options.action = Action::ShowVersion;
        options.message = CliUsage::versionText();
        return options;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return failure("Say what to do: lessons, run, status, migrate or psql.\n\nUsage:\n" + CliUsage::synopsis()
                       + "\n" + CliUsage::seeHelp());
    if (!commands().contains(positional.first()))
        return failure(QString("Unknown command '%1'. Commands: lessons, run, status, migrate, psql, check, try, "
                               "sweep, export, compare, versions, classroom. %2")
                           .arg(positional.first(), CliUsage::seeHelp()));
    options.command = commands().value(positional.first());
    const QSet<QString> allowed = allowedFor(options.command);
    for (const Spec& spec : specs()) {
        if (parser.isSet(spec.name) && !allowed.contains(spec.name))
            return failure(
                QString("--%1 is not an option of '%2'. %3").arg(spec.name, positional.first(), CliUsage::seeHelp()));
    }
    if (options.command == Command::Psql)
        options.psqlArguments = positional.mid(1); // what followed `--`
    else if (options.command != Command::Run && positional.size() > 1)
        return failure(QString("Unexpected argument '%1' after '%2'. %3")
                           .arg(positional.at(1), positional.first(), CliUsage::seeHelp()));
    options.json = parser.isSet("json");

    QString error;
    Checker check(parser, *library, &options, &error);
    bool ok = check.database() && check.count("rows", "rows", &options.rows)
        && check.count("batch-size", "batch_size", &options.batchSize)
        && check.count("pause-ms", "pause_ms", &options.pauseMs) && check.probeSettings() && check.exports();
    if (ok) {
        switch (options.command) {
        case Command::Lessons:
        case Command::Psql:
            break;
        case Command::Run:
            ok = resolveRun(positional, *library, check, &options);
            break;
        case Command::Migrate:
            ok = resolveMigrate(parser, *library, check, &options);
            break;
        case Command::Status:
            if (parser.isSet("lesson")) {
                const Lesson* lesson = CliLibrary::findLesson(*library, parser.value("lesson"));
                if (!lesson)
                    ok = check.fail(QString("There is no lesson '%1'. Lessons: %2.")
                                        .arg(parser.value("lesson"), CliLibrary::lessonList(*library)));
                else
                    options.lessonId = lesson->id;
            }
            break;
        }
    }
    if (!ok)
        return failure(error);
    return options;
}

} // namespace locklab
