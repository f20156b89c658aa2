#pragma once

#include "cli/CliOptions.h"
#include "core/lesson/Lesson.h"
#include "core/migration/SchemaSnapshot.h"

#include <QObject>
#include <memory>

namespace locklab {

class LessonRunner;
class ProgressReporter;
class ServerSession;
class StepDriver;

// The commands of locklab-cli on checked options: `lessons` needs no server;
// `run`, `status` and `migrate` open the server (embedded or --db/PG*),
// work through a LessonRunner like the window and stop the embedded server
// when done, also after Ctrl-C. execute() returns the exit status.
class CliCommands : public QObject
{
    Q_OBJECT
public:
    CliCommands(const CliOptions& options, const LessonLibrary& library, QObject* parent = nullptr);
    ~CliCommands() override;

    int execute();

    enum ExitStatus { Success = 0, Failure = 1, Usage = 2 };

private:
    int listLessons();
    int status();
    int psql();
    int migrate();
    int run();

    bool openServer();
    void closeServer();
    bool readSnapshot(SchemaSnapshot* snapshot);
    // Seeds the lesson's main table first when --rows asks for a count it does not have
    // (or it does not exist); false when seeding failed or was cancelled.
    bool ensureRows(const Lesson& lesson, const SchemaSnapshot& snapshot);
    QStringList ledgerLines(const QStringList& applied, const QString& onlyLesson) const;
    void onShutdownRequested();
    void error(const QString& message) const;

    CliOptions m_options;
    LessonLibrary m_library;
    std::unique_ptr<ServerSession> m_session;
    LessonRunner* m_runner = nullptr;
    StepDriver* m_driver = nullptr;
    ProgressReporter* m_progress = nullptr;
    bool m_interrupted = false;
};

} // namespace locklab
