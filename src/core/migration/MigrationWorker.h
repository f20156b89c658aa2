#pragma once

#include "core/lesson/Lesson.h"
#include "core/migration/ExecutionPlan.h"
#include "core/migration/OwnLockTimeline.h"
#include "core/migration/SchemaSnapshot.h"
#include "core/observe/PreflightCheck.h"
#include "core/run/RunClock.h"
#include "core/run/RunRecord.h"
#include "core/server/ConnectionSettings.h"
#include "core/server/StatementCanceller.h"

#include <QAtomicInteger>
#include <QMutex>
#include <QObject>
#include <memory>

namespace locklab {

class DatabaseConnection;
class RowTemplate;

struct StepOutcome
{
    bool succeeded = false;
    bool cancelled = false;
    bool connectionLost = false;
    QString error; // the server's message, with SQLSTATE
    QString sqlState;
    QString summary; // what state the tables are in now, in words
    double startMs = 0;
    double endMs = 0;
    // The migration's own locks taken inside transactions, exact to the
    // statement (see OwnLockTimeline).
    QList<LockInterval> ownLocks;
    // When each statement outside a transaction ran (see OwnLockTimeline).
    QList<OwnLockTimeline::Window> autocommitWindows;
};

// One step's cancel flag, made with the request before the worker starts, so
// a cancel while the worker still connects or plans is not lost.
using CancelToken = std::shared_ptr<QAtomicInteger<int>>;

// A lesson step to run, with everything the worker needs to plan it against
// the ledger as it is at that moment.
struct StepRequest
{
    Lesson lesson;
    LessonStep step; // one of lesson.steps, or a migrationStep() of it
    QMap<QString, Migration> catalog;
    QVariantMap parameters;
    CancelToken cancel = std::make_shared<QAtomicInteger<int>>(0);
};

// Runs execution plans on its own connection. Lives on a worker thread
// (moveToThread); every slot runs there, so the GUI never waits on the
// database. requestCancel() is the one method meant to be called directly
// from another thread.
class MigrationWorker : public QObject
{
    Q_OBJECT
public:
    explicit MigrationWorker(const ConnectionSettings& sandbox, QObject* parent = nullptr);
    ~MigrationWorker() override;

    // Thread-safe: stops the current step between statements and cancels the
    // one in flight (a network round trip: not on the GUI thread; set the
    // request's token and use canceller() from a pool thread there).
    void requestCancel();
    // Cancels the statement in flight on whichever connection the worker has open; outlives the worker.
    std::shared_ptr<StatementCanceller> canceller() const { return m_canceller; }

public slots:
    void open();
    void close();
    // Later steps connect with `sandbox` (the open connection is closed now).
    void setSettings(const locklab::ConnectionSettings& sandbox);
    // Plans the step against the current ledger (emits planned()), then runs it.
    void runStep(const locklab::StepRequest& request, const locklab::RunClock& clock);
    void run(const locklab::ExecutionPlan& plan, const locklab::RunClock& clock);
    void readSnapshot(const QStringList& tables);
    // How later snapshots count rows (Exact until told otherwise).
    void setRowCounts(locklab::RowCounts counts) { m_rowCounts = counts; }
    // Looks for transactions open longer than thresholdMs (emits preflightDone()).
    void preflight(double thresholdMs);

signals:
    void opened(bool ok, const QString& error);
    void planned(const locklab::ExecutionPlan& plan);
    void statementStarted(const QString& sql, double startMs);
    void statementFinished(const locklab::StatementTiming& timing);
    void progress(qint64 done, qint64 total, const QString& what);
    void finished(const locklab::StepOutcome& outcome);
    void snapshotReady(const locklab::SchemaSnapshot& snapshot);
    void preflightDone(const locklab::PreflightReport& report);

private:
    // `refused` (optional) is set when the connection works but the database is not a LockLab sandbox.
    bool ensureOpen(QString* error, bool* refused = nullptr);
    void setConnection(std::unique_ptr<DatabaseConnection> connection);
    qint64 beginJournal();
    void endJournal(qint64 entry);
    void resetSession();
    bool execute(const Operation& op, StepOutcome* outcome);
    // After a lock timeout in try `attempt` of the transaction that `begin`
    // opened: rolls it back and waits the jittered pause. False when the
    // tries are used up or the step was cancelled meanwhile.
    bool prepareRetry(const Operation& begin, int attempt, StepOutcome* outcome);
    bool runSql(const QString& sql, const QVariantList& bindings, StatementTiming* timing);
    // runSql() shown in the statement table; a failure goes to `outcome`.
    bool runStatement(const QString& sql, StepOutcome* outcome);
    bool runCopy(const Operation& op, const RowTemplate& rows, qint64 from, qint64 to, StatementTiming* timing);
    bool runCleanup(const QString& sql);
    bool runRanges(const Operation& op, qint64 first, qint64 last, StepOutcome* outcome);
    bool cancelled() const { return !m_cleaningUp && m_cancel && m_cancel->loadRelaxed() != 0; }
    void fail(StepOutcome* outcome, const StatementTiming& timing);

    ConnectionSettings m_settings;
    std::unique_ptr<DatabaseConnection> m_connection;
    RowCounts m_rowCounts = RowCounts::Exact;
    // Guards replacing m_connection against requestCancel() from another thread.
    QMutex m_connectionMutex;
    const StepRequest* m_currentRequest = nullptr; // the step being run, for the run journal
    CancelToken m_cancel; // the current step's; written on this thread under m_connectionMutex
    bool m_cleaningUp = false; // rolling back after a failure or cancel: cancel no longer applies
    const std::shared_ptr<StatementCanceller> m_canceller = std::make_shared<StatementCanceller>();
    RunClock m_clock;
    bool m_inTransaction = false;
    qint64 m_rowsDone = 0;
    qint64 m_rowsTotal = 0;
    int m_committedBatches = 0;
    int m_plannedBatches = 0;
    QString m_lastBatchedTable;
    QMap<QString, QStringList> m_deferredRestore; // table -> statements re-creating its deferred indexes
    double m_migrationStartMs = 0;
    // Reads the relation locks this backend holds now, for m_ownLocks.
    QList<OwnLockTimeline::Lock> heldLocks(QHash<QString, QString>* tables);
    OwnLockTimeline m_ownLocks;
    int m_attempt = 0; // try number of the retried transaction running now, 0 outside one
};

} // namespace locklab

Q_DECLARE_METATYPE(locklab::StepOutcome)
Q_DECLARE_METATYPE(locklab::StepRequest)
Q_DECLARE_METATYPE(locklab::ExecutionPlan)
Q_DECLARE_METATYPE(locklab::RunClock)
Q_DECLARE_METATYPE(locklab::StatementTiming)
Q_DECLARE_METATYPE(locklab::SchemaSnapshot)
