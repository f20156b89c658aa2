#include "app/StartupController.h"

#include "core/observe/QueuedCall.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

namespace locklab {

StartupController::StartupController(const LaunchOptions& options, QObject* parent)
    : QObject(parent)
    , m_options(options)
{
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Reached>>::finished, this, &StartupController::onOpened);
}

StartupController::~StartupController()
{
    m_watcher.waitForFinished();
}

void StartupController::start()
{
    m_session = std::make_unique<ServerSession>(m_options);
    m_session->setProgressCallback(
        [this](const QString& message) { postCall(this, [this, message]() { emit progress(message); }); });

    if (m_interactive && !m_progressDialog) {
        m_progressDialog = new QProgressDialog(tr("Starting LockLab's PostgreSQL ..."), QString(), 0, 0);
        m_progressDialog->setWindowTitle(tr("LockLab"));
        m_progressDialog->setMinimumDuration(300);
        m_progressDialog->setAutoClose(false);
        m_progressDialog->setMinimumWidth(520);
        connect(this, &StartupController::progress, m_progressDialog, &QProgressDialog::setLabelText);
    }
    if (m_progressDialog)
        m_progressDialog->setValue(0);

    // The pool thread only reads the session; everything it finds comes back
    // as the future's value and onOpened() hands it to the session.
    const ServerSession* session = m_session.get();
    m_interruptedMessage.clear();
    m_passwordWanted = false;
    m_watcher.setFuture(QtConcurrent::run([session]() {
        auto reached = std::make_shared<Reached>(Reached { session->reach(), QString() });
        ServerSession::Opened& opened = reached->opened;
        // Said once, then forgotten: the next start must not repeat it.
        if (opened.ok && opened.interrupted) {
            reached->interruptedMessage = opened.interrupted->message();
            QString ignored;
            if (ServerSession::clearInterruptedStep(opened.sandbox.settings, &ignored))
                opened.interrupted.reset();
        }
        return reached;
    }));
}

void StartupController::onOpened()
{
    Reached reached = std::move(*m_watcher.result());
    const bool ok = reached.opened.ok;
    const QString error = reached.opened.error;
    m_passwordWanted = reached.opened.passwordWanted;
    m_interruptedMessage = reached.interruptedMessage;
    m_session->adopt(std::move(reached.opened));
    if (ok) {
        delete m_progressDialog;
        emit ready();
        return;
    }
    m_session.reset();
    if (!m_interactive) {
        emit failed(error);
        return;
    }
    m_progressDialog->hide();
    askAfterFailure(error);
}

void StartupController::askAfterFailure(const QString& error)
{
    const bool external = ServerSession::modeFor(m_options) == ServerSession::Mode::External;
    QMessageBox box(QMessageBox::Critical, tr("LockLab could not reach PostgreSQL"),
                    external ? tr("LockLab could not connect to the PostgreSQL server.")
                             : tr("LockLab could not start its embedded PostgreSQL server."));
    box.setInformativeText(error);
    QPushButton* retry = box.addButton(tr("Retry"), QMessageBox::AcceptRole);
    // A missing or refused password: ask for one (used for this session only, never saved).
    QPushButton* password = external && m_passwordWanted
        ? box.addButton(tr("Enter password..."), QMessageBox::ActionRole)
        : nullptr;
    QPushButton* embedded = external ? box.addButton(tr("Use the embedded server"), QMessageBox::ActionRole) : nullptr;
    QPushButton* quit = box.addButton(tr("Quit"), QMessageBox::RejectRole);
    box.setDefaultButton(retry);
    box.exec();

    if (box.clickedButton() == retry) {
        start();
    } else if (password && box.clickedButton() == password) {
        bool ok = false;
        const QString typed = QInputDialog::getText(nullptr, tr("Password"),
                                                    tr("Password for the PostgreSQL server (not saved; put it in "
                                                       "~/.pgpass to skip this):"),
                                                    QLineEdit::Password, QString(), &ok);
        if (ok)
            m_options.password = typed;
        start();
    } else if (embedded && box.clickedButton() == embedded) {
        m_options.connectionString.clear();
        m_options.forceEmbedded = true;
        start();
    } else {
        Q_UNUSED(quit);
        delete m_progressDialog;
        emit failed(error);
    }
}

} // namespace locklab
