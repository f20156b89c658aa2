// The sentence shown when a step ends (StepOutcomeText, used by the worker
// and the window) and the CLI's lines around it (RunOutput), from outcomes
// made by hand: no server, no run.
#include "cli/RunOutput.h"
#include "core/migration/StepOutcomeText.h"

#include <QtTest>

using namespace locklab;

Q_DECLARE_METATYPE(locklab::StepEndState)

namespace {
StepOutcome outcome(bool succeeded, bool cancelled, bool lost, double ms, const QString& error = QString())
{
    StepOutcome result;
    result.succeeded = succeeded;
    result.cancelled = cancelled;
    result.connectionLost = lost;
    result.startMs = 1000;
    result.endMs = 1000 + ms;
    result.error = error;
    return result;
}

StepEndState state(bool seeding, bool inTransaction, int committed = 0, int planned = 0)
{
    StepEndState result;
    result.seeding = seeding;
    result.inTransaction = inTransaction;
    result.committedBatches = committed;
    result.plannedBatches = planned;
    result.batchedTable = "shop_order";
    return result;
}

const QString lockTimeout = "ERROR:  canceling statement due to lock timeout (55P03)";
} // namespace

class TestOutcomeText : public QObject
{
    Q_OBJECT

private slots:
    void summary_data()
    {
        QTest::addColumn<StepOutcome>("outcome");
        QTest::addColumn<StepEndState>("state");
        QTest::addColumn<QString>("summary");
        QTest::addColumn<QString>("cliLine");
        QTest::addColumn<QString>("finishLine");

        const QString rolledBack
            = ": the transaction was rolled back, so the tables and the ledger are exactly as before the step.";
        const QString keptCommitted
            = ": statements that had already committed keep their effect; the ledger shows what is applied.";

        QTest::newRow("succeeded in milliseconds")
            << outcome(true, false, false, 4) << state(false, false) << "Done in 4.0 ms."
            << "Done in 4.0 ms."
            << "  done in 0.0 s";
        QTest::newRow("succeeded in seconds")
            << outcome(true, false, false, 1234) << state(false, false) << "Done in 1.2 s."
            << "Done in 1.2 s."
            << "  done in 1.2 s";
        QTest::newRow("failed in a transaction, with SQLSTATE")
            << outcome(false, false, false, 40, "ERROR:  column \"status\" contains null values (23502)")
            << state(false, true) << "Failed after 40 ms" + rolledBack
            << "Failed after 40 ms" + rolledBack
                + " Server said: ERROR:  column \"status\" contains null values (23502)"
            << "  failed after 0.0 s";
        QTest::newRow("lock timeouts retried until the attempts ran out")
            << outcome(false, false, false, 2500, lockTimeout) << state(false, true)
            << "Failed after 2.5 s" + rolledBack << "Failed after 2.5 s" + rolledBack + " Server said: " + lockTimeout
            << "  failed after 2.5 s";
        QTest::newRow("cancelled: the server's message is not repeated")
            << outcome(false, true, false, 800, "ERROR:  canceling statement due to user request (57014)")
            << state(false, true) << "Cancelled after 800 ms" + rolledBack << "Cancelled after 800 ms" + rolledBack
            << "  cancelled after 0.8 s";
        QTest::newRow("seed failed")
            << outcome(false, false, false, 3000, "ERROR:  disk full (53100)") << state(true, true)
            << "Failed after 3.0 s: the half-built tables were discarded; the previous tables and the ledger are "
               "unchanged."
            << "Failed after 3.0 s: the half-built tables were discarded; the previous tables and the ledger are "
               "unchanged. Server said: ERROR:  disk full (53100)"
            << "  failed after 3.0 s";
        QTest::newRow("some batches committed")
            << outcome(false, true, false, 5000) << state(false, false, 3, 10)
            << "Cancelled after 5.0 s with 3 of 10 batches of shop_order committed: those rows keep their new "
               "values, the rest are untouched. Run the step again to finish."
            << "Cancelled after 5.0 s with 3 of 10 batches of shop_order committed: those rows keep their new "
               "values, the rest are untouched. Run the step again to finish."
            << "  cancelled after 5.0 s";
        QTest::newRow("every batch committed, a later statement failed")
            << outcome(false, false, false, 5000, "ERROR:  x (XX000)") << state(false, false, 10, 10)
            << "Failed after 5.0 s" + keptCommitted
            << "Failed after 5.0 s" + keptCommitted + " Server said: ERROR:  x (XX000)"
            << "  failed after 5.0 s";
        QTest::newRow("connection lost") << outcome(false, false, true, 100, "FATAL:  terminating connection (57P01)")
                                         << state(false, true) << "The connection to the server was lost" + rolledBack
                                         << "The connection to the server was lost" + rolledBack
                + " Server said: FATAL:  terminating connection (57P01)"
                                         << "  failed after 0.1 s";
    }

    void summary()
    {
        QFETCH(StepOutcome, outcome);
        QFETCH(StepEndState, state);
        outcome.summary = StepOutcomeText::summary(outcome, state);
        QTEST(outcome.summary, "summary");
        QTEST(RunOutput::outcomeText(outcome), "cliLine");
        QTEST(RunOutput::finishLine(outcome), "finishLine");
    }

    // The window shows nothing for a success (the progress line says it) and
    // puts the server's message on its own line.
    void windowText()
    {
        const StepOutcome failed = outcome(false, false, false, 40, lockTimeout);
        QCOMPARE(StepOutcomeText::withServerMessage("Failed.", failed, "\n"), "Failed.\nServer said: " + lockTimeout);
        QCOMPARE(StepOutcomeText::withServerMessage(QString(), failed, "\n"), "Server said: " + lockTimeout);
        QCOMPARE(StepOutcomeText::withServerMessage(QString(), outcome(true, false, false, 4), "\n"), QString());
    }
};

QTEST_GUILESS_MAIN(TestOutcomeText)
#include "tst_outcometext.moc"
