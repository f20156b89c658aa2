#pragma once

#include "core/lesson/Lesson.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace locklab {

// One thing the migration worker does. A step becomes a flat list of these,
// so what the attendee reads in the SQL view is exactly what runs.
struct Operation
{
    enum class Kind {
        Sql, // run `sql` as is
        Batched, // run `sql` over key ranges of `table`, each batch its own transaction
        Fill, // fill `table` with rows 1..rows in chunks of batchSize, a statement each (seeding):
              // COPY of `columns` built from `values` when given, else `sql` over :first..:last
        DeferIndexes, // drop the indexes and index-backed constraints of the new `table` (read from the
                      // catalog) so the load does not maintain them row by row
        RestoreIndexes, // re-create what DeferIndexes dropped, then move `table`'s sequences past its rows
        Begin,
        Commit,
        MigrationStart, // marks where migration `name` starts (for its duration)
        LedgerRecord, // record migration `name` as applied
        LedgerForget, // remove migration `name` from the ledger
        LedgerClear,
    };
    Kind kind = Kind::Sql;
    QString sql;
    QString name; // migration name for Migration*/Ledger* operations
    bool forward = true;
    QString table; // Batched, Fill
    QString key; // Batched
    qint64 batchSize = 0; // Batched: rows per batch; Fill: rows per chunk
    qint64 pauseMs = 0; // Batched
    qint64 rows = 0; // Fill
    QStringList columns; // Fill by COPY
    QStringList values; // Fill by COPY: RowTemplate values, one per column
    // Begin of a transaction that is retried whole when a lock is not granted
    // within its lock_timeout (SQLSTATE 55P03): tries in all (0: never
    // retried) and the pauses between them, up to its Commit.
    int attempts = 0;
    int backoffMs = 0;
    int maxBackoffMs = 0;

    static Operation of(Kind kind, const QString& sql = QString())
    {
        Operation op;
        op.kind = kind;
        op.sql = sql;
        return op;
    }
};

struct ExecutionPlan
{
    QList<Operation> operations;
    QList<Operation> onFailure; // best-effort clean-up after a failure or cancel (after ROLLBACK)
    QList<Operation> onSuccess; // after the last operation, outside any transaction
    QStringList tables; // tables the step is about (for the schema view)
    qint64 totalRows = 0; // for progress: rows the step will fill or walk (0: unknown)

    // The SQL view: every statement, with comments for batching and the ledger.
    QString preview() const;
};

} // namespace locklab
