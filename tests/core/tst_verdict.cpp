#include "RecordBuilders.h"
#include "core/run/Verdict.h"

#include <QtTest>

using namespace locklab;

namespace {

using test::statementTiming;

ProbeSample sample(double startMs, double latencyMs, ProbeOutcome outcome = ProbeOutcome::Ok)
{
    return test::probeSample(startMs, latencyMs, outcome);
}

StatementTiming statement(const QString& sql, double start, double end)
{
    return statementTiming(sql, start, end);
}

LockInterval accessExclusive(double from, double to, const QString& holder = "migration", bool granted = true)
{
    return test::lockInterval("large_user", "AccessExclusiveLock", holder, from, to, granted, 4711);
}

// The lock monitor saw probe `probe` wait for ACCESS SHARE on large_user.
LockInterval probeWait(double from, double to, int probe = 1)
{
    return test::lockInterval("large_user", "AccessShareLock", QString("probe %1").arg(probe), from, to, false,
                              5000 + probe);
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
    r.locks << accessExclusive(1050, 5250) << probeWait(1000, 5250);
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
        const QString text = Verdict::describe(RunSummary(record));
        QCOMPARE(text,
                 QString("Reads were blocked for 4.3 s: 84 probes waited on a lock, the longest 4.3 s; 1 timed out "
                         "after 3.0 s. The migration held ACCESS EXCLUSIVE on large_user for 4.2 s, from its first "
                         "ALTER TABLE to COMMIT."));
        QCOMPARE(Verdict::headline(RunSummary(record)), QString("Reads blocked 4.3 s"));
    }

    void numbersFollowTheSamples()
    {
        // Change the data, the words follow: no number is hard-wired.
        RunRecord record = riskyRun();
        record.samples.removeAt(20); // the timeout at 1000
        record.samples.removeAt(20); // the probe at 1050: now blocked from 1100 to 5300
        record.locks.first().toMs = 3050; // released long before COMMIT
        const QString text = Verdict::describe(RunSummary(record));
        // Probes sent at 1100..5150, waiting 5300 - start.
        QVERIFY2(text.startsWith("Reads were blocked for 4.2 s: 82 probes waited on a lock, the longest 4.2 s."),
                 qPrintable(text));
        QVERIFY2(text.contains("held ACCESS EXCLUSIVE on large_user for 2.0 s."), qPrintable(text));
    }

    void safeBatchedRun()
    {
        const RunRecord record = safeRun();
        QCOMPARE(Verdict::describe(RunSummary(record)),
                 QString("No read waited longer than 9.0 ms; p99 2.1 ms during 6.8 s of batched backfill."));
        QCOMPARE(Verdict::headline(RunSummary(record)), QString("Reads never blocked"));
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
        QTEST(Verdict::describe(RunSummary(record)), "expected");
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

        const QString text = Verdict::describe(RunSummary(record));
        QVERIFY2(text.startsWith("The step was cancelled after 2.1 s; the transaction was rolled back. Reads were "
                                 "blocked for 2.1 s:"),
                 qPrintable(text));
        QVERIFY2(text.endsWith("held ACCESS EXCLUSIVE on large_user for 2.1 s."),
                 qPrintable(text)); // no COMMIT
        QCOMPARE(Verdict::headline(RunSummary(record)), QString("Reads blocked 2.1 s (cancelled)"));
    }

    void failedRun()
    {
        RunRecord record;
        record.succeeded = false;
        record.error = "ERROR:  canceling statement due to lock timeout\n";
        record.migrationStartMs = 0;
        record.migrationEndMs = 2000;
        record.statements << statement("ALTER TABLE large_user ALTER COLUMN status SET NOT NULL", 0, 2000);
        record.locks << accessExclusive(20, 2000, "migration", false) << probeWait(150, 1800);
        record.samples << sample(100, 1900) << sample(3000, 1.0);

        const QString text = Verdict::describe(RunSummary(record));
        QCOMPARE(text,
                 QString("The step failed: ERROR: canceling statement due to lock timeout. Reads were blocked "
                         "for 1.9 s: 1 probe waited on a lock. The migration waited 2.0 s for ACCESS EXCLUSIVE "
                         "on large_user."));
        QCOMPARE(Verdict::headline(RunSummary(record)), QString("Reads blocked 1.9 s (failed)"));

        // The same failure in a step meant to show it (lesson 7's build cut short) is not told as a mishap.
        record.failedAsExpected = true;
        QVERIFY2(Verdict::describe(RunSummary(record))
                     .startsWith("The step failed, as the lesson expects: ERROR: canceling statement due to lock "
                                 "timeout. Reads were blocked for 1.9 s"),
                 qPrintable(Verdict::describe(RunSummary(record))));
        QCOMPARE(Verdict::headline(RunSummary(record)), QString("Reads blocked 1.9 s (failed, as expected)"));
    }

