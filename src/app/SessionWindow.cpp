#include "app/SessionWindow.h"

#include "app/CompareDialog.h"
#include "app/LatencyPanel.h"
#include "app/RunExportDialog.h"
#include "app/SessionMenu.h"
#include "app/StatementTable.h"
#include "app/SweepDialog.h"
#include "charts/ChartClipboard.h"
#include "charts/ChartPage.h"
#include "core/observe/LockModes.h"
#include "core/run/Verdict.h"
#include "core/sweep/SweepSeries.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace locklab {

SessionWindow::SessionWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_runs(new QListWidget)
    , m_latency(new LatencyPanel)
    , m_verdict(new QLabel)
    , m_statements(new StatementTable)
    , m_locks(new QTableWidget(0, 6))
{
    setObjectName("sessionWindow");
    setAttribute(Qt::WA_DeleteOnClose);
    m_runs->setObjectName("sessionRunList");
    m_verdict->setObjectName("sessionVerdict");
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_locks->setObjectName("sessionLockTable");
    m_locks->setHorizontalHeaderLabels(
        { tr("Holder"), tr("Relation"), tr("Mode"), tr("Granted"), tr("From (s)"), tr("Held (s)") });
    m_locks->horizontalHeader()->setStretchLastSection(true);
    m_locks->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_locks->verticalHeader()->hide();

    auto* center = new QWidget;
    auto* centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(4, 4, 4, 4);
    auto* tabs = new QTabWidget;
    tabs->addTab(m_latency, tr("Read latency"));
    tabs->addTab(m_statements, tr("Statements"));
    tabs->addTab(m_locks, tr("Locks"));
    centerLayout->addWidget(tabs, 1);
    centerLayout->addWidget(m_verdict);
    auto* splitter = new QSplitter;
    splitter->addWidget(m_runs);
    splitter->addWidget(center);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({ 300, 1000 });
    setCentralWidget(splitter);

    m_menu = new SessionMenu(
        this, [this]() { return m_session.runs; }, this);
    QMenu* file = menuBar()->addMenu(tr("&File"));
    m_menu->install(file);
    QAction* close = file->addAction(tr("&Close"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);
    connect(m_menu, &SessionMenu::opened, this,
            [this](const Session& session, const QString& path) { setSession(session, path); });

    QToolBar* tools = addToolBar(tr("Session"));
    tools->setObjectName("sessionToolBar");
    QAction* compareAction = tools->addAction(tr("Compare with..."), this, &SessionWindow::compare);
    compareAction->setObjectName("compareAction");
    QAction* copyAction = tools->addAction(tr("Copy chart"), this, &SessionWindow::copyChart);
    copyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    tools->addAction(tr("Export..."), this, &SessionWindow::exportRun);
    m_sweepAction = tools->addAction(tr("Sweep plot"), this, [this]() {
        auto* dialog = new SweepDialog(m_session.runs, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    m_sweepAction->setObjectName("sweepPlotAction");
    m_sweepAction->setToolTip(tr("The stall against table size, from the sweep saved in this session"));
    QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(compareAction);
    runMenu->addAction(copyAction);

    connect(m_runs, &QListWidget::currentRowChanged, this, &SessionWindow::selectRun);
    resize(1400, 860);
}

void SessionWindow::setSession(const Session& session, const QString& path)
{
    m_session = session;
    m_path = path;
    m_current = -1;
    setWindowTitle(tr("LockLab - %1").arg(QFileInfo(path).fileName()));
    m_sweepAction->setEnabled(!SweepSeries::seriesNames(m_session.runs).isEmpty());
    QSignalBlocker blocker(m_runs);
    m_runs->clear();
    for (const RunRecord& run : m_session.runs)
        m_runs->addItem(CompareDialog::runName(RunSummary(run)));
    statusBar()->showMessage(tr("%1 runs from %2, saved by LockLab %3%4. No server needed to view them.")
                                 .arg(m_session.runs.size())
                                 .arg(QDir::toNativeSeparators(path), m_session.locklabVersion,
                                      m_session.savedAt.isValid()
                                          ? tr(" on %1").arg(m_session.savedAt.toString("yyyy-MM-dd HH:mm"))
                                          : QString()));
    if (!m_session.runs.isEmpty()) {
        m_runs->setCurrentRow(0);
        selectRun(0);
    } else {
        m_latency->clear();
        m_verdict->clear();
    }
}

void SessionWindow::selectRun(int index)
{
    if (index < 0 || index >= m_session.runs.size() || index == m_current)
        return;
    m_current = index;
    if (m_runs->currentRow() != index)
        m_runs->setCurrentRow(index);
    const RunRecord& run = m_session.runs.at(index);
    m_latency->showRecord(run);
    m_verdict->setText(QStringLiteral("<b>%1</b>").arg(Verdict::describe(RunSummary(run)).toHtmlEscaped()));
    m_statements->showAll(run.statements);
    m_locks->setRowCount(int(run.locks.size()));
    for (int row = 0; row < run.locks.size(); ++row) {
        const LockInterval& lock = run.locks.at(row);
        const QStringList cells { lock.holder,
                                  lock.relation,
                                  LockModes::displayName(lock.mode),
                                  lock.granted ? tr("yes") : tr("waiting"),
                                  QString::number(lock.fromMs / 1000.0, 'f', 2),
                                  QString::number(lock.durationMs() / 1000.0, 'f', 2) };
        for (int column = 0; column < cells.size(); ++column)
            m_locks->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
}

QString SessionWindow::verdictText() const
{
    return m_current >= 0 ? Verdict::describe(RunSummary(m_session.runs.at(m_current))) : QString();
}

void SessionWindow::compare()
{
    auto* dialog = new CompareDialog(m_session.runs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!dialog->selectClassicPair() && m_current >= 0)
        dialog->select({ m_current });
    dialog->show();
}

void SessionWindow::exportRun()
{
    if (m_current < 0)
        return;
    const QString path = RunExportDialog::exportRun(this, m_session.runs.at(m_current));
    if (!path.isEmpty())
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void SessionWindow::copyChart()
{
    if (m_current < 0)
        return;
    ChartPage page(m_session.runs.at(m_current));
    ChartClipboard::copy(page);
    statusBar()->showMessage(tr("Chart copied (2x image)"), 5000);
}

} // namespace locklab
