#pragma once

#include "TestServer.h"
#include "app/MainWindow.h"
#include "app/StartupController.h"
#include "core/lesson/LessonLoader.h"
#include "core/server/ServerSession.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <sys/stat.h>

namespace locklab::test {

// A MainWindow on its own embedded cluster in a scratch directory, without
// the rest of the app (for that, EmbeddedAppFixture). The session comes from
// ServerSession::open() directly, or through StartupController as the app
// starts it; the window is made, then shown, so a test can set it up between.
class EmbeddedWindowFixture
{
public:
    // Opens the session on the GUI thread; false with *error when it cannot.
    bool open(const QString& scratchPrefix, QString* error)
    {
        m_session = std::make_unique<ServerSession>(options(scratchPrefix));
        return m_session->open(error);
    }

    // The same through StartupController, non-interactive, as the app starts
    // (the server comes up on a pool thread); waits a minute at most.
    bool startUp(const QString& scratchPrefix, QString* error)
    {
        m_startup = std::make_unique<StartupController>(options(scratchPrefix));
        m_startup->setInteractive(false);
        QSignalSpy ready(m_startup.get(), &StartupController::ready);
        QSignalSpy failed(m_startup.get(), &StartupController::failed);
        m_startup->start();
        if (!QTest::qWaitFor([&]() { return !ready.isEmpty() || !failed.isEmpty(); }, 60000)) {
            *error = "the server did not start within 60 s";
            return false;
        }
        if (!failed.isEmpty()) {
            *error = failed.first().first().toString();
            return false;
        }
        m_session = m_startup->takeSession();
        return true;
    }

    MainWindow* createWindow(const LessonLibrary& library)
    {
        m_window = std::make_unique<MainWindow>(*m_session, library);
        return m_window.get();
    }

    // Resizes the window to `size` (an invalid size keeps its own), shows it
    // and waits until it is on screen.
    bool show(const QSize& size = QSize(1440, 900))
    {
        if (size.isValid())
            m_window->resize(size);
        m_window->show();
        return QTest::qWaitForWindowExposed(m_window.get());
    }

    MainWindow* window() const { return m_window.get(); }
    ServerSession* session() const { return m_session.get(); }

    // The window goes first: it still talks to the session while it closes.
    void close()
    {
        m_window.reset();
        m_session.reset();
    }

private:
    LaunchOptions options(const QString& scratchPrefix)
    {
        m_scratch = std::make_unique<QTemporaryDir>(TestServer::scratchParent() + "/" + scratchPrefix + "-XXXXXX");
        ::chmod(QFile::encodeName(m_scratch->path()).constData(), 0755);
        LaunchOptions options;
        options.dataDir = m_scratch->filePath("cluster");
        options.forceEmbedded = true;
        return options;
    }

    // Destroyed bottom up: window, session, then the controller whose
    // progress callback the session may still call, then the cluster's files.
    std::unique_ptr<QTemporaryDir> m_scratch;
    std::unique_ptr<StartupController> m_startup;
    std::unique_ptr<ServerSession> m_session;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace locklab::test
