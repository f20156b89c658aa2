#include "app/AppController.h"

#include "app/MainWindow.h"
#include "app/StartupController.h"

#include <QMessageBox>
#include <QTimer>

namespace locklab {

AppController::AppController(const LaunchOptions& launch, const LessonLibrary& library, QObject* parent)
    : QObject(parent)
    , m_launch(launch)
    , m_library(library)
{
}

AppController::~AppController()
{
    // The window (and its runner's connections) go before the session that
    // stops the embedded server.
    m_window.reset();
    m_startup.reset();
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
    m_session.reset();
    m_launch = launch;
    start();
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
