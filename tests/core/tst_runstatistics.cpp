#include "RecordBuilders.h"
#include "core/run/RunStatistics.h"

#include <QPointF>
#include <QtTest>
#include <algorithm>
#include <random>

using namespace locklab;

namespace {

using test::lockInterval;
using test::probeSample;

} // namespace

class TestRunStatistics : public QObject
{
    Q_OBJECT

private slots:
    void nearestRankPercentiles_data()
    {
        QTest::addColumn<QList<double>>("latencies");
        QTest::addColumn<double>("p50");
        QTest::addColumn<double>("p95");
        QTest::addColumn<double>("p99");
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("mean");

        QList<double> hundred;
        for (int i = 1; i <= 100; ++i)
            hundred << i;
        // Unsorted input: compute() must sort, not trust the record's order.
        std::shuffle(hundred.begin(), hundred.end(), std::mt19937(7));
        QTest::newRow("1..100 shuffled") << hundred << 50.0 << 95.0 << 99.0 << 100.0 << 50.5;

        QList<double> ten;
        for (int i = 1; i <= 10; ++i)
            ten << i * 10.0;
        // ranks ceil(5) = 5, ceil(9.5) = 10, ceil(9.9) = 10
        QTest::newRow("10 values") << ten << 50.0 << 100.0 << 100.0 << 100.0 << 55.0;
        QTest::newRow("single") << QList<double> { 7.5 } << 7.5 << 7.5 << 7.5 << 7.5 << 7.5;
        QTest::newRow("two") << QList<double> { 3.0, 1.0 } << 1.0 << 3.0 << 3.0 << 3.0 << 2.0;
    }

    void nearestRankPercentiles()
    {
        QFETCH(QList<double>, latencies);
        RunRecord record;
        record.blockedThresholdMs = 1e9;
        for (int i = 0; i < latencies.size(); ++i)
            record.samples << probeSample(i * 50.0, latencies.at(i));

        const RunStatistics stats = RunStatistics::compute(record);
        QVERIFY(stats.hasLatency());
        QCOMPARE(stats.latencyCount, int(latencies.size()));
        QTEST(*stats.p50Ms, "p50");
        QTEST(*stats.p95Ms, "p95");
        QTEST(*stats.p99Ms, "p99");
        QTEST(*stats.maxMs, "max");
        QTEST(*stats.meanMs, "mean");
    }

    void percentileHelperEdges()
    {
        QVERIFY(!RunStatistics::percentile({}, 50));
        const QList<double> sorted { 1, 2, 3, 4 };
        QCOMPARE(*RunStatistics::percentile(sorted, 0), 1.0);
        QCOMPARE(*RunStatistics::percentile(sorted, 25), 1.0);
        QCOMPARE(*RunStatistics::percentile(sorted, 26), 2.0);
        QCOMPARE(*RunStatistics::percentile(sorted, 100), 4.0);
        QCOMPARE(*RunStatistics::percentile(sorted, 150), 4.0);
    }

    void blockedTime_data()
    {
        // Each point is one probe: x = start, y = latency (ms). Threshold 100 ms.
        QTest::addColumn<QList<QPointF>>("probes");
        QTest::addColumn<double>("blocked");
        QTest::addColumn<int>("slow");
        QTest::addColumn<double>("longestStart");
        QTest::addColumn<double>("longestEnd");
        QTest::addColumn<int>("intervals");

        QTest::newRow("disjoint") << QList<QPointF> { { 0, 200 }, { 1000, 300 }, { 500, 5 } } << 500.0 << 2 << 1000.0
                                  << 1300.0 << 2;
        QTest::newRow("overlapping") << QList<QPointF> { { 0, 1000 }, { 500, 1000 }, { 700, 150 } } << 1500.0 << 3
                                     << 0.0 << 1500.0 << 1;
        QTest::newRow("nested") << QList<QPointF> { { 0, 4000 }, { 100, 200 } } << 4000.0 << 2 << 0.0 << 4000.0 << 1;
        QTest::newRow("adjacent") << QList<QPointF> { { 0, 150 }, { 150, 150 } } << 300.0 << 2 << 0.0 << 300.0 << 1;
        QTest::newRow("unsorted") << QList<QPointF> { { 2000, 500 }, { 0, 120 }, { 2200, 500 } } << 820.0 << 3 << 2000.0
                                  << 2700.0 << 2;
        QTest::newRow("at threshold is not slow")
            << QList<QPointF> { { 0, 100 }, { 200, 99 } } << 0.0 << 0 << -1.0 << -1.0 << 0;
        QTest::newRow("equal lengths: earliest wins")
            << QList<QPointF> { { 1000, 200 }, { 0, 200 } } << 400.0 << 2 << 0.0 << 200.0 << 2;
    }