    void emptyRun()
    {
        RunRecord record;
        record.succeeded = true;
        QCOMPARE(Verdict::describe(RunSummary(record)), QString("No probes ran during this step."));
        QCOMPARE(Verdict::headline(RunSummary(record)), QString("No probes ran"));
    }

    void onlyErrorsAndBusyConnections()
    {
        RunRecord record;
        record.succeeded = true;
        ProbeSample error = sample(0, 5, ProbeOutcome::Error);
        error.message = "server closed the connection\nunexpectedly";
        record.samples << error << error << sample(50, 0, ProbeOutcome::NoFreeConnection);
        QCOMPARE(Verdict::describe(RunSummary(record)),
                 QString("No probe got an answer. 1 scheduled read could not even be sent: the only probe connection "
                         "was stuck waiting, like a web app whose connection pool is exhausted. 2 probes failed "
                         "(first error: server closed the connection unexpectedly)."));
        QCOMPARE(Verdict::headline(RunSummary(record)), QString("No probe answered"));
    }

    void allTimeouts()
    {
        RunRecord record;
        record.succeeded = true;
        ProbeSample second = sample(10, 3002, ProbeOutcome::Timeout);
        second.probe = 2;
        record.samples << sample(0, 3004, ProbeOutcome::Timeout) << second;
        record.locks << probeWait(5, 2900, 1) << probeWait(15, 2900, 2);
        QCOMPARE(Verdict::describe(RunSummary(record)),
                 QString("Reads were blocked for 3.0 s: 2 probes waited on a lock, the longest 3.0 s; 2 timed out "
                         "after 3.0 s."));
    }

    // Slow is not blocked: a read that took long without the lock monitor
    // ever seeing it wait on a lock was slowed by something else.
    void slowProbeWithoutALockWaitIsNotBlocked()
    {
        RunRecord record = safeRun();
        record.samples[40].latencyMs = 350; // e.g. the disk, under the backfill's writes
        record.samples[41].latencyMs = 120;
        record.locks << probeWait(0, 200); // a wait, but not during those probes
        QCOMPARE(Verdict::describe(RunSummary(record)),
                 QString("No read waited on a lock. 2 reads were slow (over 100 ms) without waiting on a lock, "
                         "the slowest 350 ms. Latency p99 120 ms during 6.8 s of batched backfill."));
        QCOMPARE(Verdict::headline(RunSummary(record)), QString("Reads never waited on a lock (2 slow)"));
    }

    // The server dies while every probe waits behind the migration's lock:
    // the probes fail, but they waited, and the verdict says for how long.
    void probeThatWaitedAndThenFailedCountsItsWait()
    {
        RunRecord record;
        record.succeeded = false;
        record.error = "server closed the connection unexpectedly";
        record.migrationStartMs = 1000;
        record.migrationEndMs = 2500;
        record.endMs = 4000;
        record.statements << statement("ALTER TABLE large_user ALTER COLUMN status SET DEFAULT 'active'", 1000, 1002)
                          << statement("UPDATE large_user SET status = 'active' WHERE status IS NULL", 1002, 2500);
        record.locks << accessExclusive(1000, 2400);
        for (double t = 0; t < 1000; t += 50)
            record.samples << sample(t, 3.3);
        for (int probe = 1; probe <= 4; ++probe) {
            ProbeSample failed = sample(1000 + probe * 50, 2500 - (1000 + probe * 50), ProbeOutcome::Error);
            failed.probe = probe;
            failed.message = "server closed the connection unexpectedly";
            record.samples << failed;
            record.locks << probeWait(1000 + probe * 50, 2400, probe);
        }
        const QString text = Verdict::describe(RunSummary(record));
        QVERIFY2(!text.contains("No read waited longer than"), qPrintable(text));
        QVERIFY2(text.contains("Reads were blocked for 1.4 s: 4 probes waited on a lock, the longest 1.4 s."),
                 qPrintable(text));
        QVERIFY2(text.contains("4 probes failed"), qPrintable(text));
        QCOMPARE(Verdict::headline(RunSummary(record)), QString("Reads blocked 1.4 s (failed)"));
    }

