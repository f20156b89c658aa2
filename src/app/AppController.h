#pragma once

#include "app/AppOptions.h"
#include "core/lesson/Lesson.h"
#include "core/server/ServerSession.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

namespace locklab {

class MainWindow;
class StartupController;

// Owns the session with the server and the main window, and swaps the
// session underneath the window when the user reconnects (another server, or
// the embedded one restarted after it died) without losing the runs shown.
class AppController : public QObject
{
    Q_OBJECT
public:
    AppController(const LaunchOptions& launch, const LessonLibrary& library, QObject* parent = nullptr);
    ~AppController() override;

    void start();
    void reconnect(const LaunchOptions& launch);
    MainWindow* window() const { return m_window.get(); }
    // A reconnect is stopping the old session's server (on a pool thread).
    bool isClosingSession() const { return m_closing.isRunning(); }

signals:
    void quitRequested(int exitCode);

private:
    void onReady();
    void closeSessionThenStart();

    LaunchOptions m_launch;
    LessonLibrary m_library;
    std::unique_ptr<StartupController> m_startup;
    std::unique_ptr<ServerSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QFutureWatcher<void> m_closing; // the old session's server stopping after a reconnect
};

} // namespace locklab
