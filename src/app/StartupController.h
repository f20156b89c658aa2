#pragma once

#include "core/server/ServerSession.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

#include <memory>

class QProgressDialog;
class QWidget;

namespace locklab {

// Brings up the server without freezing the GUI: starts or reaches it on a
// pool thread, shows what is happening, and on failure says what went wrong
// with the choice to retry, switch to the embedded server, or quit.
class StartupController : public QObject
{
    Q_OBJECT
public:
    explicit StartupController(const LaunchOptions& options, QObject* parent = nullptr);
    ~StartupController() override;

    // Tests turn the failure dialog off and read failed() instead.
    void setInteractive(bool interactive) { m_interactive = interactive; }

    void start();
    std::unique_ptr<ServerSession> takeSession() { return std::move(m_session); }
    LaunchOptions options() const { return m_options; }
    // Non-empty when the last session ended in the middle of a step (read at start-up).
    QString interruptedMessage() const { return m_interruptedMessage; }

signals:
    void progress(const QString& message);
    void ready();
    void failed(const QString& error); // the user chose to quit, or not interactive

private:
    // The pool thread's whole result; the GUI thread moves it into its members
    // (shared: QFutureWatcher::result() copies, and Opened is move-only).
    struct Reached
    {
        ServerSession::Opened opened;
        QString interruptedMessage;
    };

    void onOpened();
    void askAfterFailure(const QString& error);

    LaunchOptions m_options;
    bool m_interactive = true;
    std::unique_ptr<ServerSession> m_session;
    QFutureWatcher<std::shared_ptr<Reached>> m_watcher;
    QPointer<QProgressDialog> m_progressDialog;
    QString m_interruptedMessage;
    bool m_passwordWanted = false;
};

} // namespace locklab
