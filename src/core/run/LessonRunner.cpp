#include "core/run/LessonRunner.h"

#include "core/migration/OwnLockTimeline.h"
#include "core/observe/LockMonitor.h"
#include "core/observe/ProbePool.h"

#include <QThreadPool>

namespace locklab {

LessonRunner::LessonRunner(const ConnectionSettings& sandbox, QObject* parent)
    : QObject(parent)
    , m_sandbox(sandbox)
{
    m_workerThread.setObjectName("locklab-migration");
    m_worker = new MigrationWorker(sandbox);
    m_worker->moveToThread(&m_workerThread);
    connect(&m_workerThread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &MigrationWorker::planned, this, &LessonRunner::planned);
    connect(m_worker, &MigrationWorker::statementStarted, this, &LessonRunner::statementStarted);
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
    m_workerThread.start();

    m_phaseTimer.setSingleShot(true);
}

void LessonRunner::setSandbox(const ConnectionSettings& sandbox)
{
    m_sandbox = sandbox;
    // Queued before the next step's request, so the worker reconnects first.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, sandbox] { worker->setSettings(sandbox); }, Qt::QueuedConnection);
}

LessonRunner::~LessonRunner()
{
    if (m_worker)
        cancelWorker();
    stopObservers();
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &MigrationWorker::close, Qt::QueuedConnection);
    m_workerThread.quit();
    m_workerThread.wait();
}

void LessonRunner::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    emit phaseChanged(phase);
}

void LessonRunner::refreshSnapshot()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, tables = m_tables]() { worker->readSnapshot(tables); }, Qt::QueuedConnection);
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
    m_record.writeProbes = m_probeSettings.writeProbe;
    const QVariantMap resolved = step.resolvedParameters(parameters);
    m_record.parameters = resolved;
    const TableInfo* main = m_snapshot.table(lesson.mainTable());
    m_record.rowCount = resolved.contains("rows") ? resolved.value("rows").toLongLong() : (main ? main->rowCount : 0);
    m_cancelBeforeStart = false;

    if (!step.probes) {
        setPhase(Phase::Running);
        startMigration();
        return true;
    }

    setPhase(Phase::Before);
    m_probes = new ProbePool(m_sandbox, m_probeSettings, this);
    connect(m_probes, &ProbePool::sampleRecorded, this, &LessonRunner::sampleRecorded);
    m_probes->setStep(step.id);
    m_monitor = new LockMonitor(m_sandbox, 200, this);
    connect(m_monitor, &LockMonitor::snapshot, this, &LessonRunner::locksObserved);
    m_probes->start(m_clock);
    m_monitor->start(m_clock);

    // Probe for a moment first so the chart shows what "normal" looks like.
    m_phaseTimer.disconnect();
    connect(&m_phaseTimer, &QTimer::timeout, this, &LessonRunner::startMigration);
    m_phaseTimer.start(m_probeSettings.leadMs);
    return true;
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
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request = m_request, clock = m_clock]() { worker->runStep(request, clock); },
        Qt::QueuedConnection);
}

void LessonRunner::onWorkerFinished(const StepOutcome& outcome)
{
    m_outcome = outcome;
    if (!m_probes) {
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
        m_cancelBeforeStart = true;
        m_phaseTimer.stop();
        startMigration();
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
    QThreadPool::globalInstance()->start([canceller = m_worker->canceller()]() { canceller->cancel(); });
}

void LessonRunner::stopObservers()
{
    if (m_probes) {
        m_probes->stop();
        m_record.samples = m_probes->samples();
        delete m_probes;
        m_probes = nullptr;
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
    m_record.endMs = m_clock.nowMs();
    stopObservers();
    // The migration's own locks from its statement timeline, exact; the poll for everyone else's.
    m_record.locks = OwnLockTimeline::merge(m_record.locks, m_outcome.ownLocks);
    m_record.migrationStartMs = m_outcome.startMs;
    m_record.migrationEndMs = m_outcome.endMs;
    m_record.succeeded = m_outcome.succeeded;
    m_record.cancelled = m_outcome.cancelled;
    m_record.error = m_outcome.error;
    setPhase(Phase::Idle);
    emit stepFinished(m_record, m_outcome);
}

} // namespace locklab
