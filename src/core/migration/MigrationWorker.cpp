#include "core/migration/MigrationWorker.h"

#include "core/migration/CopyIn.h"
#include "core/migration/DeferredIndexes.h"
#include "core/observe/PreflightCheck.h"

#include "core/lesson/CountParser.h"
#include "core/migration/MigrationLedger.h"
#include "core/migration/RunJournal.h"
#include "core/migration/SeededSizes.h"
#include "core/migration/StepOutcomeText.h"
#include "core/migration/StepPlanner.h"
#include "core/observe/QueuedCall.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/Sandbox.h"
#include "core/server/SqlUtil.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace locklab {

MigrationWorker::MigrationWorker(const ConnectionSettings& sandbox, QObject* parent)
    : QObject(parent)
    , m_settings(sandbox)
{
    qRegisterMetaType<StepOutcome>();
    qRegisterMetaType<StepRequest>();
    qRegisterMetaType<ExecutionPlan>();
    qRegisterMetaType<RunClock>();
    qRegisterMetaType<StatementTiming>();
    qRegisterMetaType<SchemaSnapshot>();
    qRegisterMetaType<PreflightReport>();
}

MigrationWorker::~MigrationWorker()
{
    ownerDone(this);
}

void MigrationWorker::requestCancel()
{
    {
        QMutexLocker locker(&m_connectionMutex);
        if (m_cancel)
            m_cancel->storeRelaxed(1);
    }
    m_canceller->cancel();
}

void MigrationWorker::open()
{
    QString error;
    const bool ok = ensureOpen(&error);
    emit opened(ok, error);
}

void MigrationWorker::close()
{
    setConnection(nullptr);
}

void MigrationWorker::setSettings(const ConnectionSettings& sandbox)
{
    m_settings = sandbox;
    setConnection(nullptr);
}

void MigrationWorker::setConnection(std::unique_ptr<DatabaseConnection> connection)
{
    std::unique_ptr<DatabaseConnection> old;
    {
        QMutexLocker locker(&m_connectionMutex);
        old = std::move(m_connection);
        m_connection = std::move(connection);
    }
    // `old` closes and removes its QSqlDatabase here, on this thread.
}

bool MigrationWorker::ensureOpen(QString* error, bool* refused)
{
    if (refused)
        *refused = false;
    if (m_connection && !m_connection->isBroken())
        return true;
    // A connection lost earlier (server restarted, backend terminated) is replaced by a new one.
    setConnection(nullptr);
    auto connection = std::make_unique<DatabaseConnection>(m_settings, "locklab-migration", m_canceller);
    if (!connection->open(error))
        return false;
    bool marked = false;
    {
        QSqlDatabase db = connection->database();
        marked = Sandbox::isMarked(db);
        if (marked
            && (!MigrationLedger::ensureTable(db, error) || !RunJournal::ensureTable(db, error)
                || !SeededSizes::ensureTable(db, error)))
            return false;
        // The embedded cluster runs with synchronous_commit = off. A step that
        // LockLab reports as done must survive a server crash, or after the
        // restart the ledger would contradict what LockLab said: commits on
        // this connection wait for their WAL to reach the disk.
        if (marked)
            QSqlQuery(db).exec("SET synchronous_commit = on");
    }
    if (!marked) {
        *error = QString("The database '%1' is not a LockLab sandbox, so LockLab will not run lesson steps in it: "
                         "it creates, alters and drops tables only in a database it created and marked "
                         "(locklab.sandbox). Nothing was changed.")
                     .arg(m_settings.resolvedWithLibpqDefaults().database);
        if (refused)
            *refused = true;
        return false;
    }
    setConnection(std::move(connection));
    return true;
}

qint64 MigrationWorker::beginJournal()
{
    if (!m_currentRequest)
        return 0;
    const Lesson& lesson = m_currentRequest->lesson;
    const LessonStep& step = m_currentRequest->step;
    QSqlDatabase db = m_connection->database();
    QString error;
    const qint64 entry = RunJournal::begin(db, lesson.id, lesson.title, step.id, step.title, &error);
    if (!entry)
        qWarning("LockLab: %s", qPrintable(error)); // the step itself can still run
    return entry;
}

