#include "app/SweepDialog.h"

#include "app/ExportFileDialog.h"
#include "charts/ChartClipboard.h"
#include "charts/SweepChart.h"
#include "charts/SweepPage.h"
#include "core/lesson/CountParser.h"
#include "core/run/LessonRunner.h"
#include "core/sweep/SweepRunner.h"
#include "core/sweep/SweepSeries.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace locklab {

namespace {
QList<SweepSeries> seriesOf(const QList<RunRecord>& runs)
{
    QList<SweepSeries> series;
    for (const QString& name : SweepSeries::seriesNames(runs))
        series << SweepSeries::fromRuns(runs, name);
    return series;
}
} // namespace

SweepDialog::SweepDialog(LessonRunner* runner, const LessonLibrary& library, const ConnectionSettings& sandbox,
                         QWidget* parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_library(library)
    , m_sandbox(sandbox)
{
    build(true);
}

SweepDialog::SweepDialog(const QList<RunRecord>& runs, QWidget* parent)
    : QDialog(parent)
{
    build(false);
    setRuns(runs);
}

void SweepDialog::build(bool live)
{
    setObjectName("sweepDialog");
    setWindowTitle(tr("Sweep table sizes"));
    auto* layout = new QVBoxLayout(this);
    if (live) {
        m_sweep = new SweepRunner(m_runner, m_library, m_sandbox, this);
        m_step = new QComboBox;
        m_step->setObjectName("sweepStep");
        int mostSteps = 0;
        auto* safeLesson = new QComboBox;
        for (const Lesson& lesson : m_library.lessons) {
            if (!lesson.isValid())
                continue;
            int probed = 0;
            for (int i = 0; i < lesson.steps.size(); ++i) {
                const LessonStep& step = lesson.steps.at(i);
                if (step.kind == StepKind::Seed || !step.probes)
                    continue;
                ++probed;
                m_step->addItem(tr("Lesson %1 - %2").arg(lesson.number).arg(step.title),
                                QStringList { lesson.id, QString::number(i) });
            }
            if (probed > 0)
                safeLesson->addItem(tr("Lesson %1 - %2 (all steps)").arg(lesson.number).arg(lesson.title), lesson.id);
            if (probed > mostSteps) {
                mostSteps = probed;
                safeLesson->setCurrentIndex(safeLesson->count() - 1);
            }
        }
        m_rows = new QLineEdit(QStringLiteral("10k, 100k, 1M"));
        m_rows->setObjectName("sweepRows");
        QStringList defaults;
        for (qint64 r : SweepRunner::defaultRows(m_library))
            defaults << CountParser::format(r);
        m_rows->setText(defaults.join(QStringLiteral(", ")));
        m_rows->setToolTip(tr("Any list of sizes up to the seed's maximum, e.g. 10k, 100k, 1M, 5M"));
        m_safe = new QCheckBox(tr("Also sweep the safe path on the same axes:"));
        m_safe->setObjectName("sweepSafe");
        safeLesson->setObjectName("sweepSafeLesson");
        auto* safeRow = new QHBoxLayout;
        safeRow->addWidget(m_safe);
        safeRow->addWidget(safeLesson, 1);
        auto* form = new QFormLayout;
        form->addRow(tr("Step:"), m_step);
        form->addRow(tr("Sizes (rows):"), m_rows);
        form->addRow(safeRow);
        layout->addLayout(form);

        m_start = new QPushButton(tr("Run sweep"));
        m_cancel = new QPushButton(tr("Cancel"));
        m_cancel->setEnabled(false);
        m_progress = new QProgressBar;
        m_progress->setObjectName("sweepProgress");
        m_status = new QLabel(tr("Each size: seed, VACUUM ANALYZE, then the step. A 1M-row size takes a few seconds."));
        m_status->setWordWrap(true);
        auto* run = new QHBoxLayout;
        run->addWidget(m_start);
        run->addWidget(m_cancel);
        run->addWidget(m_progress, 1);
        layout->addLayout(run);
        layout->addWidget(m_status);
        connect(m_start, &QPushButton::clicked, this, [this]() {
            QString error;
            if (!startSweep(&error))
                QMessageBox::warning(this, tr("Cannot sweep"), error);
        });
        connect(m_cancel, &QPushButton::clicked, this, &SweepDialog::cancelSweep);
        connect(m_sweep, &SweepRunner::progress, this, [this](int done, int total, const QString& what) {
            m_progress->setRange(0, total);
            m_progress->setValue(done);
            m_status->setText(what);
        });
        connect(m_sweep, &SweepRunner::runRecorded, this, [this](const RunRecord& record) {
            QList<RunRecord> runs = m_runs;
            runs << record;
            setRuns(runs);
        });
        connect(m_sweep, &SweepRunner::finished, this,
                [this](const QList<RunRecord>& runs, bool cancelled, const QString& error) {
                    m_start->setEnabled(true);
                    m_cancel->setEnabled(false);
                    setRuns(runs);
                    m_status->setText(!error.isEmpty() ? tr("Stopped: %1").arg(error)
                                          : cancelled  ? tr("Cancelled; the sizes measured so far are plotted.")
                                                       : tr("Done: %1 runs measured.").arg(runs.size()));
                    emit sweepFinished(runs);
                });
        connect(safeLesson, &QComboBox::currentIndexChanged, this,
                [this, safeLesson]() { m_safe->setProperty("lesson", safeLesson->currentData()); });
        m_safe->setProperty("lesson", safeLesson->currentData());
    }

    m_chart = new SweepChart;
    m_chart->setObjectName("sweepChart");
    layout->addWidget(m_chart, 1);
    m_findings = new QLabel;
    m_findings->setObjectName("sweepFindings");
    m_findings->setWordWrap(true);
    m_findings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_findings);

    auto* estimateRow = new QHBoxLayout;
    estimateRow->addWidget(new QLabel(tr("What about my table? Rows:")));
    m_estimateRows = new QLineEdit;
    m_estimateRows->setObjectName("sweepEstimateRows");
    m_estimateRows->setPlaceholderText(tr("e.g. 200M"));
    m_estimateRows->setMaximumWidth(160);
    estimateRow->addWidget(m_estimateRows);
    estimateRow->addStretch(1);
    layout->addLayout(estimateRow);
    m_estimate = new QLabel;
    m_estimate->setObjectName("sweepEstimate");
    m_estimate->setWordWrap(true);
    layout->addWidget(m_estimate);
    connect(m_estimateRows, &QLineEdit::textChanged, this, &SweepDialog::updateEstimate);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto* copy = buttons->addButton(tr("Copy chart"), QDialogButtonBox::ActionRole);
    auto* exportButton = buttons->addButton(tr("Export..."), QDialogButtonBox::ActionRole);
    const auto copyChart = [this]() {
        SweepPage page(seriesOf(m_runs), estimateRows());
        ChartClipboard::copy(page);
    };
    connect(copy, &QPushButton::clicked, this, copyChart);
    connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this), &QShortcut::activated, this,
            copyChart);
    connect(exportButton, &QPushButton::clicked, this, &SweepDialog::exportWithDialog);
    connect(buttons, &QDialogButtonBox::rejected, this, &SweepDialog::reject);
    layout->addWidget(buttons);
    resize(1100, 800);
    setRuns(m_runs);
}

