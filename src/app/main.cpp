#include "app/AppController.h"
#include "app/AppOptions.h"
#include "app/SessionMenu.h"
#include "app/SessionWindow.h"
#include "core/lesson/LessonLoader.h"
#include "core/server/SavedSettings.h"
#include "core/server/ShutdownSignals.h"
#include "core/session/SessionFile.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QIcon>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace locklab;

namespace {
// LOCKLAB_EXIT_WHEN_SHOWN=1 (the start-up benchmark): once the main window
// has been shown and the events that brings handled, print how long that
// took since main() began and quit.
class ExitWhenShown : public QObject
{
public:
    explicit ExitWhenShown(const QElapsedTimer& sinceStart)
        : m_sinceStart(sinceStart)
    {
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (!m_shown && event->type() == QEvent::Show && watched->inherits("QMainWindow")) {
            m_shown = true;
            QTimer::singleShot(0, this, [this]() {
                std::fprintf(stderr, "window shown after %lld ms\n", m_sinceStart.elapsed());
                QCoreApplication::quit();
            });
        }
        return false;
    }

private:
    QElapsedTimer m_sinceStart;
    bool m_shown = false;
};
} // namespace

static void setApplicationIdentity()
{
    QCoreApplication::setApplicationName("LockLab");
    QCoreApplication::setOrganizationName("LockLab");
    QCoreApplication::setApplicationVersion(LOCKLAB_VERSION);
}

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    AppOptions options;
    {
        // Parse with a core application only, so --help and --version need no display.
        QCoreApplication parserApp(argc, argv);
        setApplicationIdentity();
        options = AppOptions::parse(QCoreApplication::arguments());
    }
    switch (options.action) {
    case AppOptions::Action::ShowHelp:
    case AppOptions::Action::ShowVersion:
        std::fprintf(stdout, "%s\n", qPrintable(options.message));
        return 0;
    case AppOptions::Action::Error:
        std::fprintf(stderr, "locklab: %s\n", qPrintable(options.message));
        return 2;
    case AppOptions::Action::Run:
    case AppOptions::Action::OpenSession:
        break;
    }

    QApplication app(argc, argv);
    setApplicationIdentity();
    QGuiApplication::setDesktopFileName("locklab");
    QApplication::setWindowIcon(QIcon(":/icons/locklab.svg"));
    ExitWhenShown exitWhenShown(sinceStart);
    if (qEnvironmentVariableIsSet("LOCKLAB_EXIT_WHEN_SHOWN"))
        app.installEventFilter(&exitWhenShown);

    if (options.action == AppOptions::Action::OpenSession) {
        // A saved session is shown from the file alone: no server is started.
        Session session;
        QString error;
        if (!SessionFile::load(options.sessionFile, &session, &error)) {
            QMessageBox::critical(nullptr, QObject::tr("Session not opened"), error);
            return 1;
        }
        SessionMenu::addRecentFile(options.sessionFile);
        auto* window = new SessionWindow;
        window->setSession(session, options.sessionFile);
        window->show();
        return app.exec();
    }

    ShutdownSignals signalWatcher;
    QObject::connect(&signalWatcher, &ShutdownSignals::shutdownRequested, &app, &QCoreApplication::quit);

    LessonLibrary library = LessonLoader::loadBuiltIn();
    if (!options.lessonsDir.isEmpty()) {
        LessonLibrary fromDir = LessonLoader::loadDirectory(options.lessonsDir);
        if (fromDir.lessons.isEmpty()) {
            QMessageBox::warning(nullptr, QObject::tr("Lessons not loaded"),
                                 QObject::tr("No lessons could be loaded from %1:\n\n%2\n\nLockLab uses its "
                                             "built-in lessons instead.")
                                     .arg(options.lessonsDir, fromDir.errors.join('\n')));
        } else {
            library = fromDir;
        }
    }

    // A server chosen in the settings is used when the command line and the
    // environment name none.
    LaunchOptions launch = options.launch;
    const SavedSettings saved = SavedSettings::load();
    if (launch.connectionString.isEmpty() && !launch.forceEmbedded && saved.useServer
        && ServerSession::modeFor(launch) == ServerSession::Mode::Embedded)
        launch.connectionString = saved.serverConnectionString();
    if (launch.pgBinDir.isEmpty())
        launch.pgBinDir = saved.pgBinDir;
    launch.connectionsNeeded = ConnectionBudget::connectionsUsed(saved.probes);

    AppController controller(launch, library);
    QObject::connect(&controller, &AppController::quitRequested, &app, &QCoreApplication::exit);
    controller.start();

    return app.exec();
}