void MigrationWorker::endJournal(qint64 entry)
{
    if (!entry || !m_connection || m_connection->isBroken())
        return; // a lost connection leaves the entry: the next start reports the step as interrupted
    QSqlDatabase db = m_connection->database();
    QString error;
    // A cancel can land late, on this statement (see runCleanup).
    for (int attempt = 0; attempt < 3 && !m_connection->isBroken(); ++attempt) {
        if (RunJournal::end(db, entry, &error))
            return;
        QThread::msleep(50);
    }
    qWarning("LockLab: %s", qPrintable(error));
}

void MigrationWorker::runStep(const StepRequest& request, const RunClock& clock)
{
    {
        QMutexLocker locker(&m_connectionMutex);
        m_cancel = request.cancel ? request.cancel : std::make_shared<QAtomicInteger<int>>(0);
    }
    m_clock = clock;
    StepOutcome outcome;
    outcome.startMs = m_clock.nowMs();
    QString error;
    ExecutionPlan plan;
    bool refused = false;
    bool ok = ensureOpen(&error, &refused);
    if (ok) {
        resetSession();
        QStringList appliedNames;
        const QList<AppliedMigration> applied = MigrationLedger::applied(m_connection->database(), &error);
        for (const AppliedMigration& m : applied)
            appliedNames << m.name;
        ok = error.isEmpty()
            && StepPlanner::build(request.lesson, request.step, request.catalog, appliedNames, request.parameters,
                                  &plan, &error);
    }
    if (!ok) {
        if (cancelled() && !refused) {
            // The cancel reached the connection's set-up or the ledger query
            // (its PQcancel cut that statement short): a cancel, not a
            // failure, and the connection was not lost.
            outcome.cancelled = true;
            outcome.summary = "Cancelled before the step started: nothing was changed.";
        } else {
            outcome.error = error;
            outcome.connectionLost = !m_connection && !refused;
            outcome.summary = "Nothing was changed.";
        }
        outcome.endMs = m_clock.nowMs();
        emit finished(outcome);
        readSnapshot(request.lesson.tables);
        return;
    }
    emit planned(plan);
    m_currentRequest = &request;
    run(plan, clock);
    m_currentRequest = nullptr;
}

