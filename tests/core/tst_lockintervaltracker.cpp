#include "RecordBuilders.h"
#include "core/observe/LockIntervalTracker.h"

#include <QtTest>

using namespace locklab;

namespace {
LockRow row(int pid, const QString& who, const QString& mode, bool granted = true,
            const QString& relation = "large_user")
{
    return test::lockRow(pid, who, relation, mode, granted);
}
} // namespace

class TestLockIntervalTracker : public QObject
{
    Q_OBJECT

private slots:
    void opensAndClosesAtTheLastPollThatSawIt()
    {
        LockIntervalTracker tracker;
        tracker.feed({}, 0);
        tracker.feed({ row(10, "migration", "AccessExclusiveLock") }, 200);
        tracker.feed({ row(10, "migration", "AccessExclusiveLock") }, 400);
        tracker.feed({ row(10, "migration", "AccessExclusiveLock") }, 600);
        QVERIFY(tracker.hasOpenIntervals());
        tracker.feed({}, 800);
        QVERIFY(!tracker.hasOpenIntervals());
        const QList<LockInterval> intervals = tracker.intervals();
        QCOMPARE(intervals.size(), 1);
        QCOMPARE(intervals[0].pid, 10);
        QCOMPARE(intervals[0].holder, QString("migration"));
        QCOMPARE(intervals[0].relation, QString("large_user"));
        QCOMPARE(intervals[0].mode, QString("AccessExclusiveLock"));
        QVERIFY(intervals[0].granted);
        QCOMPARE(intervals[0].fromMs, 200.0);
        QCOMPARE(intervals[0].toMs, 600.0);
        QCOMPARE(intervals[0].durationMs(), 400.0);
    }

    void reopensAfterAGap()
    {
        LockIntervalTracker tracker;
        tracker.feed({ row(10, "migration", "AccessExclusiveLock") }, 0);
        tracker.feed({}, 200);
        tracker.feed({ row(10, "migration", "AccessExclusiveLock") }, 400);
        tracker.feed({ row(10, "migration", "AccessExclusiveLock") }, 600);
        tracker.feed({}, 800);
        const QList<LockInterval> intervals = tracker.intervals();
        QCOMPARE(intervals.size(), 2);
        QCOMPARE(intervals[0].fromMs, 0.0);
        QCOMPARE(intervals[0].toMs, 0.0);
        QCOMPARE(intervals[1].fromMs, 400.0);
        QCOMPARE(intervals[1].toMs, 600.0);
    }

    void keepsTwoPidsAndWaitThenGrantApart()
    {
        LockIntervalTracker tracker;
        tracker.feed({ row(10, "migration", "AccessExclusiveLock"), row(20, "probe 1", "AccessShareLock", false) }, 0);
        tracker.feed({ row(10, "migration", "AccessExclusiveLock"), row(20, "probe 1", "AccessShareLock", false) },
                     200);
        // The migration commits; the waiting read gets its lock.
        tracker.feed({ row(20, "probe 1", "AccessShareLock", true) }, 400);
        tracker.feed({}, 600);
        const QList<LockInterval> intervals = tracker.intervals();
        QCOMPARE(intervals.size(), 3);
        QCOMPARE(intervals[0].pid, 10);
        QCOMPARE(intervals[0].toMs, 200.0);
        QCOMPARE(intervals[1].pid, 20);
        QVERIFY(!intervals[1].granted);
        QCOMPARE(intervals[1].holder, QString("probe 1"));
        QCOMPARE(intervals[1].toMs, 200.0);
        QCOMPARE(intervals[2].pid, 20);
        QVERIFY(intervals[2].granted);
        QCOMPARE(intervals[2].fromMs, 400.0);
        QCOMPARE(intervals[2].toMs, 400.0);
    }

    void sameModeOnTwoRelationsIsTwoIntervals()
    {
        LockIntervalTracker tracker;
        tracker.feed({ row(10, "migration", "AccessShareLock", true, "large_user"),
                       row(10, "migration", "AccessShareLock", true, "large_user_pkey") },
                     0);
        tracker.finish(100);
        QCOMPARE(tracker.intervals().size(), 2);
    }

    void openIntervalsShowUntilTheLatestPollAndFinishClosesThem()
    {
        LockIntervalTracker tracker;
        tracker.feed({ row(10, "migration", "AccessExclusiveLock") }, 100);
        tracker.feed({ row(10, "migration", "AccessExclusiveLock"), row(11, "other", "RowExclusiveLock") }, 300);
        QList<LockInterval> intervals = tracker.intervals();
        QCOMPARE(intervals.size(), 2);
        QCOMPARE(intervals[0].toMs, 300.0);
        tracker.finish(350);
        QVERIFY(!tracker.hasOpenIntervals());
        intervals = tracker.intervals();
        QCOMPARE(intervals.size(), 2);
        QCOMPARE(intervals[0].fromMs, 100.0);
        QCOMPARE(intervals[0].toMs, 350.0);
        QCOMPARE(intervals[1].pid, 11);
        QCOMPARE(intervals[1].holder, QString("other"));
        QCOMPARE(intervals[1].fromMs, 300.0);
        QCOMPARE(intervals[1].toMs, 350.0);
        // Finishing again, or earlier than the last poll, changes nothing.
        tracker.finish(200);
        QCOMPARE(tracker.intervals().size(), 2);
        tracker.clear();
        QVERIFY(tracker.intervals().isEmpty());
    }

    void whoComesFromTheApplicationName()
    {
        QCOMPARE(LockRow::whoFromApplicationName("locklab-migration"), QString("migration"));
        QCOMPARE(LockRow::whoFromApplicationName("locklab-probe-3"), QString("probe 3"));
        QCOMPARE(LockRow::whoFromApplicationName("locklab-monitor"), QString("monitor"));
        QCOMPARE(LockRow::whoFromApplicationName("psql"), QString("other"));
        QCOMPARE(LockRow::whoFromApplicationName(""), QString("other"));
        QCOMPARE(LockRow::whoFromApplicationName("locklab-probe-x"), QString("other"));
    }
};

QTEST_GUILESS_MAIN(TestLockIntervalTracker)
#include "tst_lockintervaltracker.moc"
