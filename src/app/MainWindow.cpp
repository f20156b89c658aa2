#include "MainWindow.h"

#include "ServerSession.h"
#include "ui_MainWindow.h"

#include <QApplication>
#include <QLabel>
#include <QMessageBox>

namespace locklab {

MainWindow::MainWindow(ServerSession& session, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_session(session)
{
    m_ui->setupUi(this);
    m_serverLabel = new QLabel(this);
    m_serverLabel->setObjectName("serverStatusLabel");
    m_serverLabel->setText(session.describe());
    m_serverLabel->setToolTip(session.sandboxNote());
    statusBar()->addPermanentWidget(m_serverLabel);
    m_ui->welcomeLabel->setText(
        tr("<h2>LockLab</h2><p>Connected to %1.</p><p>Sandbox: %2</p>")
            .arg(session.describe().toHtmlEscaped(), session.sandboxSettings().displayString().toHtmlEscaped()));

    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
}

MainWindow::~MainWindow() = default;

QString MainWindow::serverStatusText() const
{
    return m_serverLabel->text();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About LockLab"),
                       tr("<h3>LockLab %1</h3><p>Learn zero-downtime PostgreSQL migrations by doing them.</p>"
                          "<p>Qt %2<br>%3</p>")
                           .arg(QApplication::applicationVersion(), qVersion(), m_session.describe().toHtmlEscaped()));
}

} // namespace locklab
