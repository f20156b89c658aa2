#pragma once

#include <QMainWindow>

#include <memory>

class QLabel;

namespace Ui {
class MainWindow;
}

namespace locklab {

class ServerSession;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(ServerSession& session, QWidget* parent = nullptr);
    ~MainWindow() override;

    // The text shown in the status bar about the server (for tests and screenshots).
    QString serverStatusText() const;

private:
    void showAbout();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ServerSession& m_session;
    QLabel* m_serverLabel = nullptr;
};

} // namespace locklab
