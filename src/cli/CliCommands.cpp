#include "cli/CliCommands.h"

#include "cli/CliLibrary.h"
#include "cli/CliUsage.h"
#include "cli/ProgressReporter.h"
#include "cli/PsqlLauncher.h"
#include "cli/RunOutput.h"
#include "cli/StepDriver.h"
#include "core/lesson/CountParser.h"
#include "core/migration/MigrationLedger.h"
#include "core/run/LessonRunner.h"
#include "core/server/PostgresBinaries.h"
#include "core/server/PsqlCommand.h"
#include "core/server/ServerSession.h"
#include "core/server/ShutdownSignals.h"
#include "core/teach/VersionNotes.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>

namespace locklab {

namespace {

void print(const QString& text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

void printJson(const QJsonValue& value)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    std::fprintf(stdout, "%s", document.toJson(QJsonDocument::Indented).constData());
    std::fflush(stdout);
}

QStringList appliedNames(const SchemaSnapshot& snapshot)
{
    QStringList names;
    for (const AppliedMigration& migration : snapshot.applied)
        names << migration.name;
    return names;
}

QString stepHeading(const Lesson& lesson, int index, const QString& title)
{
    return QString("%1 (lesson %2), step %3 of %4: %5")
        .arg(lesson.id)
        .arg(lesson.number)
        .arg(index + 1)
        .arg(lesson.steps.size())
        .arg(title);
}

} // namespace

CliCommands::CliCommands(const CliOptions& options, const LessonLibrary& library, QObject* parent)
    : QObject(parent)
    , m_options(options)
    , m_library(library)
{
    // From here on Ctrl-C cancels cleanly instead of killing the process
    // (which would leave the embedded server running).
    auto* shutdown = new ShutdownSignals(this);
    connect(shutdown, &ShutdownSignals::shutdownRequested, this, &CliCommands::onShutdownRequested);
}

CliCommands::~CliCommands()
{
    closeServer();
}

void CliCommands::error(const QString& message) const
{
    std::fprintf(stderr, "locklab-cli: %s\n", qPrintable(message));
    std::fflush(stderr);
}

void CliCommands::onShutdownRequested()
{
    if (!m_interrupted)
        std::fprintf(stderr, "\nInterrupted: cancelling (an unfinished transaction is rolled back) ...\n");
    m_interrupted = true;
    if (m_driver)
        m_driver->interrupt();
}

int CliCommands::execute()
{
    switch (m_options.command) {
    case CliOptions::Command::Lessons:
        return listLessons();
    case CliOptions::Command::Status:
        return status();
    case CliOptions::Command::Migrate:
        return migrate();
    case CliOptions::Command::Run:
        return run();
    case CliOptions::Command::Psql:
        return psql();
    }
    return Usage;
}

int CliCommands::listLessons()
{
    QJsonArray lessons;
    for (const Lesson& lesson : m_library.lessons) {
        QJsonObject entry { { "number", lesson.number }, { "id", lesson.id }, { "title", lesson.title } };
        if (!lesson.isValid()) {
            entry.insert("error", lesson.error);
            lessons.append(entry);
            if (!m_options.json)
                print(QString("%1  %2  could not be loaded: %3").arg(lesson.number, 2).arg(lesson.id, lesson.error));
            continue;
        }
        if (!m_options.json)
            print(QString("%1  %2: %3").arg(lesson.number, 2).arg(lesson.id, lesson.title));
        QJsonArray steps;
        for (int i = 0; i < lesson.steps.size(); ++i) {
            const LessonStep& step = lesson.steps.at(i);
            const QString kind = stepKindName(step.kind);
            steps.append(
                QJsonObject { { "number", i + 1 }, { "id", step.id }, { "title", step.title }, { "kind", kind } });
            if (!m_options.json)
                print(QString("      %1. %2 %3 %4")
                          .arg(i + 1)
                          .arg(step.id.leftJustified(14), kind.leftJustified(8), step.title));
        }
        entry.insert("steps", steps);
        lessons.append(entry);
    }
    for (const QString& problem : m_library.errors)
        error(problem);
    if (m_options.json)
        printJson(lessons);
    return Success;
}

bool CliCommands::openServer()
{
    m_session = std::make_unique<ServerSession>(m_options.launch);
    m_session->setProgressCallback([](const QString& message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        std::fflush(stderr);
    });
    QString problem;
    if (!m_session->open(&problem)) {
        const bool embedded = m_session->isEmbedded();
        m_session.reset();
        error(QString("%1\n%2\n%3")
                  .arg(embedded ? "Could not start LockLab's embedded PostgreSQL server."
                                : "Could not connect to the PostgreSQL server.",
                       problem,
                       embedded ? "Check the server log named above, or use --data-dir to start a fresh cluster."
                                : "Check --db or the PG* variables (host, port, user, password)."));
        return false;
    }
    std::fprintf(stderr, "Using %s\n", qPrintable(m_session->describe()));
    m_runner = new LessonRunner(m_session->sandboxSettings(), this);
    m_runner->setRowCounts(RowCounts::Exact); // ensureRows compares the count with --rows
    m_runner->setServerVersion(m_session->serverVersion());
    m_runner->setProbeSettings(m_options.probes);
    // The CLI cannot ask mid-run: it warns (and --json records it) and runs.
    m_runner->setPreflight(PreflightCheck::defaultThresholdMs, false);
    connect(m_runner, &LessonRunner::preflightWarning, this, [](const PreflightReport& report) {
        for (const QString& warning : report.warnings())
            std::fprintf(stderr, "Warning: %s\n", qPrintable(warning));
    });
    connect(m_runner, &LessonRunner::sideProblem, this,
            [](const QString& message) { std::fprintf(stderr, "Note: %s\n", qPrintable(message)); });
    m_driver = new StepDriver(m_runner, this);
    m_progress = new ProgressReporter(m_runner, stderr, this);
    // A signal that came while the server was starting is in the queue now.
    QCoreApplication::processEvents();
    if (m_interrupted) {
        m_driver->interrupt();
        return false;
    }
    return true;
}

void CliCommands::closeServer()
{
    // The runner (its threads and connections) goes before the server.
    delete m_progress;
    m_progress = nullptr;
    delete m_driver;
    m_driver = nullptr;
    delete m_runner;
    m_runner = nullptr;
    if (m_session)
        m_session->close();
    m_session.reset();
}

bool CliCommands::readSnapshot(SchemaSnapshot* snapshot)
{
    *snapshot = m_driver->snapshot();
    if (snapshot->error.isEmpty())
        return true;
    error("Could not read the sandbox's tables and ledger: " + snapshot->error);
    return false;
}

QStringList CliCommands::ledgerLines(const QStringList& applied, const QString& onlyLesson) const
{
    // Lessons that share a plan are listed together, like one Django app.
    QList<QStringList> plans;
    QList<QStringList> owners;
    for (const Lesson& lesson : m_library.lessons) {
        if (!lesson.isValid() || lesson.plan.isEmpty() || (!onlyLesson.isEmpty() && lesson.id != onlyLesson))
            continue;
        const int index = int(plans.indexOf(lesson.plan));
        if (index >= 0) {
            owners[index] << lesson.id;
        } else {
            plans << lesson.plan;
            owners << QStringList { lesson.id };
        }
    }
    QStringList lines;
    for (int i = 0; i < plans.size(); ++i) {
        lines << owners.at(i).join(", ");
        for (const QString& line : MigrationLedger::describe(plans.at(i), applied))
            lines << " " + line;
    }
    return lines;
}

int CliCommands::psql()
{
    if (!openServer())
        return Failure;
    std::fprintf(stderr, "Opening psql on the sandbox database; the server keeps running until you quit psql (\\q).\n");
    // The server stays up (and this process waits) for as long as psql runs.
    return PsqlLauncher::run(m_session->sandboxSettings(), PostgresBinaries::discover().binDir(),
                             m_options.psqlArguments);
}

int CliCommands::status()
{
    SchemaSnapshot snapshot;
    if (!openServer() || !readSnapshot(&snapshot))
        return Failure;
    const QStringList applied = appliedNames(snapshot);
    const ConnectionBudget::Room room = m_session->room();
    const QString connections = QString("%1 The server has room for %2 more (max_connections %3, %4 in use).")
                                    .arg(ConnectionBudget::describe(m_options.probes))
                                    .arg(room.available())
                                    .arg(room.maxConnections)
                                    .arg(room.used);
    const ConnectionSettings sandbox = m_session->sandboxSettings();
    const QString psqlLine = PsqlCommand::commandLine(sandbox, PostgresBinaries::discover().binDir());
    if (!m_options.json) {
        print(m_session->describe());
        print(connections);
        print("Connection: " + PsqlCommand::connectionUri(sandbox));
        print(
            "psql: " + psqlLine
            + (m_session->isEmbedded() ? "   (while LockLab runs; 'locklab-cli psql' starts the server for you)" : ""));
        for (const QString& line : ledgerLines(applied, m_options.lessonId))
            print(line);
        return Success;
    }
    QJsonArray appliedJson;
    for (const AppliedMigration& migration : snapshot.applied)
        appliedJson.append(QJsonObject { { "name", migration.name },
                                         { "applied_at", migration.appliedAt.toString(Qt::ISODateWithMs) },
                                         { "duration_ms", migration.durationMs } });
    QJsonArray lessons;
    for (const Lesson& lesson : m_library.lessons) {
        if (!lesson.isValid() || (!m_options.lessonId.isEmpty() && lesson.id != m_options.lessonId))
            continue;
        QJsonArray plan;
        for (const QString& name : lesson.plan)
            plan.append(QJsonObject { { "name", name }, { "applied", applied.contains(name) } });
        lessons.append(QJsonObject { { "lesson", lesson.id }, { "plan", plan } });
    }
    printJson(QJsonObject { { "server", m_session->describe() },
                            { "connection", PsqlCommand::connectionUri(sandbox) },
                            { "psql", psqlLine },
                            { "applied", appliedJson },
                            { "lessons", lessons },
                            { "connections_used", ConnectionBudget::connectionsUsed(m_options.probes) },
                            { "connections_available", room.available() },
                            { "connections", connections } });
    return Success;
}

int CliCommands::migrate()
{
    if (!openServer())
        return Failure;
    const Lesson* lesson = m_library.lesson(m_options.lessonId);
    const LessonStep step = migrationStep(*lesson, m_options.target);

    RunOutput output(m_options.json);
    output.set("command", "migrate");
    output.set("target", m_options.target);
    output.set("lesson", lesson->id);
    output.set("server", m_session->describe());
    m_progress->beginStep(QString("%1 (plan of lesson %2 '%3')").arg(step.title, lesson->id, lesson->title));
    const StepDriver::Result result = m_driver->run(*lesson, step, m_library.migrations, m_options.parametersFor(step));
    if (!result.started) {
        m_progress->endStep(QString());
        error(result.error);
        return Failure;
    }
    m_progress->endStep(RunOutput::finishLine(result.outcome));
    output.addStep(step.title, RunSummary(result.record), result.outcome, {});
    if (result.snapshot.error.isEmpty()) {
        const QStringList applied = appliedNames(result.snapshot);
        output.set("applied", QJsonArray::fromStringList(applied));
        output.line(QString());
        for (const QString& line : ledgerLines(applied, QString()))
            output.line(line);
    }
    const bool ok = result.ok() && !m_driver->interrupted();
    output.finish(ok);
    return ok ? Success : Failure;
}

bool CliCommands::ensureRows(const Lesson& lesson, const SchemaSnapshot& snapshot)
{
    int seedIndex = -1;
    const Lesson* seed = CliLibrary::seedLesson(m_library, &seedIndex);
    const QString table = lesson.mainTable();
    const TableInfo* main = snapshot.table(table);
    const bool exists = main && main->exists;
    if (exists && (!m_options.rows || main->rowCount == *m_options.rows))
        return true;
    if (!seed) {
        error(QString("%1 does not exist and no seed lesson could be loaded to create it.").arg(table));
        return false;
    }
    const LessonStep& step = seed->steps.at(seedIndex);
    const LessonParameter* rowsParameter = step.parameter("rows");
    const qint64 rows = m_options.rows ? *m_options.rows : rowsParameter ? rowsParameter->defaultValue : 0;
    m_progress->note(exists ? QString("%1 has %2 rows, not %3: seeding it first (lesson %4, not exported).")
                                  .arg(table, CountParser::format(main->rowCount), CountParser::format(rows), seed->id)
                            : QString("%1 does not exist yet: seeding %2 rows first (lesson %3, not "
                                      "exported; --rows chooses the count).")
                                  .arg(table, CountParser::format(rows), seed->id));
    QVariantMap parameters;
    if (rowsParameter)
        parameters.insert("rows", rows);
    m_progress->beginStep(stepHeading(*seed, seedIndex, step.title));
    const StepDriver::Result result = m_driver->run(m_library, seed->id, seedIndex, parameters);
    m_progress->endStep(result.started ? RunOutput::finishLine(result.outcome) : QString());
    if (!result.ok()) {
        error(QString("Seeding %1 failed, so the lesson did not run. ").arg(table)
              + (result.started ? RunOutput::outcomeText(result.outcome) : result.error));
        return false;
    }
    return true;
}

int CliCommands::run()
{
    if (!openServer())
        return Failure;
    const Lesson* lesson = m_library.lesson(m_options.lessonId);
    RunOutput output(m_options.json);
    output.set("command", "run");
    output.set("lesson", lesson->id);
    output.set("server", m_session->describe());
    output.set("locklab_version", LOCKLAB_VERSION);

    SchemaSnapshot snapshot;
    m_runner->setTables(lesson->tables);
    if (!readSnapshot(&snapshot))
        return Failure;
    const bool seedsItself = std::any_of(lesson->steps.cbegin(), lesson->steps.cend(),
                                         [](const LessonStep& step) { return step.kind == StepKind::Seed; });
    if (!seedsItself && !ensureRows(*lesson, snapshot)) {
        output.finish(false);
        return Failure;
    }

    bool ok = true;
    for (int index : m_options.stepIndexes) {
        if (m_driver->interrupted()) {
            ok = false;
            break;
        }
        const LessonStep& step = lesson->steps.at(index);
        const QString heading = stepHeading(*lesson, index, step.title);
        // A step for a newer PostgreSQL is not a failure of this run: say so and go on.
        const QString shortfall = step.versionShortfall(VersionNotes::majorOfNumber(m_session->serverVersionNumber()));
        if (!shortfall.isEmpty()) {
            output.addSkipped(heading, step.id, shortfall);
            continue;
        }
        m_progress->beginStep(heading);
        const StepDriver::Result result = m_driver->run(m_library, lesson->id, index, m_options.parametersFor(step));
        if (!result.started) {
            m_progress->endStep(QString());
            error(result.error);
            ok = false;
            break;
        }
        m_progress->endStep(RunOutput::finishLine(result.outcome));
        // The run's statistics, computed once for its files, its verdict and its prediction.
        const RunSummary summary(result.record);
        QStringList problems;
        const QStringList files = RunOutput::exportRecord(summary, m_options.outDir, m_options.formats, &problems);
        for (const QString& problem : problems)
            error(problem);
        output.addStep(heading, summary, result.outcome, files);
        output.addPrediction(step.teaching.prediction, summary);
        // A step that shows a failure (VALIDATE meeting a NULL) is not a reason to stop.
        const bool failedAsLessonExpects = result.record.failedAsExpected;
        if (failedAsLessonExpects)
            output.line("  Failed as the lesson expects (SQLSTATE " + step.expectedError + ").");
        if ((!result.ok() && !failedAsLessonExpects) || !problems.isEmpty()) {
            ok = false;
            break;
        }
    }
    if (m_driver->interrupted())
        ok = false;
    output.finish(ok);
    if (!ok && m_driver->interrupted())
        error("Cancelled. Run the command again to start over; 'locklab-cli status' shows the ledger.");
    return ok ? Success : Failure;
}

} // namespace locklab
