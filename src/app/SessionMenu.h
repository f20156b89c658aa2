#pragma once

#include "core/session/SessionFile.h"

#include <QObject>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace locklab {

// File › Save session…, Open session…, Open recent: the menu side of session
// files (SessionFile). Saving asks `runs` for the session's recorded runs;
// opening reads the file and emits opened() — or, when the file is damaged,
// truncated or from a newer LockLab, says so in a message box and changes
// nothing else. The recent list (ten files) lives in QSettings.
class SessionMenu : public QObject
{
    Q_OBJECT
public:
    SessionMenu(QWidget* window, std::function<QList<RunRecord>()> runs, QObject* parent = nullptr);

    // Adds the actions to `menu` before `before` (or at the end).
    void install(QMenu* menu, QAction* before = nullptr);

    // Without dialogs, for tests and the command line; false with *error.
    bool saveTo(const QString& path, QString* error);
    bool openFile(const QString& path); // shows the error itself

    static QStringList recentFiles();
    static void addRecentFile(const QString& path);

    QAction* saveAction() const { return m_save; }
    QAction* openAction() const { return m_open; }

signals:
    void opened(const locklab::Session& session, const QString& path);

private:
    void save();
    void open();
    void fillRecentMenu();

    QWidget* m_window;
    std::function<QList<RunRecord>()> m_runs;
    QAction* m_save = nullptr;
    QAction* m_open = nullptr;
    QMenu* m_recent = nullptr;
};

} // namespace locklab
