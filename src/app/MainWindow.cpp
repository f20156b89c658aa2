#include "app/MainWindow.h"

#include "app/PreflightPrompt.h"

#include "app/AboutDialog.h"
#include "app/LatencyPanel.h"
#include "app/LockPanel.h"
#include "app/PsqlClipboard.h"
#include "app/RebuildBanner.h"
#include "app/RunExportDialog.h"
#include "app/SettingsDialog.h"
#include "app/SqlHighlighter.h"
#include "app/StatementTable.h"
#include "app/StepProgress.h"
#include "app/StepTeachingPanel.h"
#include "app/TryPage.h"
#include "app/WorkshopActions.h"
#include "charts/LatencyChart.h"
#include "core/lesson/CountParser.h"
#include "core/migration/StepOutcomeText.h"
#include "core/migration/StepPlanner.h"
#include "core/run/RunHistory.h"
#include "core/run/Verdict.h"
#include "core/teach/VersionNotes.h"
#include "ui_MainWindow.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>

namespace locklab {

namespace {
// Markdown code blocks come in as lines that must not break, which made the
// narrow explanation pane scroll sideways; the pane wraps them like prose.
// Headings come in up to twice the text size: the step title right above
// already names the step, and a first heading at that size took three of the
// pane's dozen lines, so they are set at most a little larger than the text.
void fitToPane(QTextDocument* document)
{
    QTextCursor cursor(document);
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().nonBreakableLines()) {
            QTextBlockFormat format = block.blockFormat();
            format.setNonBreakableLines(false);
            cursor.setPosition(block.position());
            cursor.setBlockFormat(format);
        }
        if (block.blockFormat().headingLevel() > 0) {
            QTextCharFormat heading;
            heading.setProperty(QTextFormat::FontSizeAdjustment, block.blockFormat().headingLevel() == 1 ? 1 : 0);
            cursor.setPosition(block.position());
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor::KeepAnchor);
            cursor.mergeCharFormat(heading);
        }
    }
}

QString historyKey(const QString& lessonId, const QString& stepId)
{
    return lessonId + '/' + stepId;
}

} // namespace

