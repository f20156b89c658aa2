#include "core/run/Verdict.h"

#include <QtTest>

using namespace locklab;

namespace {

ProbeSample sample(double startMs, double latencyMs, ProbeOutcome outcome = ProbeOutcome::Ok)
{
    ProbeSample s;
    s.scheduledMs = startMs;
    s.startMs = startMs;
    s.latencyMs = latencyMs;
    s.outcome = outcome;
    s.probe = 1;
    return s;
}

StatementTiming statement(const QString& sql, double start, double end)
{
    StatementTiming s;
    s.sql = sql;
    s.startMs = start;
    s.endMs = end;
    return s;
}

LockInterval accessExclusive(double from, double to, const QString& holder = "migration", bool granted = true)
{
    LockInterval l;
    l.pid = 4711;
    l.holder = holder;
    l.relation = "large_user";
    l.mode = "AccessExclusiveLock";
    l.granted = granted;
    l.fromMs = from;
    l.toMs = to;
    return l;
}

// Lesson 3 as Django emits it: one transaction, ACCESS EXCLUSIVE from the
// first ALTER TABLE to COMMIT, every read queued behind it.
RunRecord riskyRun()
{
    RunRecord r;
    r.blockedThresholdMs = 100;
    r.probeTimeoutMs = 3000;
    r.migrationStartMs = 1000;
    r.migrationEndMs = 5200;
    r.endMs = 7000;
    r.succeeded = true;
    r.statements << statement("BEGIN", 1000, 1001)
                 << statement("ALTER TABLE large_user ALTER COLUMN status SET DEFAULT 'active'", 1001, 1003)
                 << statement("UPDATE large_user SET status = 'active' WHERE status IS NULL", 1003, 5100)
                 << statement("ALTER TABLE large_user ALTER COLUMN status SET NOT NULL", 5100, 5150)
                 << statement("ALTER TABLE large_user ALTER COLUMN status DROP DEFAULT", 5150, 5160)
                 << statement("COMMIT", 5160, 5200);
    r.locks << accessExclusive(1050, 5250);
    for (double t = 0; t < 1000; t += 50)
        r.samples << sample(t, 1.2);
    r.samples << sample(1000, 3000, ProbeOutcome::Timeout);
    for (double t = 1050; t < 5200; t += 50) // 83 probes, all answered at 5300
        r.samples << sample(t, 5300 - t);
    for (double t = 5300; t < 7000; t += 50)
        r.samples << sample(t, 0.9);
    return r;
}

// Lesson 5: batched backfill, each batch its own transaction.
RunRecord safeRun()
{
    RunRecord r;
    r.migrationStartMs = 1000;
    r.migrationEndMs = 7800;
    r.endMs = 8500;
    r.succeeded = true;
    for (int batch = 0; batch < 10; ++batch) {
        const double start = 1000 + batch * 680;
        r.statements << statement(QString("UPDATE large_user SET status = 'active' WHERE id BETWEEN %1 AND %2")
                                      .arg(batch * 10000 + 1)
                                      .arg(batch * 10000 + 10000),
                                  start, start + 680);
    }
    r.samples << sample(500, 9.0); // before the migration: the overall max
    for (double t = 1000; t < 7800; t += 50) // 136 samples in the window
        r.samples << sample(t, 0.6);
    r.samples[10].latencyMs = 2.1;
    r.samples[20].latencyMs = 2.1;
    r.samples[30].latencyMs = 4.0; // rank 136 of 136; p99 is rank 135
    return r;
}

} // namespace

class TestVerdict : public QObject
{
    Q_OBJECT

private slots:
    void modeNames_data()
    {
        QTest::addColumn<QString>("pg");
        QTest::addColumn<QString>("words");
        QTest::newRow("access exclusive") << "AccessExclusiveLock"
                                          << "ACCESS EXCLUSIVE";
        QTest::newRow("share update exclusive") << "ShareUpdateExclusiveLock"
                                                << "SHARE UPDATE EXCLUSIVE";
        QTest::newRow("access share") << "AccessShareLock"
                                      << "ACCESS SHARE";
        QTest::newRow("row exclusive") << "RowExclusiveLock"
                                       << "ROW EXCLUSIVE";
        QTest::newRow("share row exclusive") << "ShareRowExclusiveLock"
                                             << "SHARE ROW EXCLUSIVE";
        QTest::newRow("share") << "ShareLock"
                               << "SHARE";
        QTest::newRow("exclusive") << "ExclusiveLock"
                                   << "EXCLUSIVE";
        QTest::newRow("siread") << "SIReadLock"
                                << "SIREAD";
        QTest::newRow("already words") << "access exclusive"
                                       << "ACCESS EXCLUSIVE";
        QTest::newRow("unknown camel case") << "FutureShinyLock"
                                            << "FUTURE SHINY";
    }

