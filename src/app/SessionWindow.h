#pragma once

#include "core/session/SessionFile.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QTableWidget;

namespace locklab {

class LatencyPanel;
class SessionMenu;
class StatementTable;

// A saved session, shown without a server: the runs on the left; for the
// selected one its chart and figures, verdict, statements and locks; and
// from the file alone: Compare with…, Copy chart, Export, and the sweep plot
// when the session holds a sweep. Opened by File › Open session… and by
// `locklab SESSION.locklab` (a double-click on the file).
class SessionWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit SessionWindow(QWidget* parent = nullptr);

    void setSession(const Session& session, const QString& path);
    const Session& session() const { return m_session; }
    void selectRun(int index);
    int currentRun() const { return m_current; }
    LatencyPanel* latencyPanel() const { return m_latency; }
    QString verdictText() const;
    QTableWidget* lockTable() const { return m_locks; }
    SessionMenu* sessionMenu() const { return m_menu; }

private:
    void compare();
    void exportRun();
    void copyChart();

    Session m_session;
    QString m_path;
    int m_current = -1;
    QListWidget* m_runs;
    LatencyPanel* m_latency;
    QLabel* m_verdict;
    StatementTable* m_statements;
    QTableWidget* m_locks;
    SessionMenu* m_menu;
    QAction* m_sweepAction = nullptr;
};

} // namespace locklab
