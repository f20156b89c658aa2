#pragma once

#include "core/lesson/Lesson.h"
#include "core/migration/ExecutionPlan.h"
#include "core/migration/MigrationWorker.h"
#include "core/migration/SchemaSnapshot.h"
#include "core/observe/LockRow.h"
#include "core/observe/ProbeSettings.h"
#include "core/run/RunRecord.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

namespace locklab {

class ActorCast;
class LockMonitor;
class ProbePool;

// Runs one lesson step at a time, the way the attendee sees it: probes and the
// lock monitor start first (so the chart shows "before"), the migration
// worker runs the step on its own thread, probing goes on a few seconds
// afterwards, and everything observed is collected into a RunRecord.
// Lives on the GUI thread (or the CLI's main thread) and never blocks it.
class LessonRunner : public QObject
{
    Q_OBJECT
public:
    enum class Phase { Idle, Before, Running, After };
    Q_ENUM(Phase)

    explicit LessonRunner(const ConnectionSettings& sandbox, QObject* parent = nullptr);
    ~LessonRunner() override;

    void setProbeSettings(const ProbeSettings& settings) { m_probeSettings = settings; }
    ProbeSettings probeSettings() const { return m_probeSettings; }
    void setServerVersion(const QString& version) { m_serverVersion = version; }
    // The connection of the next steps (probes, lock monitor, migration). Only while idle.
    void setSandbox(const ConnectionSettings& sandbox);
    // Before the statements run, look for transactions open longer than
    // thresholdMs (0: no check). With `ask` the runner waits after a warning
    // until continueAfterPreflight() or cancel(); without, it warns and runs.
    void setPreflight(double thresholdMs, bool ask)
    {
        m_preflightThresholdMs = thresholdMs;
        m_preflightAsks = ask;
    }
    bool isAwaitingPreflightAnswer() const { return m_awaitingAnswer; }
    void continueAfterPreflight();

    Phase phase() const { return m_phase; }
    bool isBusy() const { return m_phase != Phase::Idle; }
    SchemaSnapshot snapshot() const { return m_snapshot; }

    // Starts `step` of `lesson`: one of its steps, or one made by
    // migrationStep(lesson, target). False (with the reason) when a step is
    // already running or the parameters are out of range; nothing is changed then.
    bool runStep(const Lesson& lesson, const LessonStep& step, const QMap<QString, Migration>& catalog,
                 const QVariantMap& parameters, QString* error);
    // The same for step `stepIndex` of the library's lesson `lessonId`.
    bool runStep(const LessonLibrary& library, const QString& lessonId, int stepIndex, const QVariantMap& parameters,
                 QString* error);
    void cancel();
    // The tables refreshSnapshot() reads (the shown lesson's); runStep sets them to its lesson's.
    void setTables(const QStringList& tables) { m_tables = tables; }
    QStringList tables() const { return m_tables; }
    void refreshSnapshot();
    // How snapshots count rows: Estimated (the default, what views show) or
    // Exact where a caller compares counts (the CLI's "are the rows seeded").
    void setRowCounts(RowCounts counts);

signals:
    void phaseChanged(locklab::LessonRunner::Phase phase);
    void planned(const locklab::ExecutionPlan& plan);
    void statementStarted(const QString& sql, double startMs);
    void statementFinished(const locklab::StatementTiming& timing);
    void progress(qint64 done, qint64 total, const QString& what);
    void sampleRecorded(const locklab::ProbeSample& sample);
    void locksObserved(const QList<locklab::LockRow>& rows, double atMs);
    void stepFinished(const locklab::RunRecord& record, const locklab::StepOutcome& outcome);
    void snapshotChanged(const locklab::SchemaSnapshot& snapshot);
    // Long-open transactions were found before the statements ran.
    void preflightWarning(const locklab::PreflightReport& report);
    void actorStarted(const QString& name, double atMs);
    void actorEnded(const locklab::ActorSpan& span);
    // Something went wrong beside the step (an actor's connection died, a
    // probe could not connect): worth saying, the step goes on.
    void sideProblem(const QString& message);

private:
    void setPhase(Phase phase);
    void startMigration();
    void beginPreflight();
    void onPreflightDone(const PreflightReport& report);
    void onActorsStopped();
    void onWorkerFinished(const StepOutcome& outcome);
    void finishRecording();
    void stopObservers();
    void cancelWorker();

    ConnectionSettings m_sandbox;
    ProbeSettings m_probeSettings;
    QString m_serverVersion;
    QThread m_workerThread;
    QPointer<MigrationWorker> m_worker;
    QList<ProbePool*> m_probes; // one per probe series of the step
    ActorCast* m_actors = nullptr;
    LockMonitor* m_monitor = nullptr;
    QTimer m_phaseTimer;
    Phase m_phase = Phase::Idle;
    bool m_cancelBeforeStart = false;
    bool m_finishAfterActors = false; // the recording ends once the actors have ended
    double m_preflightThresholdMs = 5000;
    bool m_preflightAsks = false;
    bool m_awaitingPreflight = false; // asked the worker, no answer yet
    bool m_awaitingAnswer = false; // warned, waiting for continueAfterPreflight() or cancel()
    int m_preflightsOutstanding = 0; // answers of a cancelled step still to come are dropped

    RunClock m_clock;
    StepRequest m_request;
    RunRecord m_record;
    StepOutcome m_outcome;
    SchemaSnapshot m_snapshot;
    QStringList m_tables;
};

} // namespace locklab
