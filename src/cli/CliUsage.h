#pragma once

#include "core/lesson/Lesson.h"

#include <QString>

namespace locklab {

// The headless runner's help. Defaults and limits are read from the lessons
// (the seed step's rows, the backfill's batch size and pause) and from
// ProbeSettings, so the help cannot drift from what the options accept.
class CliUsage
{
public:
    static QString helpText(const LessonLibrary& library);
    static QString versionText();
    // The lines under "Usage:", for errors that should remind of them.
    static QString synopsis();
    // What to append to a usage error.
    static QString seeHelp() { return "Run 'locklab-cli --help' for the commands and options."; }
    // "from 1,000 to 50,000,000 rows; default 1,000,000"
    static QString limits(const LessonParameter& parameter);
};

} // namespace locklab
