#include "app/CompareDialog.h"

#include "app/ExportFileDialog.h"
#include "charts/ChartClipboard.h"
#include "charts/ComparisonChart.h"
#include "charts/ComparisonPage.h"
#include "core/compare/RunComparison.h"
#include "core/lesson/CountParser.h"
#include "core/run/Verdict.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QVBoxLayout>

namespace locklab {

CompareDialog::CompareDialog(const QList<RunRecord>& runs, QWidget* parent)
    : QDialog(parent)
    , m_runs(runs)
    , m_list(new QListWidget)
    , m_chart(new ComparisonChart)
    , m_hint(new QLabel)
{
    setWindowTitle(tr("Compare runs"));
    setObjectName("compareDialog");
    m_list->setObjectName("compareRunList");
    m_chart->setObjectName("comparisonChart");
    for (const RunRecord& run : m_runs) {
        const RunSummary summary(run);
        auto* item = new QListWidgetItem(runName(summary), m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setToolTip(Verdict::describe(summary));
    }
    m_hint->setWordWrap(true);
    connect(m_list, &QListWidget::itemChanged, this, &CompareDialog::refresh);

    auto* classic = new QPushButton(tr("Classic pair: NOT NULL vs backfill"));
    classic->setObjectName("classicPairButton");
    classic->setToolTip(tr("The run that blocked reads longest against the longest run that never blocked them"));
    connect(classic, &QPushButton::clicked, this, [this]() {
        if (!selectClassicPair())
            QMessageBox::information(this, tr("No classic pair yet"),
                                     tr("Run lesson 3's NOT NULL step and lesson 5's backfill first (or open a "
                                        "session that has both)."));
    });
    m_copy = new QPushButton(tr("Copy chart"));
    m_copy->setToolTip(tr("Copy the chart as an image at 2x (Ctrl+Shift+C)"));
    connect(m_copy, &QPushButton::clicked, this, &CompareDialog::copyChart);
    m_export = new QPushButton(tr("Export..."));
    connect(m_export, &QPushButton::clicked, this, &CompareDialog::exportWithDialog);
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this), &QShortcut::activated, this,
            &CompareDialog::copyChart);
    auto* copyAction = new QAction(tr("Copy chart"), m_chart);
    connect(copyAction, &QAction::triggered, this, &CompareDialog::copyChart);
    m_chart->addAction(copyAction);
    m_chart->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Runs to compare (two or more):")));
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(classic);
    leftLayout->addWidget(m_hint);
    auto* splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 300, 900 });

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);
    resize(1200, 640);
    refresh();
}

QString CompareDialog::runName(const RunSummary& summary)
{
    const RunRecord& run = summary.record();
    QStringList parts { QStringLiteral("%1 / %2").arg(run.lessonId, run.stepId) };
    if (run.rowCount > 0)
        parts << tr("%1 rows").arg(CountParser::format(run.rowCount));
    parts << Verdict::headline(summary);
    return parts.join(QStringLiteral(" \u00b7 "));
}

void CompareDialog::select(const QList<int>& indexes)
{
    QSignalBlocker blocker(m_list);
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setCheckState(indexes.contains(i) ? Qt::Checked : Qt::Unchecked);
    refresh();
}

bool CompareDialog::selectClassicPair()
{
    int risky = -1;
    int safe = -1;
    if (!RunComparison::classicPair(m_runs, &risky, &safe))
        return false;
    select({ risky, safe });
    return true;
}

QList<int> CompareDialog::selected() const
{
    QList<int> indexes;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            indexes << i;
    }
    return indexes;
}

void CompareDialog::refresh()
{
    QList<RunRecord> runs;
    for (int i : selected())
        runs << m_runs.at(i);
    m_chart->setComparison(RunComparison(runs));
    const bool enough = runs.size() >= 2;
    m_copy->setEnabled(enough);
    m_export->setEnabled(enough);
    m_hint->setText(enough ? tr("Aligned at each step's start (its first statement) - the dashed line.")
                           : tr("Tick two or more runs."));
}

QImage CompareDialog::copyChart()
{
    ComparisonPage page(m_chart->comparison());
    return ChartClipboard::copy(page);
}

bool CompareDialog::exportTo(const QString& path, QString* error)
{
    return ComparisonPage::writeFile(m_chart->comparison(), path, error);
}

void CompareDialog::exportWithDialog()
{
    ExportFileDialog::save(
        this, tr("Export comparison"), "locklab-comparison.png",
        tr("PNG image, 2x (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV, one column set per run (*.csv);;JSON (*.json)"),
        [this](const QString& path, QString* error) { return exportTo(path, error); });
}

} // namespace locklab