MainWindow::MainWindow(ServerSession& session, const LessonLibrary& library, QWidget* parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_session(&session)
    , m_library(library)
{
    m_ui->setupUi(this);
    m_serverLabel = new QLabel(this);
    m_serverLabel->setObjectName("serverStatusLabel");
    statusBar()->addPermanentWidget(m_serverLabel);

    QFont titleFont = m_ui->stepTitleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_ui->stepTitleLabel->setFont(titleFont);
    QFont mono("monospace");
    mono.setStyleHint(QFont::Monospace);
    m_ui->sqlView->setFont(mono);
    new SqlHighlighter(m_ui->sqlView->document());
    m_progress = new StepProgress(m_ui->progressBar, m_ui->progressLabel, this);
    m_rebuildBanner = new RebuildBanner(this);
    m_ui->stepLayout->insertWidget(1, m_rebuildBanner);
    connect(m_rebuildBanner, &RebuildBanner::rebuildRequested, this, &MainWindow::rebuildTables);
    connect(m_rebuildBanner, &RebuildBanner::reseedRequested, this, [this]() { selectStep(0, 0); });
    m_ui->mainSplitter->setSizes({ 260, 820, 360 });
    m_ui->centerSplitter->setSizes({ 300, 480 });
    m_teaching = new StepTeachingPanel(this);
    m_ui->stepSplitter->addWidget(m_teaching);
    m_teaching->insertTab(1, m_ui->sqlView, tr("SQL"));
    m_ui->stepSplitter->setSizes({ 380, 440 });

    attachSession(session);
    setUpActions();
    connect(m_ui->lessonNavigator, &LessonNavigator::stepSelected, this, &MainWindow::showStep);
    connect(m_ui->ledgerView, &LedgerView::migrateRequested, this, &MainWindow::migrateTo);

    m_ui->lessonNavigator->setLibrary(m_library);
    onPhaseChanged(LessonRunner::Phase::Idle);
    selectStep(0, 0);
    if (!m_library.errors.isEmpty())
        statusBar()->showMessage(tr("Lesson problems: %1").arg(m_library.errors.join("; ")));
}

MainWindow::~MainWindow() = default;

bool MainWindow::isBusy() const
{
    return m_runner && m_runner->isBusy();
}

LessonRunner::Phase MainWindow::currentPhase() const
{
    return m_runner ? m_runner->phase() : LessonRunner::Phase::Idle;
}

void MainWindow::createRunner()
{
    m_runner = new LessonRunner(m_session->sandboxSettings(), this);
    m_runner->setServerVersion(m_session->serverVersion());
    m_ui->lockPanel->setServerVersion(m_session->serverVersion());
    m_runner->setProbeSettings(SavedSettings::load().probes);
    connect(m_runner, &LessonRunner::phaseChanged, this, &MainWindow::onPhaseChanged);
    connect(m_runner, &LessonRunner::progress, m_progress, &StepProgress::progress);
    connect(m_runner, &LessonRunner::statementStarted, m_progress,
            [this](const QString& sql) { m_progress->statementStarted(sql); });
    connect(m_runner, &LessonRunner::statementFinished, m_ui->statementTable, &StatementTable::append);
    connect(m_runner, &LessonRunner::stepFinished, this, &MainWindow::onStepFinished);
    connect(m_runner, &LessonRunner::snapshotChanged, this, &MainWindow::onSnapshotChanged);
    connect(m_runner, &LessonRunner::sampleRecorded, m_ui->latencyPanel, &LatencyPanel::addSample);
    connect(m_runner, &LessonRunner::statementFinished, m_ui->latencyPanel, &LatencyPanel::addStatement);
    connect(m_runner, &LessonRunner::locksObserved, m_ui->lockPanel, &LockPanel::setRows);
    connect(m_runner, &LessonRunner::locksObserved, m_ui->latencyPanel, &LatencyPanel::addLocks);
    connect(m_runner, &LessonRunner::actorStarted, m_ui->latencyPanel, &LatencyPanel::actorStarted);
    connect(m_runner, &LessonRunner::actorEnded, m_ui->latencyPanel, &LatencyPanel::addActorSpan);
    connect(m_runner, &LessonRunner::sideProblem, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
    new PreflightPrompt(m_runner, this);
    connect(m_runner, &LessonRunner::planned, this,
            [this](const ExecutionPlan& plan) { m_ui->sqlView->setPlainText(plan.preview()); });
}

void MainWindow::attachSession(ServerSession& session)
{
    m_session = &session;
    createRunner();
    m_teaching->setServerMajor(VersionNotes::majorOfNumber(session.serverVersionNumber()));
    showServerStatus();
    m_ui->centralWidget->setEnabled(true);
    onPhaseChanged(LessonRunner::Phase::Idle);
    if (const Lesson* lesson = currentLesson())
        m_runner->setTables(lesson->tables);
    m_runner->refreshSnapshot();
    // The step shown before the server was known may need a newer one: say so now.
    if (const LessonStep* step = currentStep(); step && step->minServerVersion > 0)
        showStep(m_lesson, m_step);
}

bool MainWindow::detachSession()
{
    if (isBusy()) {
        QMessageBox::information(this, tr("A step is running"),
                                 tr("Wait for the step to finish or cancel it, then reconnect."));
        return false;
    }
    delete m_runner;
    m_runner = nullptr;
    m_session = nullptr;
    m_serverLabel->setText(tr("Reconnecting ..."));
    m_ui->centralWidget->setEnabled(false);
    return true;
}

void MainWindow::setUpActions()
{
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);
    m_ui->menuHelp
        ->addAction(tr("Copy psql command"), this,
                    [this]() {
                        if (m_session)
                            statusBar()->showMessage(
                                tr("Copied: %1").arg(PsqlClipboard::copy(m_session->sandboxSettings())), 15000);
                    })
        ->setObjectName("actionCopyPsql");
    connect(m_ui->actionRun, &QAction::triggered, this, &MainWindow::runCurrentStep);
    connect(m_ui->actionCancel, &QAction::triggered, this, &MainWindow::cancelStep);
    connect(m_ui->actionNext, &QAction::triggered, this, &MainWindow::nextStep);
    connect(m_ui->actionRefresh, &QAction::triggered, this, [this]() {
        if (m_runner)
            m_runner->refreshSnapshot();
    });
    connect(m_ui->actionSettings, &QAction::triggered, this, &MainWindow::openSettings);
    connect(m_ui->actionExport, &QAction::triggered, this, &MainWindow::exportShownRun);
    connect(m_ui->menuLesson->addAction(tr("Try your own migration ...")), &QAction::triggered, this, [this]() {
        if (m_session)
            TryPage::showFor(this, m_session->sandboxSettings(), m_session->serverVersion(), m_library);
    });
    connect(m_ui->runButton, &QPushButton::clicked, this, &MainWindow::runCurrentStep);
    connect(m_ui->cancelButton, &QPushButton::clicked, this, &MainWindow::cancelStep);
    connect(m_ui->nextButton, &QPushButton::clicked, this, &MainWindow::nextStep);
    // Ctrl+Enter runs from anywhere in the window, keypad Enter included.
    for (const QKeySequence& keys : { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) })
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &MainWindow::runCurrentStep);
    connect(new QShortcut(QKeySequence(Qt::Key_Escape), this), &QShortcut::activated, this, &MainWindow::cancelStep);
    m_ui->actionRun->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_ui->actionRun->setShortcutContext(Qt::WidgetShortcut); // the QShortcut above handles it window-wide
    m_workshop = new WorkshopActions(
        this,
        { m_ui->menuFile, m_ui->actionExport, m_ui->menuLesson, m_ui->mainToolBar, m_ui->latencyPanel->chart(),
          m_ui->menuHelp },
        [this]() { return recordedRuns(); }, [this]() { return shownRecord(); });
    m_workshop->setPresenterSource([this]() {
        return PresenterView::Content { m_ui->stepTitleLabel->text(), m_ui->explanationBrowser->toMarkdown(),
                                        m_ui->sqlView->toPlainText(), shownRecord(), m_runner };
    });
    m_workshop->setSweepSource([this]() {
        return WorkshopActions::SweepSource { m_runner, m_library,
                                              m_session ? m_session->sandboxSettings() : ConnectionSettings() };
    });
}

