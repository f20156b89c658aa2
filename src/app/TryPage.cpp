#include "app/TryPage.h"

#include "app/FindingsView.h"
#include "app/LatencyPanel.h"
#include "app/SqlHighlighter.h"
#include "core/analysis/MigrationAnalyzer.h"
#include "core/lesson/CountParser.h"
#include "core/run/LessonRunner.h"
#include "core/run/Verdict.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace locklab {

TryPage::TryPage(const ConnectionSettings& sandbox, const QString& serverVersion, const LessonLibrary& library,
                 QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_library(library)
    , m_runner(new TryRunner(sandbox, this))
{
    setObjectName("tryPage");
    setWindowTitle(tr("LockLab - Try your own migration"));
    m_runner->setServerVersion(serverVersion);

    m_migration = new QPlainTextEdit(this);
    m_migration->setObjectName("migrationEdit");
    m_migration->setPlaceholderText(tr("Paste your migration SQL, or what manage.py sqlmigrate prints"));
    new SqlHighlighter(m_migration->document());
    m_schema = new QPlainTextEdit(this);
    m_schema->setObjectName("schemaEdit");
    m_schema->setPlaceholderText(tr("CREATE TABLE ... of the tables it touches"));
    new SqlHighlighter(m_schema->document());
    m_schema->setPlainText(TryPlan::lessonSchema(library));
    m_rows = new QLineEdit("100k", this);
    m_rows->setObjectName("rowsEdit");
    m_rows->setToolTip(tr("Rows per table: one count for all, or table=N,table=N"));
    m_probe = new QComboBox(this);
    m_probe->addItems({ tr("Probe reads"), tr("Probe writes") });

    auto* open = new QPushButton(tr("Open .sql ..."), this);
    auto* lessonTables = new QPushButton(tr("Use the lesson tables"), this);
    m_run = new QPushButton(tr("Run it"), this);
    m_run->setObjectName("runButton");
    m_rewrite = new QPushButton(tr("Try the safe rewrite"), this);
    m_rewrite->setObjectName("rewriteButton");
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_status = new QLabel(tr("Runs in a schema of its own in the sandbox database, dropped afterwards."), this);
    m_status->setWordWrap(true);
    m_status->setObjectName("statusLabel");
    m_findings = new FindingsView(this);
    m_latency = new LatencyPanel(this);
    // Below this the chart elides its axis labels to "...".
    m_latency->setMinimumHeight(370);

    auto* inputs = new QWidget(this);
    auto* form = new QVBoxLayout(inputs);
    auto* migrationHeader = new QHBoxLayout;
    migrationHeader->addWidget(new QLabel(tr("<b>Migration</b>"), inputs));
    migrationHeader->addStretch();
    migrationHeader->addWidget(open);
    form->addLayout(migrationHeader);
    form->addWidget(m_migration, 3);
    auto* schemaHeader = new QHBoxLayout;
    schemaHeader->addWidget(new QLabel(tr("<b>Tables</b> (schema)"), inputs));
    schemaHeader->addStretch();
    schemaHeader->addWidget(lessonTables);
    form->addLayout(schemaHeader);
    form->addWidget(m_schema, 2);
    auto* options = new QFormLayout;
    options->addRow(tr("Rows"), m_rows);
    options->addRow(tr("Probes"), m_probe);
    form->addLayout(options);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_rewrite);
    buttons->addWidget(m_cancel);
    form->addLayout(buttons);
    form->addWidget(m_status);

    auto* results = new QSplitter(Qt::Vertical, this);
    results->addWidget(m_findings);
    results->addWidget(m_latency);
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(inputs);
    split->addWidget(results);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
    resize(1280, 820);

    m_analyseTimer.setSingleShot(true);
    m_analyseTimer.setInterval(250);
    connect(&m_analyseTimer, &QTimer::timeout, this, &TryPage::analyse);
    connect(m_migration, &QPlainTextEdit::textChanged, &m_analyseTimer, qOverload<>(&QTimer::start));
    connect(m_schema, &QPlainTextEdit::textChanged, &m_analyseTimer, qOverload<>(&QTimer::start));
    connect(open, &QPushButton::clicked, this, &TryPage::openFile);
    connect(lessonTables, &QPushButton::clicked, this,
            [this] { m_schema->setPlainText(TryPlan::lessonSchema(m_library)); });
    connect(m_run, &QPushButton::clicked, this, [this] { run(false); });
    connect(m_rewrite, &QPushButton::clicked, this, [this] { run(true); });
    connect(m_cancel, &QPushButton::clicked, m_runner, &TryRunner::cancel);
    connect(m_runner, &TryRunner::stageChanged, m_status, &QLabel::setText);
    connect(m_runner, &TryRunner::finished, this, &TryPage::onFinished);
    // The chart follows the migration step only: preparing the tables has no probes.
    connect(m_runner, &TryRunner::migrationStarted, this, [this] {
        m_latency->start(m_latencyTitle, RunRecord().blockedThresholdMs, m_runner->runner()->probeSettings().rateHz);
    });
    LessonRunner* runner = m_runner->runner();
    connect(runner, &LessonRunner::sampleRecorded, m_latency, &LatencyPanel::addSample);
    connect(runner, &LessonRunner::statementFinished, m_latency, [this](const StatementTiming& timing) {
        if (m_runner->inMigration())
            m_latency->addStatement(timing);
    });
    connect(runner, &LessonRunner::locksObserved, m_latency, &LatencyPanel::addLocks);
    analyse();
}