void MigrationWorker::run(const ExecutionPlan& plan, const RunClock& clock)
{
    m_clock = clock;
    m_inTransaction = false;
    m_rowsDone = 0;
    m_rowsTotal = plan.totalRows;
    m_committedBatches = 0;
    m_plannedBatches = 0;
    m_lastBatchedTable.clear();
    m_deferredRestore.clear();

    StepOutcome outcome;
    outcome.startMs = m_clock.nowMs();
    QString error;
    bool refused = false;
    if (!ensureOpen(&error, &refused)) {
        outcome.error = error;
        outcome.connectionLost = !refused;
        outcome.endMs = m_clock.nowMs();
        outcome.summary = refused
            ? QString("Nothing was changed.")
            : QString("Nothing was changed: LockLab could not open its connection to the sandbox.");
        emit finished(outcome);
        return;
    }

    // Autocommit, before the step's first statement: a row left behind means the step was interrupted.
    const qint64 journalEntry = beginJournal();
    m_ownLocks.clear();
    {
        QSqlQuery pid(m_connection->database());
        m_ownLocks.setPid(pid.exec("SELECT pg_backend_pid()") && pid.next() ? pid.value(0).toInt() : 0);
    }
    bool ok = true;
    qsizetype retriedBegin = -1; // index of the BEGIN of the retried transaction running now
    m_attempt = 0;
    for (qsizetype i = 0; i < plan.operations.size(); ++i) {
        const Operation& op = plan.operations.at(i);
        if (op.kind == Operation::Kind::Begin && op.attempts > 0 && i != retriedBegin) {
            retriedBegin = i;
            m_attempt = 1;
        }
        if (cancelled()) {
            ok = false;
            break;
        }
        if (execute(op, &outcome)) {
            if (op.kind == Operation::Kind::Commit) {
                retriedBegin = -1;
                m_attempt = 0;
            }
            continue;
        }
        // Only a lock timeout is retried, and only the whole transaction.
        if (retriedBegin >= 0 && outcome.sqlState == QLatin1String("55P03")
            && prepareRetry(plan.operations.at(retriedBegin), m_attempt, &outcome)) {
            ++m_attempt;
            i = retriedBegin - 1; // the loop's ++i starts at the BEGIN again
            continue;
        }
        ok = false;
        break;
    }
    m_attempt = 0;
    // Only a cancel this step asked for is a cancel. A 57014 it did not ask
    // for (its own statement_timeout, pg_cancel_backend from another
    // session) is the statement failing, with the server's message: lesson 7
    // shows a concurrent build cut short that way, and expects that error.
    outcome.cancelled = cancelled();
    const bool failedInTransaction = !ok && m_inTransaction;
    if (!ok && !m_connection->isBroken()) {
        // Clean-up must run even though a cancel was requested.
        m_cleaningUp = true;
        if (m_inTransaction)
            runCleanup("ROLLBACK");
        m_inTransaction = false;
        resetSession(); // the clean-up must not run under the step's 50 ms statement_timeout
        m_ownLocks.transactionEnded(m_clock.nowMs());
        for (const Operation& op : plan.onFailure)
            runCleanup(op.sql);
        m_cleaningUp = false;
    } else if (ok) {
        StepOutcome afterwards;
        for (const Operation& op : plan.onSuccess)
            execute(op, &afterwards);
    }
    // The SQLSTATE too: libpq may not have seen the socket close yet when the server's FATAL arrives.
    outcome.connectionLost = !ok && (m_connection->isBroken() || isConnectionLostState(outcome.sqlState));
    m_ownLocks.transactionEnded(m_clock.nowMs()); // a lost connection ended its transaction too
    outcome.ownLocks = m_ownLocks.intervals();
    outcome.autocommitWindows = m_ownLocks.autocommitWindows();
    outcome.succeeded = ok;
    outcome.endMs = m_clock.nowMs();
    StepEndState state;
    state.seeding = plan.totalRows > 0;
    state.inTransaction = failedInTransaction;
    state.committedBatches = m_committedBatches;
    state.plannedBatches = m_plannedBatches;
    state.batchedTable = m_lastBatchedTable;
    outcome.summary = StepOutcomeText::summary(outcome, state);
    m_inTransaction = false;
    if (outcome.connectionLost) {
        setConnection(nullptr); // the next request opens a new one
    } else {
        // The journal and the schema snapshot read after the step run on this
        // connection too: not under a statement_timeout the step SET.
        resetSession();
        endJournal(journalEntry);
    }
    emit finished(outcome);
    readSnapshot(plan.tables);
}

// Back to the session's defaults: a lesson may SET a timeout or a
// search_path for itself (the failing concurrent index build of the indexes
// lesson sets statement_timeout), and a step that stops early never reaches
// its RESET. The durable commits stay on.
void MigrationWorker::resetSession()
{
    QSqlQuery reset(m_connection->database());
    reset.exec("RESET ALL");
    reset.exec("SET synchronous_commit = on");
}

void MigrationWorker::readSnapshot(const QStringList& tables)
{
    QString error;
    if (!ensureOpen(&error)) {
        SchemaSnapshot snapshot;
        snapshot.error = error;
        emit snapshotReady(snapshot);
        return;
    }
    emit snapshotReady(SchemaSnapshot::read(m_connection->database(), tables, m_rowCounts));
}

void MigrationWorker::preflight(double thresholdMs)
{
    QString error;
    if (!ensureOpen(&error)) {
        PreflightReport report;
        report.thresholdMs = thresholdMs;
        report.error = error;
        emit preflightDone(report);
        return;
    }
    emit preflightDone(PreflightCheck::run(m_connection->database(), thresholdMs));
}

