#include "core/run/LessonRunner.h"

#include "core/actors/ActorCast.h"
#include "core/migration/OwnLockTimeline.h"
#include "core/migration/StepPlanner.h"
#include "core/observe/LockMonitor.h"
#include "core/observe/ProbePool.h"
#include "core/observe/QueuedCall.h"
#include "core/teach/VersionNotes.h"

#include <algorithm>

namespace locklab {

LessonRunner::LessonRunner(const ConnectionSettings& sandbox, QObject* parent)
    : QObject(parent)
    , m_sandbox(sandbox)
{
    m_workerThread.setObjectName("locklab-migration");
    m_worker = new MigrationWorker(sandbox);
    // The window shows the counts after every step: count(*) over 50M rows takes seconds.
    m_worker->setRowCounts(RowCounts::Estimated);
    m_worker->moveToThread(&m_workerThread);
    connect(&m_workerThread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &MigrationWorker::planned, this, &LessonRunner::planned);
    connect(m_worker, &MigrationWorker::statementStarted, this, &LessonRunner::statementStarted);
    // A short statement outside a transaction holds its locks between two 100 ms polls.
    connect(m_worker, &MigrationWorker::statementStarted, this, [this] {
        if (m_monitor)
            m_monitor->pollClosely();
    });
    connect(m_worker, &MigrationWorker::statementFinished, this, [this](const StatementTiming& timing) {
        m_record.statements.append(timing);
        emit statementFinished(timing);
    });
    connect(m_worker, &MigrationWorker::progress, this, &LessonRunner::progress);
    connect(m_worker, &MigrationWorker::finished, this, &LessonRunner::onWorkerFinished);
    connect(m_worker, &MigrationWorker::snapshotReady, this, [this](const SchemaSnapshot& snapshot) {
        m_snapshot = snapshot;
        emit snapshotChanged(snapshot);
    });
    connect(m_worker, &MigrationWorker::preflightDone, this, &LessonRunner::onPreflightDone);
    m_workerThread.start();

    m_phaseTimer.setSingleShot(true);
}

void LessonRunner::setSandbox(const ConnectionSettings& sandbox)
{
    m_sandbox = sandbox;
    // Queued before the next step's request, so the worker reconnects first.
    postCall(m_worker, [worker = m_worker, sandbox] { worker->setSettings(sandbox); });
}

LessonRunner::~LessonRunner()
{
    if (m_worker)
        cancelWorker();
    stopObservers();
    if (m_worker) {
        // Our slots go now, on this thread, not as the worker is deleted on its own.
        disconnect(m_worker, nullptr, this, nullptr);
        postCall(m_worker, [worker = m_worker] { worker->close(); });
    }
    quitThread(&m_workerThread);
    m_workerThread.wait();
}

void LessonRunner::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    emit phaseChanged(phase);
}

void LessonRunner::setRowCounts(RowCounts counts)
{
    postCall(m_worker, [worker = m_worker, counts]() { worker->setRowCounts(counts); });
}

void LessonRunner::refreshSnapshot()
{
    postCall(m_worker, [worker = m_worker, tables = m_tables]() { worker->readSnapshot(tables); });
}

bool LessonRunner::runStep(const LessonLibrary& library, const QString& lessonId, int stepIndex,
                           const QVariantMap& parameters, QString* error)
{
    const Lesson* lesson = library.lesson(lessonId);
    if (!lesson) {
        *error = QString("There is no lesson '%1'.").arg(lessonId);
        return false;
    }
    if (!lesson->isValid()) {
        *error = QString("The lesson '%1' is broken: %2").arg(lesson->title, lesson->error);
        return false;
    }
    if (stepIndex < 0 || stepIndex >= lesson->steps.size()) {
        *error = QString("The lesson '%1' has no step %2.").arg(lesson->title).arg(stepIndex + 1);
        return false;
    }
    return runStep(*lesson, lesson->steps.at(stepIndex), library.migrations, parameters, error);
}