    void modeNames()
    {
        QFETCH(QString, pg);
        QTEST(Verdict::modeName(pg), "words");
    }

    void formats_data()
    {
        QTest::addColumn<double>("ms");
        QTest::addColumn<QString>("duration");
        QTest::addColumn<QString>("millis");
        QTest::newRow("tiny") << 0.04 << "0.0 ms"
                              << "0.0 ms";
        QTest::newRow("jitter below zero") << -0.01 << "0.0 ms"
                                           << "0.0 ms";
        QTest::newRow("one decimal below 10") << 2.14 << "2.1 ms"
                                              << "2.1 ms";
        QTest::newRow("rounds up to 10") << 9.96 << "10 ms"
                                         << "10 ms";
        QTest::newRow("no decimals above 10") << 61.4 << "61 ms"
                                              << "61 ms";
        QTest::newRow("just under a second") << 999.4 << "999 ms"
                                             << "999 ms";
        QTest::newRow("rounds to a second") << 999.6 << "1.0 s"
                                            << "1000 ms";
        QTest::newRow("seconds") << 4321.0 << "4.3 s"
                                 << "4321 ms";
        QTest::newRow("whole seconds keep a decimal") << 3000.0 << "3.0 s"
                                                      << "3000 ms";
    }

    void formats()
    {
        QFETCH(double, ms);
        QTEST(Verdict::formatDuration(ms), "duration");
        QTEST(Verdict::formatMs(ms), "millis");
    }

    void riskyRunGivesNumbersFromTheRecord()
    {
        const RunRecord record = riskyRun();
        const QString text = Verdict::describe(record);
        QCOMPARE(text,
                 QString("Reads were blocked for 4.3 s. 1 probe timed out after 3.0 s; in all 84 probes waited "
                         "longer than 100 ms. The migration held ACCESS EXCLUSIVE on large_user for 4.2 s, from "
                         "its first ALTER TABLE to COMMIT."));
        QCOMPARE(Verdict::headline(record), QString("Reads blocked 4.3 s"));
    }

    void numbersFollowTheSamples()
    {
        // Change the data, the words follow: no number is hard-wired.
        RunRecord record = riskyRun();
        record.blockedThresholdMs = 250;
        record.samples.removeAt(20); // the timeout at 1000
        record.samples.removeAt(20); // the probe at 1050: now blocked from 1100 to 5300
        record.locks.first().toMs = 3050; // released long before COMMIT
        const QString text = Verdict::describe(record);
        // Slow under 250 ms: probes sent at 1100..5000, waiting 5300 - start.
        QVERIFY2(text.startsWith("Reads were blocked for 4.2 s. 79 probes waited longer than 250 ms; the slowest "
                                 "read took 4.2 s."),
                 qPrintable(text));
        QVERIFY2(text.endsWith("held ACCESS EXCLUSIVE on large_user for 2.0 s."), qPrintable(text));
    }

    void safeBatchedRun()
    {
        const RunRecord record = safeRun();
        QCOMPARE(Verdict::describe(record),
                 QString("No read waited longer than 9.0 ms; p99 2.1 ms during 6.8 s of batched backfill."));
        QCOMPARE(Verdict::headline(record), QString("Reads never blocked"));
    }

    void safeSingleStatementRun_data()
    {
        QTest::addColumn<double>("migrationStart");
        QTest::addColumn<QString>("expected");
        QTest::newRow("probes during the migration")
            << 1000.0 << "No read waited longer than 0.8 ms; p99 0.8 ms during the 4.0 ms migration.";
        QTest::newRow("migration between two probes")
            << 1010.0 << "No read waited longer than 0.8 ms; p99 0.8 ms. The migration took 4.0 ms.";
    }