    // A migration under lock_timeout 500 ms behind a 1.2 s query: two tries
    // time out, the third gets the lock; reads queued behind each try.
    void retriedLockTimeoutsAreCounted()
    {
        RunRecord record;
        record.succeeded = true;
        record.migrationStartMs = 1000;
        record.migrationEndMs = 2520;
        record.endMs = 4000;
        double t = 1000;
        for (int attempt = 1; attempt <= 3; ++attempt) {
            const bool last = attempt == 3;
            QList<StatementTiming> tries {
                statement("BEGIN", t, t + 1), statement("SET LOCAL lock_timeout = '500ms'", t + 1, t + 2),
                statement("ALTER TABLE large_user ADD COLUMN status varchar(20)", t + 2, last ? t + 5 : t + 502),
                statement(last ? "COMMIT" : "ROLLBACK", last ? t + 5 : t + 502, last ? t + 6 : t + 503)
            };
            if (!last) {
                tries[2].sqlState = "55P03";
                tries[2].error = "canceling statement due to lock timeout";
            }
            for (StatementTiming& timing : tries) {
                timing.attempt = attempt;
                record.statements << timing;
            }
            record.locks << probeWait(t + 20, t + 480, attempt);
            ProbeSample queued = sample(t + 10, 493);
            queued.probe = attempt;
            record.samples << queued;
            t += 503 + (attempt == 1 ? 100 : 200) - 3; // the pause before the next try
        }
        for (double s0 = 0; s0 < 1000; s0 += 50)
            record.samples << sample(s0, 0.7);
        const QString text = Verdict::describe(RunSummary(record));
        QVERIFY2(text.startsWith("Reads were blocked for 1.5 s: 3 probes waited on a lock, the longest 493 ms."),
                 qPrintable(text));
        QVERIFY2(text.endsWith("The migration's lock_timeout ran out 2 times, each time rolling its transaction back "
                               "to try again: granted on try 3, 1.3 s after the first try began."),
                 qPrintable(text));
    }

    // The same run with write probes: every sample a write, every probe wait by a "write probe N" backend.
    static RunRecord asWrites(RunRecord record)
    {
        for (ProbeSample& sample : record.samples)
            sample.kind = ProbeKind::Write;
        for (LockInterval& lock : record.locks) {
            if (lock.holder.startsWith("probe "))
                lock.holder.prepend("write ");
        }
        return record;
    }

    void writeProbesAreCalledWrites()
    {
        RunRecord record = asWrites(riskyRun());
        QVERIFY2(Verdict::describe(RunSummary(record)).startsWith("Writes were blocked for 4.3 s"),
                 qPrintable(Verdict::describe(RunSummary(record))));
        QCOMPARE(Verdict::headline(RunSummary(record)), QString("Writes blocked 4.3 s"));
        record = asWrites(safeRun());
        QVERIFY(Verdict::describe(RunSummary(record)).startsWith("No write waited longer than"));
        QVERIFY(!Verdict::describe(RunSummary(record)).contains("read"));
    }

    // "Reads blocked 4.3 s" next to "held ACCESS EXCLUSIVE for 3.2 s": the verdict says why they differ.
    void blockedAndHeldTimesAreExplainedWhenTheyDiffer()
    {
        RunRecord record = riskyRun();
        QVERIFY2(!Verdict::describe(RunSummary(record)).contains("timed differently"),
                 qPrintable(Verdict::describe(RunSummary(record))));
        record.locks[0].fromMs = 2100; // granted after the reads had queued behind the migration's request
        QString text = Verdict::describe(RunSummary(record));
        QVERIFY2(text.contains("The two figures are timed differently: the lock from the statement that took it to "
                               "COMMIT, a read from when it was sent to when it was answered, so reads sent while "
                               "the migration was still queued for its lock waited longer than the lock was held."),
                 qPrintable(text));
        record = riskyRun();
        record.locks[0].fromMs = 0; // held long before any read waited
        text = Verdict::describe(RunSummary(record));
        QVERIFY2(text.contains("so the time before the first waiting read was sent is not counted"), qPrintable(text));
    }

    void otherSessionHoldsTheLock()
    {
        RunRecord record = riskyRun();
        record.locks = { accessExclusive(1050, 5250, "other"), probeWait(1000, 5250) };
        const QString text = Verdict::describe(RunSummary(record));
        QVERIFY2(text.endsWith("ACCESS EXCLUSIVE on large_user was held for 4.2 s by another session."),
                 qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestVerdict)
#include "tst_verdict.moc"
