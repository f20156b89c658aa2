#pragma once

#include "app/PresenterView.h"
#include "core/lesson/Lesson.h"
#include "core/run/RunRecord.h"
#include "core/server/ConnectionSettings.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;
class QWidget;

namespace locklab {

class LessonRunner;
class SessionMenu;

// The main window's workshop actions, kept out of MainWindow: File › Open /
// Save session and Open recent, "Compare with…" (menu and toolbar), Copy
// chart (Ctrl+Shift+C and the chart's context menu). MainWindow hands over
// where they go and two views of its state: every recorded run, and the run
// on screen.
class WorkshopActions : public QObject
{
    Q_OBJECT
public:
    struct Places
    {
        QMenu* fileMenu = nullptr;
        QAction* fileBefore = nullptr; // session actions go before this one
        QMenu* runMenu = nullptr;
        QToolBar* toolBar = nullptr;
        QWidget* chart = nullptr; // gets "Copy chart" in its context menu
        QMenu* menuAfterView = nullptr; // View (Presenter mode) goes before this menu
    };

    WorkshopActions(QMainWindow* window, const Places& places, std::function<QList<RunRecord>()> runs,
                    std::function<const RunRecord*()> shown);

    // What a sweep runs on; runner is null while there is no server.
    struct SweepSource
    {
        LessonRunner* runner = nullptr;
        LessonLibrary library;
        ConnectionSettings sandbox;
    };
    void setSweepSource(std::function<SweepSource()> source) { m_sweepSource = std::move(source); }
    void setPresenterSource(std::function<PresenterView::Content()> source) { m_presenterSource = std::move(source); }
    PresenterView* presenter() const { return m_presenter; }
    // The recorded runs plus the runs of the sweeps made in this window.
    QList<RunRecord> sessionRuns() const;

    SessionMenu* sessionMenu() const { return m_sessions; }
    QAction* sweepAction() const { return m_sweep; }
    QAction* compareAction() const { return m_compare; }
    QAction* copyChartAction() const { return m_copy; }

    void compare();
    void copyChart();
    void sweep();
    void togglePresenter();

private:
    QMainWindow* m_window;
    std::function<QList<RunRecord>()> m_runs;
    std::function<const RunRecord*()> m_shown;
    SessionMenu* m_sessions;
    QAction* m_compare;
    QAction* m_copy;
    QAction* m_sweep;
    std::function<SweepSource()> m_sweepSource;
    std::function<PresenterView::Content()> m_presenterSource;
    QPointer<PresenterView> m_presenter;
    QAction* m_present = nullptr;
    QList<RunRecord> m_sweepRuns;
};

} // namespace locklab
