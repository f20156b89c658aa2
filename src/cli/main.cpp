// locklab-cli-full: every command of locklab-cli but `check`, which the
// launcher (launcher_main.cpp) answers itself; the launcher execs this program
// with the same arguments.

#include "cli/ClassroomCommand.h"
#include "cli/CliCommands.h"
#include "cli/CliOptions.h"
#include "cli/SessionCommands.h"
#include "cli/SweepCommand.h"
#include "cli/TryCommand.h"
#include "cli/VersionsCommand.h"

#include <QApplication>
#include <cstdio>
#include <memory>

using namespace locklab;

static void setApplicationIdentity()
{
    QCoreApplication::setApplicationName("LockLab");
    QCoreApplication::setOrganizationName("LockLab");
    QCoreApplication::setApplicationVersion(LOCKLAB_VERSION);
}

int main(int argc, char* argv[])
{
    // Commands with their own options, outside the lesson runner's.
    if (argc > 1 && qstrcmp(argv[1], "versions") == 0) {
        QCoreApplication app(argc, argv);
        setApplicationIdentity();
        return VersionsCommand::main(QCoreApplication::arguments());
    }
    if (argc > 1 && qstrcmp(argv[1], "classroom") == 0) {
        // A GUI application on the offscreen platform renders the PDF sheet.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        setApplicationIdentity();
        return ClassroomCommand::main(QCoreApplication::arguments());
    }
    if (argc > 1 && qstrcmp(argv[1], "try") == 0) {
        // Chart exports need a platform; the offscreen one needs no display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        setApplicationIdentity();
        return TryCommand::run(QCoreApplication::arguments().mid(2));
    }
    // The workshop commands (saved sessions, sweeps) parse their own options.
    QStringList raw;
    for (int i = 0; i < argc; ++i)
        raw << QString::fromLocal8Bit(argv[i]);
    if (SessionCommands::handles(raw) || SweepCommand::handles(raw)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        setApplicationIdentity();
        return SessionCommands::handles(raw) ? SessionCommands::execute(app.arguments())
                                             : SweepCommand::execute(app.arguments());
    }

    LessonLibrary library;
    CliOptions options;
    {
        // Options are parsed and checked with a core application only:
        // --help, --version and usage errors need no platform at all.
        QCoreApplication parserApp(argc, argv);
        setApplicationIdentity();
        options = CliOptions::parse(QCoreApplication::arguments(), &library);
    }
    switch (options.action) {
    case CliOptions::Action::ShowHelp:
    case CliOptions::Action::ShowVersion:
        std::fprintf(stdout, "%s\n", qPrintable(options.message.trimmed()));
        return CliCommands::Success;
    case CliOptions::Action::Error:
        std::fprintf(stderr, "locklab-cli: %s\n", qPrintable(options.message));
        return CliCommands::Usage;
    case CliOptions::Action::Execute:
        break;
    }

    // Charts are rendered with Qt Widgets, which need a platform; the
    // offscreen one needs no display, so exports work over ssh and in CI.
    std::unique_ptr<QCoreApplication> app;
    if (options.command == CliOptions::Command::Run && !options.formats.isEmpty()) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    setApplicationIdentity();
    CliCommands commands(options, library);
    return commands.execute();
}