    // The same probes twice: without lock waits they are slow, not blocked;
    // with the lock monitor seeing each of them wait, they are blocked.
    void blockedTime()
    {
        QFETCH(QList<QPointF>, probes);
        QFETCH(double, longestStart);
        QFETCH(double, longestEnd);
        RunRecord record;
        record.blockedThresholdMs = 100;
        int probe = 0;
        for (const QPointF& p : probes)
            record.samples << probeSample(p.x(), p.y(), ProbeOutcome::Ok, ++probe);
        record.endMs = 10000;

        const RunStatistics slow = RunStatistics::compute(record);
        QTEST(slow.slowMs, "blocked");
        QTEST(slow.slowCount, "slow");
        QTEST(int(slow.slowIntervals.size()), "intervals");
        QCOMPARE(slow.blockedMs, 0.0);
        QCOMPARE(slow.lockWaitCount, 0);
        QVERIFY(!slow.longestBlocked);

        for (const ProbeSample& s : std::as_const(record.samples)) {
            if (s.latencyMs > record.blockedThresholdMs) // seen waiting half-way through
                record.locks << lockInterval("large_user", "AccessShareLock", QString("probe %1").arg(s.probe),
                                             s.startMs + s.latencyMs / 2, s.startMs + s.latencyMs / 2, false);
        }
        const RunStatistics stats = RunStatistics::compute(record);
        QTEST(stats.blockedMs, "blocked");
        QTEST(stats.lockWaitCount, "slow");
        QCOMPARE(stats.slowCount, 0);
        QTEST(int(stats.blockedIntervals.size()), "intervals");
        if (longestStart < 0) {
            QVERIFY(!stats.longestBlocked);
        } else {
            QVERIFY(stats.longestBlocked);
            QCOMPARE(stats.longestBlocked->startMs, longestStart);
            QCOMPARE(stats.longestBlocked->endMs, longestEnd);
        }
    }

    void inFlightProbeCountsUntilRecordEnd()
    {
        RunRecord record;
        record.endMs = 5000;
        record.samples << probeSample(0, 2) << probeSample(1000, 0) << probeSample(4950, 0);
        record.samples[1].inFlight = true; // stuck since 1000: 4000 ms by the end
        record.samples[2].inFlight = true; // only 50 ms old at the end: not slow
        record.locks << lockInterval("large_user", "AccessShareLock", "probe 1", 1200, 4800, false);

        const RunStatistics stats = RunStatistics::compute(record);
        QCOMPARE(stats.sampleCount, 3);
        QCOMPARE(stats.inFlightCount, 2);
        QCOMPARE(stats.okCount, 1); // the in-flight placeholders' outcome is ignored
        QCOMPARE(stats.latencyCount, 1);
        QCOMPARE(*stats.maxMs, 2.0);
        QCOMPARE(stats.lockWaitCount, 1);
        QCOMPARE(stats.blockedMs, 4000.0);
        QCOMPARE(stats.longestBlocked->endMs, 5000.0);
    }

    void emptyRecord()
    {
        const RunStatistics stats = RunStatistics::compute(RunRecord());
        QCOMPARE(stats.sampleCount, 0);
        QVERIFY(!stats.hasLatency());
        QVERIFY(!stats.p50Ms && !stats.p95Ms && !stats.p99Ms && !stats.maxMs && !stats.meanMs);
        QCOMPARE(stats.blockedMs, 0.0);
        QVERIFY(!stats.longestBlocked);
        QVERIFY(stats.longestLocks.isEmpty());
        QVERIFY(!stats.longestLock(QString(), QString()));
    }

    void allTimeouts()
    {
        RunRecord record;
        record.samples << probeSample(0, 3001, ProbeOutcome::Timeout, 1)
                       << probeSample(100, 3003, ProbeOutcome::Timeout, 2)
                       << probeSample(5000, 3002, ProbeOutcome::Timeout, 1);
        const RunStatistics stats = RunStatistics::compute(record);
        QCOMPARE(stats.timeoutCount, 3);
        QCOMPARE(stats.okCount, 0);
        QCOMPARE(stats.latencyCount, 3); // timeouts count with their latency
        QCOMPARE(*stats.p50Ms, 3002.0);
        QCOMPARE(*stats.maxMs, 3003.0);
        QCOMPARE(*stats.minTimeoutMs, 3001.0);
        // Nobody saw them wait on a lock: slow, however long.
        QCOMPARE(stats.slowCount, 3);
        QCOMPARE(stats.slowMs, 3103.0 + 3002.0);
        QCOMPARE(stats.blockedMs, 0.0);
    }