void SweepDialog::setRowsText(const QString& text)
{
    if (m_rows)
        m_rows->setText(text);
}

void SweepDialog::setSafePath(bool on)
{
    if (m_safe)
        m_safe->setChecked(on);
}

void SweepDialog::setEstimateText(const QString& text)
{
    m_estimateRows->setText(text);
}

bool SweepDialog::isRunning() const
{
    return m_sweep && m_sweep->isRunning();
}

bool SweepDialog::startSweep(QString* error)
{
    if (!m_sweep) {
        *error = tr("This sweep was opened from a file; connect to a server to run a new one.");
        return false;
    }
    SweepRunner::Plan plan;
    const QStringList step = m_step->currentData().toStringList();
    if (step.size() != 2) {
        *error = tr("Choose a step to sweep.");
        return false;
    }
    plan.lessonId = step.at(0);
    plan.stepIndex = step.at(1).toInt();
    for (const QString& part : m_rows->text().split(',', Qt::SkipEmptyParts)) {
        qint64 rows = 0;
        if (!CountParser::parse(part.trimmed(), &rows) || rows <= 0) {
            *error = tr("Sizes: '%1' is not a row count. Write them like 10k, 100k, 1M.").arg(part.trimmed());
            return false;
        }
        plan.rows << rows;
    }
    if (m_safe->isChecked())
        plan.safeLessonId = m_safe->property("lesson").toString();
    if (!m_sweep->start(plan, error))
        return false;
    m_runs.clear();
    setRuns({});
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    return true;
}

void SweepDialog::cancelSweep()
{
    if (m_sweep && m_sweep->isRunning()) {
        m_status->setText(tr("Cancelling ..."));
        m_sweep->cancel();
    }
}

void SweepDialog::reject()
{
    if (isRunning()) {
        const auto answer = QMessageBox::question(this, tr("A sweep is running"), tr("Cancel the sweep and close?"));
        if (answer != QMessageBox::Yes)
            return;
        cancelSweep();
        connect(m_sweep, &SweepRunner::finished, this, &QDialog::close, Qt::SingleShotConnection);
        return;
    }
    QDialog::reject();
}

void SweepDialog::setRuns(const QList<RunRecord>& runs)
{
    m_runs = runs;
    const QList<SweepSeries> series = seriesOf(runs);
    m_chart->setSeries(series);
    m_findings->setText(series.isEmpty() ? tr("No sizes measured yet.") : SweepPage::findings(series));
    updateEstimate();
}

qint64 SweepDialog::estimateRows() const
{
    qint64 rows = 0;
    return CountParser::parse(m_estimateRows->text().trimmed(), &rows) && rows > 0 ? rows : 0;
}

void SweepDialog::updateEstimate()
{
    const QList<SweepSeries> series = seriesOf(m_runs);
    const qint64 rows = estimateRows();
    if (m_estimateRows->text().trimmed().isEmpty()) {
        m_estimate->clear();
        return;
    }
    if (rows <= 0) {
        m_estimate->setText(
            tr("'%1' is not a row count: write it like 200M or 5,000,000.").arg(m_estimateRows->text()));
        return;
    }
    if (series.isEmpty()) {
        m_estimate->setText(tr("Run the sweep first: the estimate comes from its fitted line."));
        return;
    }
    m_estimate->setText(
        series.first().blockedFit.describeExtrapolation(double(rows), tr("reads would be blocked for")));
}

QString SweepDialog::findingsText() const
{
    return m_findings->text();
}

QString SweepDialog::estimateText() const
{
    return m_estimate->text();
}

bool SweepDialog::exportTo(const QString& path, QString* error)
{
    return SweepPage::writeFile(seriesOf(m_runs), path, error, estimateRows());
}

void SweepDialog::exportWithDialog()
{
    ExportFileDialog::save(this, tr("Export sweep"), "locklab-sweep.png",
                           tr("PNG image, 2x (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV (*.csv);;JSON (*.json)"),
                           [this](const QString& path, QString* error) { return exportTo(path, error); });
}

} // namespace locklab