QList<RunRecord> MainWindow::recordedRuns() const
{
    QList<RunRecord> runs = m_history.values();
    std::stable_sort(runs.begin(), runs.end(),
                     [](const RunRecord& a, const RunRecord& b) { return a.startedAt < b.startedAt; });
    return runs;
}

const RunRecord* MainWindow::shownRecord() const
{
    const Lesson* lesson = currentLesson();
    const LessonStep* step = currentStep();
    const RunRecord* record = lesson && step ? lastRecord(lesson->id, step->id) : nullptr;
    return record ? record : latestRun(m_history);
}

// The status bar names the server and how many connections LockLab opens
// on it: on a shared workshop server that number is what runs out first.
void MainWindow::showServerStatus()
{
    if (!m_session)
        return;
    const ProbeSettings probes = m_runner ? m_runner->probeSettings() : SavedSettings::load().probes;
    m_serverLabel->setText(
        tr("%1, %2 connections").arg(m_session->describe()).arg(ConnectionBudget::connectionsUsed(probes)));
    m_serverLabel->setToolTip(m_session->sandboxSettings().displayString() + "\n" + m_session->sandboxNote() + "\n"
                              + ConnectionBudget::describe(probes));
}

QString MainWindow::serverStatusText() const
{
    return m_serverLabel->text();
}