bool LessonRunner::runStep(const Lesson& lesson, const LessonStep& step, const QMap<QString, Migration>& catalog,
                           const QVariantMap& parameters, QString* error)
{
    if (isBusy()) {
        *error = "A step is already running. Wait for it to finish or cancel it first.";
        return false;
    }
    if (!lesson.isValid()) {
        *error = QString("The lesson '%1' is broken: %2").arg(lesson.title, lesson.error);
        return false;
    }
    const QString shortfall = step.versionShortfall(VersionNotes::majorOf(m_serverVersion));
    if (!shortfall.isEmpty()) {
        *error = QString("The step '%1' %2.").arg(step.title, shortfall);
        return false;
    }
    if (!StepPlanner::validateParameters(step, parameters, error))
        return false;

    m_tables = lesson.tables;
    m_request = { lesson, step, catalog, parameters };
    m_clock = RunClock();
    m_record = {};
    m_outcome = {};
    m_record.lessonId = lesson.id;
    m_record.lessonTitle = lesson.title;
    m_record.stepId = step.id;
    m_record.stepTitle = step.title;
    m_record.serverVersion = m_serverVersion;
    m_record.startedAt = QDateTime::currentDateTime();
    m_record.probeTimeoutMs = m_probeSettings.timeoutMs;
    const QVariantMap resolved = step.resolvedParameters(parameters);
    m_record.parameters = resolved;
    const TableInfo* main = m_snapshot.table(lesson.mainTable());
    m_record.rowCount = resolved.contains("rows") ? resolved.value("rows").toLongLong()
                                                  : (main ? std::max<qint64>(0, main->rowCount) : 0);
    m_cancelBeforeStart = false;
    m_finishAfterActors = false;
    m_awaitingPreflight = false;
    m_awaitingAnswer = false;

    if (!step.actors.isEmpty()) {
        m_actors = new ActorCast(m_sandbox, step.actors, this);
        connect(m_actors, &ActorCast::actorStarted, this, &LessonRunner::actorStarted);
        connect(m_actors, &ActorCast::actorEnded, this, &LessonRunner::actorEnded);
        connect(m_actors, &ActorCast::problem, this, &LessonRunner::sideProblem);
        connect(m_actors, &ActorCast::stopped, this, &LessonRunner::onActorsStopped);
    }
    if (!step.probes && !m_actors) {
        setPhase(Phase::Before);
        beginPreflight();
        return true;
    }

    setPhase(Phase::Before);
    if (step.probes) {
        for (const ProbeSpec& spec : step.probeSpecs) {
            auto* pool = new ProbePool(m_sandbox, m_probeSettings, spec, this);
            connect(pool, &ProbePool::sampleRecorded, this, &LessonRunner::sampleRecorded);
            connect(pool, &ProbePool::connectionProblem, this, &LessonRunner::sideProblem);
            pool->setStep(step.id);
            m_probes.append(pool);
        }
        // Polled at least as often as a wait must last to count as slow (RunRecord::blockedThresholdMs), so
        // every probe wait long enough to matter is seen by a poll and counted as a lock wait, not as "slow".
        m_monitor = new LockMonitor(m_sandbox, LockMonitor::kLessonPollMs, this);
        connect(m_monitor, &LockMonitor::snapshot, this, &LessonRunner::locksObserved);
        for (ProbePool* pool : std::as_const(m_probes))
            pool->start(m_clock);
        m_monitor->start(m_clock);
    }
    if (m_actors)
        m_actors->start(m_clock);

    // Probe for a moment first so the chart shows what "normal" looks like,
    // and the actors are in place before the statements.
    m_phaseTimer.disconnect();
    connect(&m_phaseTimer, &QTimer::timeout, this, &LessonRunner::beginPreflight);
    m_phaseTimer.start(step.leadMs >= 0 ? int(step.leadMs) : m_probeSettings.leadMs);
    return true;
}

void LessonRunner::beginPreflight()
{
    if (m_cancelBeforeStart || m_preflightThresholdMs <= 0) {
        startMigration();
        return;
    }
    m_awaitingPreflight = true;
    ++m_preflightsOutstanding;
    postCall(m_worker, [worker = m_worker, threshold = m_preflightThresholdMs]() { worker->preflight(threshold); });
}

void LessonRunner::onPreflightDone(const PreflightReport& report)
{
    // The worker answers in order: while more are due, this one belongs to a cancelled step.
    if (--m_preflightsOutstanding > 0 || !m_awaitingPreflight)
        return;
    m_awaitingPreflight = false;
    if (!report.error.isEmpty())
        emit sideProblem(QStringLiteral("The pre-flight check failed: %1").arg(report.error));
    if (!report.hasWarnings()) {
        startMigration();
        return;
    }
    m_record.preflightWarnings = report.warnings();
    emit preflightWarning(report);
    if (m_preflightAsks) {
        m_awaitingAnswer = true;
        return;
    }
    startMigration();
}

