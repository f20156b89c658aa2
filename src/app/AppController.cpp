#include "app/AppController.h"

#include "app/MainWindow.h"
#include "app/StartupController.h"

#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace locklab {

AppController::AppController(const LaunchOptions& launch, const LessonLibrary& library, QObject* parent)
    : QObject(parent)
    , m_launch(launch)
    , m_library(library)
{
    connect(&m_closing, &QFutureWatcher<void>::finished, this, &AppController::start);
}

AppController::~AppController()
{
    // The window (and its runner's connections) go before the session that
    // stops the embedded server.
    m_window.reset();
    m_startup.reset();
    // At quit the old server of a reconnect still gets stopped, not orphaned.
    m_closing.disconnect(this);
    m_closing.waitForFinished();
    m_session.reset();
}

void AppController::start()
{
    m_startup = std::make_unique<StartupController>(m_launch);
    connect(m_startup.get(), &StartupController::ready, this, &AppController::onReady);
    connect(m_startup.get(), &StartupController::failed, this, [this]() { emit quitRequested(1); });
    m_startup->start();
}

void AppController::reconnect(const LaunchOptions& launch)
{
    if (m_window && !m_window->detachSession())
        return; // a step is running; the window said so
    m_launch = launch;
    closeSessionThenStart();
}

void AppController::closeSessionThenStart()
{
    if (m_closing.isRunning())
        return; // start() follows when the old server has stopped
    if (!m_session) {
        start();
        return;
    }
    // Stopping the embedded server waits for pg_ctl (up to 70 s): on a pool
    // thread, so the window stays responsive; the new start waits for it,
    // because it may want the same data directory.
    if (m_window && m_session->isEmbedded())
        m_window->statusBar()->showMessage(tr("Stopping LockLab's PostgreSQL before reconnecting ..."));
    std::shared_ptr<ServerSession> closing(m_session.release());
    m_closing.setFuture(QtConcurrent::run([closing]() { closing->close(); }));
}

void AppController::onReady()
{
    m_launch = m_startup->options(); // the user may have switched to the embedded server
    m_session = m_startup->takeSession();
    if (!m_window) {
        m_window = std::make_unique<MainWindow>(*m_session, m_library);
        connect(m_window.get(), &MainWindow::reconnectRequested, this, &AppController::reconnect);
        connect(m_window.get(), &MainWindow::restartServerRequested, this, [this]() { reconnect(m_launch); });
        m_window->show();
    } else {
        m_window->attachSession(*m_session);
    }
    const QString interrupted = m_startup->interruptedMessage();
    if (!interrupted.isEmpty()) {
        QTimer::singleShot(0, m_window.get(), [window = m_window.get(), interrupted]() {
            QMessageBox::information(window, QObject::tr("A step was interrupted"), interrupted);
        });
    }
}

} // namespace locklab