const RunRecord* MainWindow::lastRecord(const QString& lessonId, const QString& stepId) const
{
    auto it = m_history.constFind(historyKey(lessonId, stepId));
    return it == m_history.constEnd() ? nullptr : &it.value();
}

const Lesson* MainWindow::currentLesson() const
{
    return m_lesson >= 0 && m_lesson < m_library.lessons.size() ? &m_library.lessons.at(m_lesson) : nullptr;
}

const LessonStep* MainWindow::currentStep() const
{
    const Lesson* lesson = currentLesson();
    return lesson && m_step >= 0 && m_step < lesson->steps.size() ? &lesson->steps.at(m_step) : nullptr;
}

void MainWindow::selectStep(int lessonIndex, int stepIndex)
{
    m_ui->lessonNavigator->select(lessonIndex, stepIndex);
    if (m_lesson != lessonIndex || m_step != stepIndex)
        showStep(lessonIndex, stepIndex);
}

void MainWindow::showStep(int lessonIndex, int stepIndex)
{
    m_lesson = lessonIndex;
    m_step = stepIndex;
    const Lesson* lesson = currentLesson();
    const LessonStep* step = currentStep();
    if (!lesson || !lesson->isValid() || !step) {
        m_ui->stepTitleLabel->setText(lesson ? lesson->title : QString());
        m_ui->explanationBrowser->setMarkdown(lesson && !lesson->isValid()
                                                  ? tr("**This lesson could not be loaded.**\n\n%1").arg(lesson->error)
                                                  : QString());
        m_ui->sqlView->clear();
        m_ui->parameterForm->setStep(nullptr);
        onPhaseChanged(currentPhase());
        return;
    }
    setWindowTitle(tr("LockLab - %1").arg(lesson->title));
    m_ui->stepTitleLabel->setText(
        tr("Step %1 of %2 - %3").arg(stepIndex + 1).arg(lesson->steps.size()).arg(step->title));
    QString markdown = step->explanation;
    const QString shortfall = versionShortfall(*step);
    if (!shortfall.isEmpty())
        markdown = tr("> **This step %1.** Run is disabled. Read it here; to run it, choose a newer PostgreSQL "
                      "in Settings > Server > Version, or start LockLab with `--pg-bindir`.\n\n")
                       .arg(shortfall)
            + markdown;
    if (!step->lookFor.trimmed().isEmpty())
        markdown += tr("\n\n### What to look for\n\n") + step->lookFor;
    m_ui->explanationBrowser->setMarkdown(markdown);
    fitToPane(m_ui->explanationBrowser->document());
    m_progress->reset(); // no-op while a step runs
    m_ui->parameterForm->setStep(step);
    // The path this step walks (a risky and a safe step of one lesson walk different ones).
    m_ui->ledgerView->setPlan(lesson->planFor(*step), lesson->allMigrations());
    m_ui->schemaView->setTableName(lesson->mainTable());
    if (m_runner && !isBusy() && m_runner->tables() != lesson->tables) {
        m_runner->setTables(lesson->tables);
        m_runner->refreshSnapshot();
    }
    refreshSqlPreview();
    updateRebuildBanner();

    const RunRecord* record = lastRecord(lesson->id, step->id);
    const TableInfo* mainTable = m_runner ? m_runner->snapshot().table(lesson->mainTable()) : nullptr;
    m_teaching->showStep(*lesson, *step, mainTable && mainTable->exists ? mainTable->rowCount : -1, record);
    m_ui->statementTable->showAll(record ? record->statements : QList<StatementTiming>());
    showRecordResults(record);
    const StepOutcome outcome = m_outcomes.value(historyKey(lesson->id, step->id));
    m_ui->outcomeLabel->setText(record && !outcome.succeeded ? outcome.summary : QString());
    onPhaseChanged(currentPhase());
}