void LessonRunner::continueAfterPreflight()
{
    if (!m_awaitingAnswer)
        return;
    m_awaitingAnswer = false;
    startMigration();
}

void LessonRunner::startMigration()
{
    if (m_cancelBeforeStart) {
        m_outcome.cancelled = true;
        m_outcome.summary = "Cancelled before the step started: nothing was changed.";
        m_outcome.startMs = m_outcome.endMs = m_clock.nowMs();
        finishRecording();
        return;
    }
    setPhase(Phase::Running);
    postCall(m_worker,
             [worker = m_worker, request = m_request, clock = m_clock]() { worker->runStep(request, clock); });
}

void LessonRunner::onWorkerFinished(const StepOutcome& outcome)
{
    m_outcome = outcome;
    // The step has ended: its background sessions end with it.
    if (m_actors)
        m_actors->stop();
    if (m_probes.isEmpty() && !m_monitor) {
        finishRecording();
        return;
    }
    // Keep probing for a while: the chart should show reads recover.
    setPhase(Phase::After);
    m_phaseTimer.disconnect();
    connect(&m_phaseTimer, &QTimer::timeout, this, &LessonRunner::finishRecording);
    m_phaseTimer.start(m_probeSettings.tailMs);
}

void LessonRunner::cancel()
{
    switch (m_phase) {
    case Phase::Idle:
        return;
    case Phase::Before:
        if (m_cancelBeforeStart)
            return; // already winding down
        m_cancelBeforeStart = true;
        m_phaseTimer.stop();
        m_awaitingPreflight = false;
        m_awaitingAnswer = false;
        // From the event loop, not from inside cancel(): a caller that reacts
        // to stepFinished (the window closing itself) is not re-entered.
        QMetaObject::invokeMethod(this, &LessonRunner::startMigration, Qt::QueuedConnection);
        return;
    case Phase::Running:
        cancelWorker();
        return;
    case Phase::After:
        m_phaseTimer.stop();
        finishRecording();
        return;
    }
}

void LessonRunner::cancelWorker()
{
    m_request.cancel->storeRelaxed(1);
    // PQcancel is a network round trip: never on this (the GUI) thread.
    StatementCanceller::cancelInBackground(m_worker->canceller());
}

void LessonRunner::onActorsStopped()
{
    m_record.actors = m_actors->spans();
    m_actors->deleteLater();
    m_actors = nullptr;
    if (m_finishAfterActors) {
        m_finishAfterActors = false;
        finishRecording();
    }
}

void LessonRunner::stopObservers()
{
    // Only on destruction with actors still running: they end on their own, nobody waits.
    delete m_actors;
    m_actors = nullptr;
    if (!m_probes.isEmpty()) {
        for (ProbePool* pool : std::as_const(m_probes)) {
            pool->stop();
            m_record.samples += pool->samples();
            delete pool;
        }
        m_probes.clear();
        // One list in time order whatever the series.
        std::stable_sort(m_record.samples.begin(), m_record.samples.end(),
                         [](const ProbeSample& a, const ProbeSample& b) { return a.scheduledMs < b.scheduledMs; });
    }
    if (m_monitor) {
        m_monitor->stop();
        m_record.locks = m_monitor->intervals();
        delete m_monitor;
        m_monitor = nullptr;
    }
}

void LessonRunner::finishRecording()
{
    m_phaseTimer.stop();
    m_awaitingPreflight = false;
    m_awaitingAnswer = false;
    if (m_actors) {
        // What an actor reports as it ends belongs to this run: finish once they all have.
        m_finishAfterActors = true;
        m_actors->stop();
        return;
    }
    m_record.endMs = m_clock.nowMs();
    stopObservers();
    // The migration's own locks from its statement timeline, exact; the poll for everyone else's.
    m_record.locks = OwnLockTimeline::merge(m_record.locks, m_outcome.ownLocks, m_outcome.autocommitWindows);
    m_record.migrationStartMs = m_outcome.startMs;
    m_record.migrationEndMs = m_outcome.endMs;
    m_record.succeeded = m_outcome.succeeded;
    m_record.cancelled = m_outcome.cancelled;
    m_record.failedAsExpected = !m_outcome.succeeded && !m_outcome.cancelled && !m_request.step.expectedError.isEmpty()
        && m_outcome.sqlState == m_request.step.expectedError;
    m_record.error = m_outcome.error;
    setPhase(Phase::Idle);
    emit stepFinished(m_record, m_outcome);
}

} // namespace locklab
