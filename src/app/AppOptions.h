#pragma once

#include "core/server/ServerSession.h"

#include <QString>
#include <QStringList>

namespace locklab {

// The GUI's command line. Parsed before any window exists so that --help and
// --version work without a display.
struct AppOptions
{
    LaunchOptions launch;
    QString lessonsDir; // --lessons: load lessons from here instead of the built-in ones

    enum class Action { Run, OpenSession, ShowHelp, ShowVersion, Error };
    Action action = Action::Run;
    QString message; // help text, version text or the error
    QString sessionFile; // OpenSession: absolute path of the .locklab file

    static AppOptions parse(const QStringList& arguments);
};

} // namespace locklab