void MainWindow::refreshSqlPreview()
{
    const Lesson* lesson = currentLesson();
    const LessonStep* step = currentStep();
    if (!lesson || !step || !m_runner || isBusy())
        return;
    QStringList applied;
    for (const AppliedMigration& m : m_runner->snapshot().applied)
        applied << m.name;
    QVariantMap parameters;
    QString error;
    ExecutionPlan plan;
    if (!m_ui->parameterForm->values(&parameters, &error)
        || !StepPlanner::build(*lesson, *step, m_library.migrations, applied, parameters, &plan, &error)) {
        m_ui->sqlView->setPlainText("-- " + error);
        return;
    }
    m_ui->sqlView->setPlainText(plan.preview());
}

void MainWindow::runCurrentStep()
{
    const Lesson* lesson = currentLesson();
    const LessonStep* step = currentStep();
    if (!lesson || !step || !m_runner || isBusy())
        return;
    QVariantMap parameters;
    QString error;
    if (!m_ui->parameterForm->values(&parameters, &error))
        return; // shown inline next to the field
    if (step->kind == StepKind::Seed) {
        const TableInfo* main = m_runner->snapshot().table(lesson->mainTable());
        if (main && main->exists) {
            const auto answer = QMessageBox::question(
                this, tr("Seed again?"),
                tr("Seeding drops %1 (%2 rows in %3) and creates them again. Continue?")
                    .arg(QLocale(QLocale::English).createSeparatedList(lesson->tables),
                         main->rowCount < 0            ? tr("all the")
                             : main->rowCountEstimated ? tr("about %1").arg(CountParser::format(main->rowCount))
                                                       : CountParser::format(main->rowCount),
                         main->name));
            if (answer != QMessageBox::Yes)
                return;
        }
    }
    if (!m_runner->runStep(m_library, lesson->id, m_step, parameters, &error)) {
        QMessageBox::warning(this, tr("Cannot run the step"), error);
        return;
    }
    m_runningStep = { m_lesson, m_step };
    prepareResultViews(QString("%1 - %2").arg(lesson->title, step->title), step->probes);
}

void MainWindow::migrateTo(const QString& target)
{
    const Lesson* lesson = currentLesson();
    if (!lesson || !m_runner || isBusy())
        return;
    // A step of its own, so the move is planned, shown, timed and probed like any other.
    LessonStep step = migrationStep(*lesson, target);
    if (const LessonStep* shown = currentStep())
        step.plan = lesson->planFor(*shown); // the path the ledger view offers

    // The values shown apply where the migration step has the same parameter (batch size, pause).
    QVariantMap shown;
    QVariantMap parameters;
    QString error;
    if (m_ui->parameterForm->values(&shown, &error)) {
        for (auto it = shown.cbegin(); it != shown.cend(); ++it) {
            if (step.parameter(it.key()))
                parameters.insert(it.key(), it.value());
        }
    }
    if (!m_runner->runStep(*lesson, step, m_library.migrations, parameters, &error)) {
        QMessageBox::warning(this, tr("Cannot migrate"), error);
        return;
    }
    m_runningStep = { -1, -1 };
    prepareResultViews(step.title, true);
}

void MainWindow::cancelStep()
{
    if (isBusy()) {
        m_progress->cancelling();
        m_runner->cancel();
    }
}

QString MainWindow::versionShortfall(const LessonStep& step) const
{
    return m_session ? step.versionShortfall(VersionNotes::majorOfNumber(m_session->serverVersionNumber())) : QString();
}

void MainWindow::nextStep()
{
    const Lesson* lesson = currentLesson();
    if (!lesson)
        return;
    if (m_step + 1 < lesson->steps.size())
        selectStep(m_lesson, m_step + 1);
    else if (m_lesson + 1 < m_library.lessons.size())
        selectStep(m_lesson + 1, 0);
}

