#include "app/WorkshopActions.h"

#include "app/CompareDialog.h"
#include "app/SessionMenu.h"
#include "app/SessionWindow.h"
#include "app/SweepDialog.h"
#include "charts/ChartClipboard.h"
#include "charts/ChartPage.h"
#include "core/run/LessonRunner.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>

namespace locklab {

WorkshopActions::WorkshopActions(QMainWindow* window, const Places& places, std::function<QList<RunRecord>()> runs,
                                 std::function<const RunRecord*()> shown)
    : QObject(window)
    , m_window(window)
    , m_runs(std::move(runs))
    , m_shown(std::move(shown))
{
    m_sessions = new SessionMenu(
        window, [this]() { return sessionRuns(); }, this);
    if (places.fileMenu)
        m_sessions->install(places.fileMenu, places.fileBefore);
    connect(m_sessions, &SessionMenu::opened, this, [](const Session& session, const QString& path) {
        auto* viewer = new SessionWindow;
        viewer->setSession(session, path);
        viewer->show();
    });

    m_compare = new QAction(tr("Compare with..."), this);
    m_compare->setObjectName("actionCompare");
    m_compare->setToolTip(tr("Overlay two or more recorded runs on one chart"));
    connect(m_compare, &QAction::triggered, this, &WorkshopActions::compare);
    m_copy = new QAction(tr("Copy chart"), this);
    m_copy->setObjectName("actionCopyChart");
    m_copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copy->setShortcutContext(Qt::WindowShortcut);
    connect(m_copy, &QAction::triggered, this, &WorkshopActions::copyChart);
    m_sweep = new QAction(tr("Sweep table sizes..."), this);
    m_sweep->setObjectName("actionSweep");
    m_sweep->setToolTip(tr("Run one step at several table sizes and plot the stall against rows"));
    connect(m_sweep, &QAction::triggered, this, &WorkshopActions::sweep);
    if (places.runMenu) {
        places.runMenu->addSeparator();
        places.runMenu->addAction(m_compare);
        places.runMenu->addAction(m_sweep);
        places.runMenu->addAction(m_copy);
    }
    if (places.toolBar)
        places.toolBar->addAction(m_compare);
    if (places.chart) {
        places.chart->addAction(m_copy);
        places.chart->setContextMenuPolicy(Qt::ActionsContextMenu);
    }
    window->addAction(m_copy);

    m_present = new QAction(tr("&Presenter mode"), this);
    m_present->setObjectName("actionPresenter");
    m_present->setShortcut(QKeySequence(Qt::Key_F11));
    m_present->setToolTip(tr("Full screen for a room: the chart first, the verdict and figures in large type"));
    connect(m_present, &QAction::triggered, this, &WorkshopActions::togglePresenter);
    if (places.menuAfterView) {
        auto* view = new QMenu(tr("&View"), window);
        view->setObjectName("menuView");
        view->addAction(m_present);
        window->menuBar()->insertMenu(places.menuAfterView->menuAction(), view);
    }
    if (places.toolBar)
        places.toolBar->addAction(m_present);
    window->addAction(m_present);
}

void WorkshopActions::togglePresenter()
{
    if (m_presenter) {
        m_presenter->close();
        return;
    }
    m_presenter = new PresenterView(m_window);
    if (m_presenterSource)
        m_presenter->setContent(m_presenterSource());
    m_presenter->showFullScreen();
}

QList<RunRecord> WorkshopActions::sessionRuns() const
{
    return m_runs() + m_sweepRuns;
}

void WorkshopActions::sweep()
{
    const SweepSource source = m_sweepSource ? m_sweepSource() : SweepSource();
    if (!source.runner || source.runner->isBusy()) {
        QMessageBox::information(m_window, tr("Cannot sweep now"),
                                 source.runner ? tr("A step is running: wait for it or cancel it first.")
                                               : tr("A sweep needs a server: connect first."));
        return;
    }
    auto* dialog = new SweepDialog(source.runner, source.library, source.sandbox, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setModal(true); // the window's own Run would race the sweep for the runner
    connect(dialog, &SweepDialog::sweepFinished, this, [this](const QList<RunRecord>& runs) { m_sweepRuns += runs; });
    dialog->show();
}

void WorkshopActions::compare()
{
    const QList<RunRecord> runs = sessionRuns();
    if (runs.size() < 2) {
        QMessageBox::information(m_window, tr("Nothing to compare yet"),
                                 tr("Run two steps first (lesson 3's NOT NULL and lesson 5's backfill make the "
                                    "classic pair), or open a saved session."));
        return;
    }
    auto* dialog = new CompareDialog(runs, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!dialog->selectClassicPair())
        dialog->select({ int(runs.size()) - 2, int(runs.size()) - 1 });
    dialog->show();
}

void WorkshopActions::copyChart()
{
    const RunRecord* record = m_shown();
    if (!record) {
        m_window->statusBar()->showMessage(tr("No chart to copy: run a step first."), 5000);
        return;
    }
    ChartPage page(*record);
    ChartClipboard::copy(page);
    m_window->statusBar()->showMessage(tr("Chart copied as a 2x image, ready to paste into slides."), 5000);
}

} // namespace locklab
