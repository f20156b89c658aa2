#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

class QSqlDatabase;

namespace locklab {

// A step that started and never recorded its end: LockLab (or the server)
// stopped while it ran.
struct InterruptedStep
{
    QString lessonId;
    QString lessonTitle;
    QString stepId;
    QString stepTitle;
    QDateTime startedAt; // local time
    qint64 appPid = 0; // the LockLab process that ran it
    // The server session that ran the step still exists: the step may still
    // be running (an orphaned statement the server has not noticed yet, or
    // another LockLab on the same sandbox).
    bool backendAlive = false;

    // "The step 'Add NOT NULL' of lesson 'Add NOT NULL the way Django does it'
    //  was interrupted at 14:32; ..."
    QString message() const;
};

// The run journal (locklab.run_journal in the sandbox): the migration worker
// writes a row, in autocommit, before a step's first statement and deletes it
// when the step ends, whether it succeeded, failed or was cancelled. A row
// left behind means the step was interrupted (LockLab killed, the machine
// suspended for good, the server died); PostgreSQL rolled back whatever
// transaction was open, and the ledger says what is applied.
class RunJournal
{
public:
    static bool ensureTable(QSqlDatabase& db, QString* error);

    // Records the start of a step; returns the entry id (0 on failure).
    static qint64 begin(QSqlDatabase& db, const QString& lessonId, const QString& lessonTitle, const QString& stepId,
                        const QString& stepTitle, QString* error);
    // Records the end of the step started with `begin`.
    static bool end(QSqlDatabase& db, qint64 entryId, QString* error);

    // The most recent step left unfinished, if any. Read-only; no table
    // needed (a sandbox that never ran a step has none).
    static std::optional<InterruptedStep> interruptedStep(const QSqlDatabase& db, QString* error = nullptr);
    // Forgets every unfinished entry (after the user has been told).
    static bool clear(QSqlDatabase& db, QString* error);
};

} // namespace locklab