bool MigrationWorker::runSql(const QString& sql, const QVariantList& bindings, StatementTiming* timing)
{
    timing->sql = sql;
    QSqlQuery query(m_connection->database());
    bool ok = false;
    // Time only the statement itself, not the preparation.
    if (bindings.isEmpty()) {
        timing->startMs = m_clock.nowMs();
        ok = query.exec(sql);
    } else {
        ok = query.prepare(sql);
        for (int i = 0; ok && i < bindings.size(); ++i)
            query.bindValue(i, bindings.at(i));
        timing->startMs = m_clock.nowMs();
        ok = ok && query.exec();
    }
    timing->endMs = m_clock.nowMs();
    if (ok) {
        timing->rowsAffected = query.numRowsAffected();
        return true;
    }
    const QSqlError error = query.lastError();
    timing->sqlState = error.nativeErrorCode();
    timing->error = error.databaseText().trimmed();
    if (timing->error.isEmpty())
        timing->error = error.text().trimmed();
    // QPSQL ends the text with the SQLSTATE in parentheses, "()" when there is
    // none (libpq's own errors); fail() adds it in words.
    const QString codeSuffix = QString("(%1)").arg(timing->sqlState);
    if (timing->error.endsWith(codeSuffix))
        timing->error = timing->error.chopped(codeSuffix.size()).trimmed();
    return false;
}

bool MigrationWorker::runCleanup(const QString& sql)
{
    // A cancel request is delivered to the server asynchronously and can land
    // on the statement after the one it was meant for: retry what it hits.
    StatementTiming timing;
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (runSql(sql, {}, &timing))
            return true;
        if (timing.sqlState != "57014")
            return false;
        QThread::msleep(50);
    }
    return false;
}

void MigrationWorker::fail(StepOutcome* outcome, const StatementTiming& timing)
{
    outcome->sqlState = timing.sqlState;
    outcome->error = timing.sqlState.isEmpty() ? timing.error
                                               : QString("%1 (SQLSTATE %2)").arg(timing.error, timing.sqlState);
}

bool MigrationWorker::execute(const Operation& op, StepOutcome* outcome)
{
    QString error;
    QSqlDatabase db = m_connection->database();
    switch (op.kind) {
    case Operation::Kind::Sql:
    case Operation::Kind::Begin:
    case Operation::Kind::Commit: {
        const QString sql = op.kind == Operation::Kind::Begin ? QString("BEGIN")
            : op.kind == Operation::Kind::Commit              ? QString("COMMIT")
                                                              : op.sql;
        StatementTiming timing;
        emit statementStarted(sql, m_clock.nowMs());
        const bool ok = runSql(sql, {}, &timing);
        timing.attempt = m_attempt;
        emit statementFinished(timing);
        if (op.kind == Operation::Kind::Sql && !m_inTransaction)
            m_ownLocks.autocommitStatement(timing.startMs, timing.endMs);
        if (!ok) {
            fail(outcome, timing);
            return false;
        }
        if (op.kind == Operation::Kind::Begin) {
            m_inTransaction = true;
        } else if (op.kind == Operation::Kind::Commit) {
            m_inTransaction = false;
            m_ownLocks.transactionEnded(timing.endMs);
        } else if (m_inTransaction) {
            // Still held after the statement, so taken by it (or earlier) and held to COMMIT.
            QHash<QString, QString> tables;
            const QList<OwnLockTimeline::Lock> held = heldLocks(&tables);
            m_ownLocks.statementDone(held, timing.startMs, tables);
        }
        return true;
    }
    case Operation::Kind::MigrationStart:
        m_migrationStartMs = m_clock.nowMs();
        emit progress(0, 0, QString("%1 %2").arg(op.forward ? "Applying" : "Rolling back", op.name));
        return true;
    case Operation::Kind::LedgerRecord:
        if (!MigrationLedger::record(db, op.name, m_clock.nowMs() - m_migrationStartMs, &error)) {
            outcome->error = error;
            return false;
        }
        return true;
    case Operation::Kind::LedgerForget:
        if (!MigrationLedger::forget(db, op.name, &error)) {
            outcome->error = error;
            return false;
        }
        return true;
    case Operation::Kind::LedgerClear:
        if (!MigrationLedger::clear(db, &error)) {
            outcome->error = error;
            return false;
        }
        return true;
    case Operation::Kind::Batched: {
        QSqlQuery range(db);
        const QString sql = QString("SELECT min(%1), max(%1) FROM %2")
                                .arg(escapeIdentifier(db, op.key), escapeIdentifier(db, op.table));
        if (!range.exec(sql) || !range.next()) {
            outcome->error = range.lastError().databaseText();
            return false;
        }
        if (range.value(0).isNull())
            return true; // an empty table: nothing to backfill
        return runRanges(op, range.value(0).toLongLong(), range.value(1).toLongLong(), outcome);
    }
    case Operation::Kind::Fill:
        return runRanges(op, 1, op.rows, outcome);
    case Operation::Kind::DeferIndexes: {
        DeferredIndexes deferred;
        if (!DeferredIndexes::read(db, op.table, &deferred, &error)) {
            outcome->error = error;
            return false;
        }
        m_deferredRestore.insert(op.table, deferred.restore);
        for (const QString& sql : std::as_const(deferred.drop)) {
            if (cancelled() || !runStatement(sql, outcome))
                return false;
        }
        return true;
    }
    case Operation::Kind::RestoreIndexes:
        // One statement each, of unknown length: the bar turns busy and shows the statement's own clock.
        emit progress(0, 0, QString("Indexing %1").arg(op.table));
        for (const QString& sql : m_deferredRestore.take(op.table)) {
            if (cancelled() || !runStatement(sql, outcome))
                return false;
        }
        return true;
    }
    return false;
}

