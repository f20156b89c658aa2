#pragma once

#include "core/migration/MigrationWorker.h"

#include <QString>

namespace locklab {

// Where a step stood when it ended, as far as the sentence about it needs.
struct StepEndState
{
    bool seeding = false; // the step builds the tables (discarded when it fails)
    bool inTransaction = false; // it ended inside an open transaction (rolled back)
    int committedBatches = 0; // of the last batched update
    int plannedBatches = 0;
    QString batchedTable;
};

// The sentence the window and the CLI show when a step ends: how it ended
// and what state that leaves the tables in. One place, so both say the same.
class StepOutcomeText
{
public:
    // "Done in 1.2 s.", "Failed after 40 ms: the transaction was rolled back, ..."
    static QString summary(const StepOutcome& outcome, const StepEndState& state);

    // `text` followed by the server's message (with its SQLSTATE), unless the
    // step was cancelled: then the message only repeats that it was.
    static QString withServerMessage(const QString& text, const StepOutcome& outcome, const QString& separator);
};

} // namespace locklab