TryPage* TryPage::showFor(QWidget* parent, const ConnectionSettings& sandbox, const QString& serverVersion,
                          const LessonLibrary& library)
{
    auto* page = parent->findChild<TryPage*>(QString(), Qt::FindDirectChildrenOnly);
    if (!page)
        page = new TryPage(sandbox, serverVersion, library, parent);
    page->show();
    page->raise();
    page->activateWindow();
    return page;
}

void TryPage::setMigration(const QString& sql)
{
    m_migration->setPlainText(sql);
    analyse();
}

void TryPage::setSchema(const QString& sql)
{
    m_schema->setPlainText(sql);
    analyse();
}

void TryPage::setRows(const QString& rows)
{
    m_rows->setText(rows);
}

void TryPage::analyse()
{
    m_analyseTimer.stop();
    if (m_migration->toPlainText().trimmed().isEmpty()) {
        m_findings->setHtml(tr("<p>Paste a migration to see which locks it takes and what they block.</p>"));
        return;
    }
    MigrationAnalyzer::Options options;
    options.schemaSql = m_schema->toPlainText();
    options.sandbox = true;
    options.sandboxSchema = TryPlan::schema;
    m_findings->showReport(MigrationAnalyzer::analyze(m_migration->toPlainText(), options, tr("migration")));
}

void TryPage::openFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a migration"), QString(),
                                                      tr("SQL (*.sql);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    setMigration(QString::fromUtf8(file.readAll()));
}

TryRequest TryPage::request(bool safeRewrite, QString* error) const
{
    TryRequest r;
    r.migrationSql = m_migration->toPlainText();
    r.schemaSql = m_schema->toPlainText();
    r.safeRewrite = safeRewrite;
    r.writeProbe = m_probe->currentIndex() == 1;
    for (const QString& item : m_rows->text().split(',', Qt::SkipEmptyParts)) {
        qint64 n = 0;
        const bool named = item.contains('=');
        if (!CountParser::parse(named ? item.section('=', 1) : item, &n) || n < 1 || n > 50000000) {
            *error = tr("Rows: '%1' is not a count from 1 to 50,000,000 (e.g. 100k, or large_user=1M,small_user=10).")
                         .arg(item.trimmed());
            return r;
        }
        if (named)
            r.rows.insert(item.section('=', 0, 0).trimmed().toLower(), n);
        else
            r.defaultRows = n;
    }
    return r;
}

void TryPage::run(bool safeRewrite)
{
    QString error;
    const TryRequest r = request(safeRewrite, &error);
    if (error.isEmpty()) {
        const TryPlan plan = TryPlan::build(r, m_runner->runner()->probeSettings());
        if (m_runner->start(plan, &error)) {
            m_run->setEnabled(false);
            m_rewrite->setEnabled(false);
            m_cancel->setEnabled(true);
            m_latency->clear();
            m_latencyTitle = safeRewrite ? tr("The safe rewrite") : tr("Your migration");
            m_rewriteHtml = "<h4>" + tr("The rewrite that ran") + "</h4><pre style='white-space: pre-wrap'>"
                + plan.rewrite.sql.toHtmlEscaped() + "</pre><ul>";
            for (const QString& change : plan.rewrite.changes)
                m_rewriteHtml += "<li>" + change.toHtmlEscaped() + "</li>";
            m_rewriteHtml += "</ul>";
            m_seedNotesHtml.clear();
            if (!plan.seed.notes.isEmpty()) {
                m_status->setToolTip(plan.seed.notes.join('\n'));
                // Shown with the result: a failed fill names the check a note warned about.
                m_seedNotesHtml = "<h4>" + tr("The generated rows") + "</h4><ul>";
                for (const QString& note : plan.seed.notes)
                    m_seedNotesHtml += "<li>" + note.toHtmlEscaped() + "</li>";
                m_seedNotesHtml += "</ul>";
            }
            return;
        }
    }
    m_status->setText(tr("Nothing was run: %1").arg(error));
}

void TryPage::onFinished(const TryResult& result)
{
    m_run->setEnabled(true);
    m_rewrite->setEnabled(true);
    m_cancel->setEnabled(false);
    if (result.refused) {
        // Nothing ran: the prediction stays, the reason is the status.
        m_status->setText(tr("Nothing was run: %1").arg(result.error));
        emit runFinished(result);
        return;
    }
    m_status->setText(result.succeeded ? Verdict::headline(RunSummary(result.record))
                                       : tr("The run failed: %1").arg(result.error));
    // The recorded step, as a lesson step shows it: its lock waits and statements, the verdict's figures.
    if (!result.record.samples.isEmpty())
        m_latency->showRecord(result.record);
    QString html = FindingsView::comparisonHtml(result.safeRewrite ? tr("The safe rewrite") : tr("Your migration"),
                                                result.comparison, result.verdict, result.error);
    if (result.safeRewrite)
        html += m_rewriteHtml;
    html += m_seedNotesHtml;
    if (result.safeRewrite && !m_lastOriginalHtml.isEmpty())
        m_findings->showComparisonOfRuns(m_lastOriginal, result, m_lastOriginalHtml, html);
    else
        m_findings->setHtml(html);
    if (!result.safeRewrite) {
        m_lastOriginalHtml = html;
        m_lastOriginal = result;
    }
    emit runFinished(result);
}

void TryPage::closeEvent(QCloseEvent* event)
{
    // A running try is cancelled; its cleanup still drops the schema.
    m_runner->cancel();
    QWidget::closeEvent(event);
}

} // namespace locklab
