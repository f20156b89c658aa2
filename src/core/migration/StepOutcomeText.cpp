#include "core/migration/StepOutcomeText.h"

#include "core/run/Verdict.h"

namespace locklab {

QString StepOutcomeText::summary(const StepOutcome& outcome, const StepEndState& state)
{
    // formatDuration: "0.0 s" would say nothing about a step that took 4 ms.
    const QString elapsed = Verdict::formatDuration(outcome.endMs - outcome.startMs);
    if (outcome.succeeded)
        return QString("Done in %1.").arg(elapsed);

    const QString how = outcome.connectionLost ? QString("The connection to the server was lost")
        : outcome.cancelled                    ? QString("Cancelled after %1").arg(elapsed)
                                               : QString("Failed after %1").arg(elapsed);
    if (state.seeding)
        return how + ": the half-built tables were discarded; the previous tables and the ledger are unchanged.";
    if (state.inTransaction)
        return how
            + ": the transaction was rolled back, so the tables and the ledger are exactly as before the "
              "step.";
    if (state.committedBatches > 0 && state.committedBatches < state.plannedBatches)
        return how
            + QString(" with %1 of %2 batches of %3 committed: those rows keep their new values, the rest are "
                      "untouched. Run the step again to finish.")
                  .arg(state.committedBatches)
                  .arg(state.plannedBatches)
                  .arg(state.batchedTable);
    return how + ": statements that had already committed keep their effect; the ledger shows what is applied.";
}

QString StepOutcomeText::withServerMessage(const QString& text, const StepOutcome& outcome, const QString& separator)
{
    if (outcome.error.isEmpty() || outcome.cancelled)
        return text;
    return text + (text.isEmpty() ? QString() : separator) + QString("Server said: %1").arg(outcome.error);
}

} // namespace locklab
