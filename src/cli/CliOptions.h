#pragma once

#include "core/lesson/Lesson.h"
#include "core/observe/ProbeSettings.h"
#include "core/server/ServerSession.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace locklab {

// The headless runner's command line, parsed and checked completely before
// anything runs or any server starts: every number against the limits the
// lessons and ProbeSettings declare, lessons and steps against the library,
// --db with libpq. What is wrong is said in `message`, with what to do.
struct CliOptions
{
    enum class Command { Lessons, Run, Status, Migrate, Psql };
    enum class Action { Execute, ShowHelp, ShowVersion, Error };

    Action action = Action::Execute;
    QString message; // help text, version text or the error
    Command command = Command::Lessons;

    LaunchOptions launch;
    QString lessonsDir;
    bool json = false;

    // run: the lesson and its steps (0-based), in the order given
    QString lessonId;
    QList<int> stepIndexes;
    std::optional<qint64> rows;
    std::optional<qint64> batchSize;
    std::optional<qint64> pauseMs;
    ProbeSettings probes;
    QString outDir; // absolute; empty when nothing is exported
    QStringList formats; // png, svg, pdf, csv, json (lower case, no duplicates)

    // migrate: the target and the lesson whose plan it is planned in;
    // status: lessonId restricts the listing when set
    QString target;

    // psql: arguments for psql itself (after `--`), e.g. -c "SELECT 1"
    QStringList psqlArguments;

    // Parses `arguments` (argv, program name first). Loads the lessons
    // (built in, or --lessons DIR) into *library, since lessons, steps and
    // parameter limits come from there.
    static CliOptions parse(const QStringList& arguments, LessonLibrary* library);

    // The step parameters to pass to `step`: only those it declares.
    QVariantMap parametersFor(const LessonStep& step) const;

    static QStringList allFormats() { return { "png", "svg", "pdf", "csv", "json" }; }
};

} // namespace locklab