bool MigrationWorker::runStatement(const QString& sql, StepOutcome* outcome)
{
    StatementTiming timing;
    emit statementStarted(sql, m_clock.nowMs());
    const bool ok = runSql(sql, {}, &timing);
    timing.attempt = m_attempt;
    emit statementFinished(timing);
    if (!m_inTransaction)
        m_ownLocks.autocommitStatement(timing.startMs, timing.endMs);
    if (!ok)
        fail(outcome, timing);
    return ok;
}

bool MigrationWorker::runCopy(const Operation& op, const RowTemplate& rows, qint64 from, qint64 to,
                              StatementTiming* timing)
{
    QStringList columns;
    for (const QString& column : op.columns)
        columns << quoteIdentifier(column);
    timing->sql = QString("COPY %1 (%2) FROM STDIN").arg(quoteIdentifier(op.table), columns.join(", "));
    timing->startMs = m_clock.nowMs();
    const CopyIn::Result result = CopyIn::run(m_connection->libpqHandle(), timing->sql, rows, from, to,
                                              [this]() { return cancelled(); });
    timing->endMs = m_clock.nowMs();
    timing->rowsAffected = result.rows;
    timing->error = result.error;
    timing->sqlState = result.sqlState;
    return result.ok;
}

QList<OwnLockTimeline::Lock> MigrationWorker::heldLocks(QHash<QString, QString>* tables)
{
    // The same relation-level locks the lock monitor shows (no catalogs, no
    // TOAST), of this backend only. Runs after the statement's timing ended,
    // so it never counts toward a statement's duration.
    QSqlQuery query(m_connection->database());
    QList<OwnLockTimeline::Lock> held;
    if (!query.exec(QStringLiteral(
            "SELECT l.relation::regclass::text, l.mode, ix.indrelid::regclass::text FROM pg_locks l "
            "LEFT JOIN pg_class c ON c.oid = l.relation LEFT JOIN pg_namespace n ON n.oid = c.relnamespace "
            "LEFT JOIN pg_index ix ON ix.indexrelid = l.relation "
            "WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted "
            "  AND coalesce(n.nspname, '') NOT IN ('pg_catalog', 'information_schema') "
            "  AND coalesce(n.nspname, '') NOT LIKE 'pg\\_toast%'")))
        return held;
    while (query.next()) {
        held.append({ query.value(0).toString(), query.value(1).toString() });
        if (!query.value(2).isNull())
            tables->insert(query.value(0).toString(), query.value(2).toString());
    }
    return held;
}