    void onlyErrors()
    {
        RunRecord record;
        for (int i = 0; i < 4; ++i) {
            ProbeSample s = probeSample(i * 100, 2500, ProbeOutcome::Error);
            s.message = "connection lost";
            record.samples << s;
        }
        const RunStatistics stats = RunStatistics::compute(record);
        QCOMPARE(stats.sampleCount, 4);
        QCOMPARE(stats.errorCount, 4);
        QVERIFY(!stats.hasLatency());
        QVERIFY(!stats.p99Ms);
        // Errors are not measured reads, however long they took...
        QCOMPARE(stats.slowCount, 0);
        QCOMPARE(stats.blockedMs, 0.0);

        // ...but one that waited on a lock before it failed waited all the same.
        record.locks << lockInterval("large_user", "AccessShareLock", "probe 1", 1000, 2000, false);
        const RunStatistics waited = RunStatistics::compute(record);
        QCOMPARE(waited.lockWaitCount, 4);
        QCOMPARE(waited.blockedMs, 300.0 + 2500.0);
        QCOMPARE(*waited.longestLockWaitMs, 2500.0);
        QVERIFY(!waited.hasLatency());
    }

    void noFreeConnectionSamples()
    {
        RunRecord record;
        record.samples << probeSample(0, 4000, ProbeOutcome::Ok, 1)
                       << probeSample(50, 0, ProbeOutcome::NoFreeConnection, 0)
                       << probeSample(100, 0, ProbeOutcome::NoFreeConnection, 0)
                       << probeSample(5000, 1, ProbeOutcome::Ok);
        record.locks << lockInterval("large_user", "AccessShareLock", "probe 1", 200, 3800, false);
        const RunStatistics stats = RunStatistics::compute(record);
        QCOMPARE(stats.sampleCount, 4);
        QCOMPARE(stats.noFreeConnectionCount, 2);
        QCOMPARE(stats.okCount, 2);
        QCOMPARE(stats.latencyCount, 2);
        QCOMPARE(*stats.p50Ms, 1.0);
        QCOMPARE(stats.blockedMs, 4000.0); // the busy probe itself, counted once
    }

    void windowSelectsByStartTime()
    {
        RunRecord record;
        record.samples << probeSample(0, 1) << probeSample(900, 3000, ProbeOutcome::Ok, 2) << probeSample(1000, 2)
                       << probeSample(2000, 3) << probeSample(3000, 4);
        record.locks << lockInterval("large_user", "AccessShareLock", "probe 2", 950, 3800, false)
                     << lockInterval("large_user", "AccessExclusiveLock", "migration", 500, 1500)
                     << lockInterval("small_user", "AccessExclusiveLock", "migration", 3500,
                                     3600); // after the window

        const RunStatistics stats = RunStatistics::compute(record, 1000, 3000);
        QCOMPARE(stats.sampleCount, 2); // [1000, 3000): 1000 and 2000
        QCOMPARE(*stats.maxMs, 3.0);
        QCOMPARE(stats.blockedMs, 0.0); // the slow probe started before the window
        QCOMPARE(stats.longestLocks.size(), qsizetype(1)); // the lock overlapping the window start counts
        QCOMPARE(stats.longestLocks.first().relation, QString("large_user"));

        const RunStatistics early = RunStatistics::compute(record, 0, 1000);
        QCOMPARE(early.sampleCount, 2);
        QCOMPARE(early.blockedMs, 3000.0); // counted for its whole wait, past the window end
    }

    void longestLockPerRelationModeHolder()
    {
        RunRecord record;
        record.locks << lockInterval("large_user", "AccessExclusiveLock", "migration", 100, 1100)
                     << lockInterval("large_user", "AccessExclusiveLock", "migration", 2000, 6200) // longest
                     << lockInterval("large_user", "AccessExclusiveLock", "other", 0, 500)
                     << lockInterval("large_user", "AccessShareLock", "probe 1", 0, 9000)
                     << lockInterval("large_user", "AccessExclusiveLock", "migration", 0, 9999, false) // waiting
                     << lockInterval("small_user", "ShareUpdateExclusiveLock", "migration", 10, 20);

        const RunStatistics stats = RunStatistics::compute(record);
        QCOMPARE(stats.longestLocks.size(), qsizetype(4));
        QCOMPARE(stats.longestLocks.first().mode, QString("AccessShareLock")); // sorted longest first

        const auto migration = stats.longestLock("large_user", "AccessExclusiveLock", "migration");
        QVERIFY(migration);
        QCOMPARE(migration->fromMs, 2000.0);
        QCOMPARE(migration->durationMs(), 4200.0);

        const auto anyHolder = stats.longestLock("large_user", "AccessExclusiveLock");
        QVERIFY(anyHolder);
        QCOMPARE(anyHolder->holder, QString("migration"));
        QCOMPARE(stats.longestLock("large_user", "AccessExclusiveLock", "other")->durationMs(), 500.0);
        QVERIFY(!stats.longestLock("small_user", "AccessExclusiveLock"));
        QVERIFY(!stats.longestLock("large_user", "ShareLock"));
    }
};

QTEST_GUILESS_MAIN(TestRunStatistics)
#include "tst_runstatistics.moc"