void MainWindow::onPhaseChanged(LessonRunner::Phase phase)
{
    const bool busy = phase != LessonRunner::Phase::Idle;
    const bool runnable = m_runner && currentStep() && currentLesson()->isValid();
    const QString shortfall = currentStep() ? versionShortfall(*currentStep()) : QString();
    m_ui->runButton->setEnabled(!busy && runnable && shortfall.isEmpty());
    m_ui->runButton->setToolTip(shortfall.isEmpty() ? QString() : tr("This step %1.").arg(shortfall));
    m_ui->actionRun->setEnabled(!busy && runnable && shortfall.isEmpty());
    m_ui->cancelButton->setEnabled(busy);
    m_ui->actionCancel->setEnabled(busy);
    const Lesson* lesson = currentLesson();
    const bool hasNext = lesson && (m_step + 1 < lesson->steps.size() || m_lesson + 1 < m_library.lessons.size());
    m_ui->nextButton->setEnabled(hasNext);
    m_ui->parameterForm->setEnabled(!busy);
    m_ui->lessonNavigator->setEnabled(!busy);
    m_ui->ledgerView->setBusy(busy);
    m_progress->setPhase(phase);
}

void MainWindow::onStepFinished(const RunRecord& record, const StepOutcome& outcome)
{
    // A step meant to fail (lesson 7's build cut short, lesson 11's duplicate)
    // did what the lesson asked: not shown in red, and ticked off like any other.
    const bool expected = record.failedAsExpected;
    m_progress->finished(outcome, expected);
    m_history.insert(historyKey(record.lessonId, record.stepId), record);
    m_outcomes.insert(historyKey(record.lessonId, record.stepId), outcome);
    // A success is said by the progress line; the summary matters when something went wrong.
    m_ui->outcomeLabel->setText(
        StepOutcomeText::withServerMessage(outcome.succeeded ? QString() : outcome.summary, outcome, "\n"));
    showRecordResults(&m_history[historyKey(record.lessonId, record.stepId)]);
    m_teaching->showRun(record);
    m_ui->outcomeLabel->setStyleSheet(outcome.succeeded || expected ? QString() : QString("color: #b02020;"));
    if ((outcome.succeeded || expected) && m_runningStep.first >= 0)
        m_ui->lessonNavigator->markDone(m_runningStep.first, m_runningStep.second);
    m_runningStep = { -1, -1 };
    if (m_closeWhenIdle) {
        close();
        return;
    }
    // Later, not inside the runner's stepFinished emission: a restart deletes the runner.
    if (outcome.connectionLost)
        QTimer::singleShot(0, this, [this, outcome]() { offerRestartAfterLostConnection(outcome); });
}

void MainWindow::prepareResultViews(const QString& title, bool probes)
{
    m_ui->statementTable->setRowCount(0);
    m_ui->outcomeLabel->clear();
    m_ui->verdictLabel->clear();
    m_ui->lockPanel->clear();
    m_ui->latencyPanel->start(title, RunRecord().blockedThresholdMs, m_runner->probeSettings().rateHz);
    m_ui->resultTabs->setCurrentWidget(probes ? m_ui->latencyTab : m_ui->statementsTab);
    m_progress->begin();
}

void MainWindow::showRecordResults(const RunRecord* record)
{
    if (!record) {
        m_ui->latencyPanel->clear();
        m_ui->lockPanel->clear();
        m_ui->verdictLabel->clear();
        return;
    }
    m_ui->latencyPanel->showRecord(*record);
    const bool probed = !record->samples.isEmpty();
    m_ui->verdictLabel->setText(
        probed ? QString("<b>%1</b>").arg(Verdict::describe(RunSummary(*record)).toHtmlEscaped()) : QString());
}