    void safeSingleStatementRun()
    {
        QFETCH(double, migrationStart);
        RunRecord record;
        record.succeeded = true;
        record.migrationStartMs = migrationStart;
        record.migrationEndMs = migrationStart + 4;
        record.statements << statement("ALTER TABLE large_user ADD COLUMN status varchar(20)", migrationStart,
                                       migrationStart + 4);
        for (double t = 0; t < 3000; t += 50)
            record.samples << sample(t, 0.8);
        QTEST(Verdict::describe(record), "expected");
    }

    void cancelledRun()
    {
        RunRecord record = riskyRun();
        record.succeeded = false;
        record.cancelled = true;
        record.migrationEndMs = 3100;
        record.statements.resize(3);
        record.statements[2].endMs = 3100;
        record.statements[2].error = "canceling statement due to user request";
        record.statements[2].sqlState = "57014";
        record.locks.first().toMs = 3150;
        record.samples.clear();
        for (double t = 1050; t < 3100; t += 50)
            record.samples << sample(t, 3150 - t);

        const QString text = Verdict::describe(record);
        QVERIFY2(text.startsWith("The step was cancelled after 2.1 s; the transaction was rolled back. Reads were "
                                 "blocked for 2.1 s."),
                 qPrintable(text));
        QVERIFY2(text.endsWith("held ACCESS EXCLUSIVE on large_user for 2.1 s."), qPrintable(text)); // no COMMIT
        QCOMPARE(Verdict::headline(record), QString("Reads blocked 2.1 s (cancelled)"));
    }

    void failedRun()
    {
        RunRecord record;
        record.succeeded = false;
        record.error = "ERROR:  canceling statement due to lock timeout\n";
        record.migrationStartMs = 0;
        record.migrationEndMs = 2000;
        record.statements << statement("ALTER TABLE large_user ALTER COLUMN status SET NOT NULL", 0, 2000);
        record.locks << accessExclusive(20, 2000, "migration", false);
        record.samples << sample(100, 1900) << sample(3000, 1.0);

        const QString text = Verdict::describe(record);
        QCOMPARE(text,
                 QString("The step failed: ERROR: canceling statement due to lock timeout. Reads were blocked "
                         "for 1.9 s. 1 probe waited longer than 100 ms; the slowest read took 1.9 s. The "
                         "migration waited 2.0 s for ACCESS EXCLUSIVE on large_user."));
        QCOMPARE(Verdict::headline(record), QString("Reads blocked 1.9 s (failed)"));
    }

    void emptyRun()
    {
        RunRecord record;
        record.succeeded = true;
        QCOMPARE(Verdict::describe(record), QString("No probes ran during this step."));
        QCOMPARE(Verdict::headline(record), QString("No probes ran"));
    }

    void onlyErrorsAndBusyConnections()
    {
        RunRecord record;
        record.succeeded = true;
        ProbeSample error = sample(0, 5, ProbeOutcome::Error);
        error.message = "server closed the connection\nunexpectedly";
        record.samples << error << error << sample(50, 0, ProbeOutcome::NoFreeConnection);
        QCOMPARE(Verdict::describe(record),
                 QString("No probe got an answer. At 1 tick every probe connection was still busy. 2 probes failed "
                         "(first error: server closed the connection unexpectedly)."));
        QCOMPARE(Verdict::headline(record), QString("No probe answered"));
    }

    void allTimeouts()
    {
        RunRecord record;
        record.succeeded = true;
        record.samples << sample(0, 3004, ProbeOutcome::Timeout) << sample(10, 3002, ProbeOutcome::Timeout);
        QCOMPARE(Verdict::describe(record), QString("Reads were blocked for 3.0 s. 2 probes timed out after 3.0 s."));
    }

    void otherSessionHoldsTheLock()
    {
        RunRecord record = riskyRun();
        record.locks = { accessExclusive(1050, 5250, "other") };
        QVERIFY(Verdict::describe(record).endsWith(
            "ACCESS EXCLUSIVE on large_user was held for 4.2 s by another session."));
    }
};

QTEST_GUILESS_MAIN(TestVerdict)
#include "tst_verdict.moc"