bool MigrationWorker::prepareRetry(const Operation& begin, int attempt, StepOutcome* outcome)
{
    if (attempt >= begin.attempts || cancelled())
        return false;
    // The ROLLBACK is part of what runs, so it is a row of the statement table too.
    StatementTiming rollback;
    emit statementStarted(QStringLiteral("ROLLBACK"), m_clock.nowMs());
    const bool rolledBack = runSql(QStringLiteral("ROLLBACK"), {}, &rollback);
    rollback.attempt = attempt;
    emit statementFinished(rollback);
    if (!rolledBack)
        return false;
    m_inTransaction = false;
    m_ownLocks.transactionEnded(rollback.endMs);
    // Exponential backoff with "equal jitter": half the pause is fixed, half
    // random, so clients that timed out together do not come back together.
    const qint64 ceiling = std::min<qint64>(begin.maxBackoffMs, qint64(begin.backoffMs) << std::min(attempt - 1, 20));
    const qint64 pauseMs = ceiling / 2 + QRandomGenerator::global()->bounded(ceiling / 2 + 1);
    emit progress(0, 0,
                  QString("Lock not granted in time (try %1 of %2); trying again in %3 ms")
                      .arg(attempt)
                      .arg(begin.attempts)
                      .arg(pauseMs));
    QElapsedTimer slept;
    slept.start();
    while (slept.elapsed() < pauseMs && !cancelled())
        QThread::msleep(ulong(std::min<qint64>(20, std::max<qint64>(1, pauseMs - slept.elapsed()))));
    if (cancelled())
        return false;
    outcome->error.clear();
    outcome->sqlState.clear();
    return true;
}

bool MigrationWorker::runRanges(const Operation& op, qint64 first, qint64 last, StepOutcome* outcome)
{
    const bool filling = op.kind == Operation::Kind::Fill;
    const qint64 chunk = qMax<qint64>(1, op.batchSize);
    const qint64 total = last - first + 1;
    const qint64 batches = (total + chunk - 1) / chunk;
    m_lastBatchedTable = op.table;
    m_plannedBatches = int(batches);
    m_committedBatches = 0;

    StatementTiming aggregate;
    const QString statement = filling && !op.columns.isEmpty()
        ? QString("COPY %1 (%2) FROM STDIN").arg(quoteIdentifier(op.table), op.columns.join(", "))
        : op.sql.trimmed();
    aggregate.sql = QString("%1\n-- %2 %3 of %4 rows")
                        .arg(statement, CountParser::format(batches), filling ? "chunks" : "batches",
                             CountParser::format(chunk));
    aggregate.startMs = m_clock.nowMs();
    aggregate.rowsAffected = 0;
    emit statementStarted(aggregate.sql, aggregate.startMs);

    // Bound values reach the server untyped; functions like generate_series
    // need to know they are integers.
    static const QRegularExpression bound("(?<!:):(first|last)\\b");
    QString sql = op.sql;
    sql.replace(bound, "CAST(:\\1 AS bigint)");
    RowTemplate rows;
    const bool copying = filling && !op.columns.isEmpty();
    if (copying && !RowTemplate::parse(op.values, &rows, &outcome->error))
        return false;

    const QString what = filling ? QString("Filling %1").arg(op.table) : QString("Backfilling %1").arg(op.table);
    bool ok = true;
    for (qint64 from = first; from <= last; from += chunk) {
        if (cancelled()) {
            ok = false;
            break;
        }
        const qint64 to = qMin(last, from + chunk - 1);
        StatementTiming batch;
        if (!(copying ? runCopy(op, rows, from, to, &batch) : runSql(sql, { from, to }, &batch))) {
            aggregate.error = batch.error;
            aggregate.sqlState = batch.sqlState;
            fail(outcome, batch);
            ok = false;
            break;
        }
        aggregate.rowsAffected += qMax<qint64>(0, batch.rowsAffected);
        ++m_committedBatches;
        aggregate.batches = m_committedBatches;
        if (filling) {
            m_rowsDone += to - from + 1;
            emit progress(m_rowsDone, m_rowsTotal, what);
        } else {
            emit progress(to - first + 1, total, what);
        }
        for (qint64 slept = 0; slept < op.pauseMs && to < last && !cancelled(); slept += 50)
            QThread::msleep(ulong(qMin<qint64>(50, op.pauseMs - slept)));
    }
    aggregate.endMs = m_clock.nowMs();
    emit statementFinished(aggregate);
    return ok;
}

} // namespace locklab