void MainWindow::exportShownRun()
{
    const RunRecord* record = shownRecord();
    if (!record) {
        QMessageBox::information(this, tr("Nothing to export yet"),
                                 tr("Run a step first: the export holds its chart and the probe samples."));
        return;
    }
    const QString path = RunExportDialog::exportRun(this, *record);
    if (!path.isEmpty())
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::offerRestartAfterLostConnection(const StepOutcome& outcome)
{
    const bool embedded = m_session && m_session->isEmbedded();
    QMessageBox box(QMessageBox::Critical, tr("Connection to PostgreSQL lost"),
                    tr("LockLab lost its connection to the server during the step."));
    box.setInformativeText(
        QString("%1\n\n%2")
            .arg(outcome.summary,
                 embedded ? tr("Restart the embedded server to go on.") : tr("Reconnect once the server is back.")));
    box.setDetailedText(outcome.error);
    QPushButton* restart = box.addButton(embedded ? tr("Restart the server") : tr("Reconnect"),
                                         QMessageBox::AcceptRole);
    box.addButton(tr("Not now"), QMessageBox::RejectRole);
    box.setDefaultButton(restart);
    box.exec();
    if (box.clickedButton() == restart)
        emit restartServerRequested();
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(SavedSettings::load(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const SavedSettings settings = dialog.settings();
    settings.save();
    if (m_runner)
        m_runner->setProbeSettings(settings.probes);
    showServerStatus(); // the probe connections may have changed
    if (!dialog.serverChanged())
        return;
    const auto answer = QMessageBox::question(this, tr("Reconnect now?"),
                                              tr("Connect to the %1 now? The runs of this session stay visible.")
                                                  .arg(settings.useServer
                                                           ? tr("server %1").arg(settings.server.displayString())
                                                           : tr("embedded PostgreSQL")));
    if (answer != QMessageBox::Yes)
        return;
    LaunchOptions options;
    if (settings.useServer) {
        options.connectionString = settings.serverConnectionString();
        options.password = dialog.password();
    } else {
        options.forceEmbedded = true;
        options.pgBinDir = settings.pgBinDir;
    }
    options.connectionsNeeded = ConnectionBudget::connectionsUsed(settings.probes);
    emit reconnectRequested(options);
}

void MainWindow::onSnapshotChanged(const SchemaSnapshot& snapshot)
{
    m_ui->schemaView->setSnapshot(snapshot);
    m_ui->ledgerView->setSnapshot(snapshot);
    refreshSqlPreview();
    updateRebuildBanner();
}

void MainWindow::updateRebuildBanner()
{
    const LessonStep* step = currentStep();
    m_rebuildBanner->update(m_runner ? m_runner->snapshot() : SchemaSnapshot(),
                            step && step->probes && step->kind != StepKind::Seed);
}

void MainWindow::rebuildTables(const QStringList& tables)
{
    const Lesson* lesson = currentLesson();
    if (!lesson || !m_runner || isBusy())
        return;
    // A step of its own, like migrateTo(): planned, shown and timed like any other.
    const LessonStep step = TableHealth::rebuildStep(tables);
    QString error;
    if (!m_runner->runStep(*lesson, step, m_library.migrations, {}, &error)) {
        QMessageBox::warning(this, tr("Cannot rebuild the tables"), error);
        return;
    }
    m_runningStep = { -1, -1 };
    prepareResultViews(step.title, false);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!isBusy()) {
        event->accept();
        return;
    }
    if (!m_closeWhenIdle) {
        const auto answer = QMessageBox::question(
            this, tr("A step is running"),
            tr("A step is still running. Cancel it and quit? An unfinished transaction is rolled back."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_closeWhenIdle = true;
        m_runner->cancel();
    }
    event->ignore(); // closes from onStepFinished once the step has wound down
}

void MainWindow::showAbout()
{
    AboutDialog dialog(m_session ? m_session->serverVersion() : QString(), this);
    dialog.exec();
}

} // namespace locklab
