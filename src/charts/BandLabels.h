#pragma once

#include "core/run/RunRecord.h"

#include <QString>

namespace locklab {

// The words on the chart's bands. Kept apart from the drawing so the texts
// can be tested without a widget and stay consistent with the verdict (same
// mode names, same number formats: LockModes::displayName, Verdict::formatDuration).
class BandLabels
{
public:
    // The first words of a statement plus the table it works on, so a band
    // stays short enough to read on a slide:
    //   "UPDATE large_user SET status = 'active' WHERE ..." -> "UPDATE large_user"
    //   "ALTER TABLE large_user ALTER COLUMN status SET NOT NULL"
    //        -> "ALTER TABLE large_user SET NOT NULL"
    //   "CREATE INDEX CONCURRENTLY idx ON large_user (status)"
    //        -> "CREATE INDEX CONCURRENTLY ON large_user"
    // Anything else keeps its first three words. *shortened tells whether
    // words were left out (the label then shows an ellipsis).
    static QString shortSql(const QString& sql, bool* shortened = nullptr);

    // "UPDATE large_user … 4.1 s", "COMMIT 2.0 ms"; " (failed)" appended when
    // the statement failed.
    static QString statementLabel(const StatementTiming& statement);

    // One label for a run of batches: "40 × UPDATE large_user … 6.0 s".
    static QString batchLabel(const QString& shortSql, int count, double spanMs);

    // "ACCESS EXCLUSIVE on large_user: 4.2 s"
    static QString lockLabel(const LockInterval& lock);

    // BEGIN, COMMIT, SET lock_timeout ...: statements that only frame the
    // work. A run of batches stays one group across them.
    static bool isControlStatement(const QString& sql);
    // Control statements other than ROLLBACK/ABORT get a bar but no label:
    // "COMMIT 19 ms" beside a cluster of ticks says nothing and takes the
    // room a statement that did work could use. A rollback is news.
    static bool deservesLabel(const QString& sql);

    // Only the locks that explain blocked reads go on the chart, to keep it
    // readable: ACCESS EXCLUSIVE (blocks every read) and SHARE UPDATE
    // EXCLUSIVE (what VALIDATE CONSTRAINT takes instead, reads go on), granted
    // to the migration. Probes' own ACCESS SHARE locks and the rest are noise.
    // The mode may be spelt as in pg_locks or in words (LockModes::fromName).
    static bool isChartedLock(const LockInterval& lock);
};

} // namespace locklab
