#include "RecordBuilders.h"
#include "core/migration/OwnLockTimeline.h"

#include <QtTest>

using namespace locklab;

namespace {
LockInterval polled(const QString& mode, const QString& holder, double from, double to, bool granted = true)
{
    return test::lockInterval("large_user", mode, holder, from, to, granted, 7);
}
} // namespace

// The migration's own locks come from its statements, not from the poll.
class TestOwnLockTimeline : public QObject
{
    Q_OBJECT

private slots:
    void lockRunsFromTheStatementThatTookItToCommit()
    {
        OwnLockTimeline timeline;
        timeline.setPid(42);
        // BEGIN at 1000; ADD CONSTRAINT 1001..1095 takes ACCESS EXCLUSIVE; COMMIT ends at 1097.
        timeline.statementDone({ { "large_user", "AccessExclusiveLock" } }, 1001);
        timeline.statementDone({ { "large_user", "AccessExclusiveLock" }, { "small_user", "AccessExclusiveLock" } },
                               1095);
        timeline.transactionEnded(1097);
        const QList<LockInterval> locks = timeline.intervals();
        QCOMPARE(locks.size(), qsizetype(2));
        for (const LockInterval& lock : locks) {
            QCOMPARE(lock.pid, 42);
            QCOMPARE(lock.holder, QString("migration"));
            QVERIFY(lock.granted);
            QCOMPARE(lock.toMs, 1097.0);
            QCOMPARE(lock.fromMs, lock.relation == "large_user" ? 1001.0 : 1095.0);
        }
        // A new transaction starts from nothing held.
        timeline.transactionEnded(2000);
        QCOMPARE(timeline.intervals().size(), qsizetype(2));
    }

    void mergeReplacesThePolledMigrationLocks()
    {
        // The poll saw the 96 ms lock once: a 0.0 ms interval.
        const QList<LockInterval> fromPoll { polled("AccessExclusiveLock", "migration", 1050, 1050),
                                             polled("AccessShareLock", "probe 1", 1050, 1050, false),
                                             polled("AccessShareLock", "other", 0, 3000) };
        OwnLockTimeline timeline;
        timeline.statementDone({ { "large_user", "AccessExclusiveLock" } }, 1001);
        timeline.transactionEnded(1097);
        const QList<LockInterval> merged = OwnLockTimeline::merge(fromPoll, timeline.intervals());
        QCOMPARE(merged.size(), qsizetype(3));
        int migration = 0;
        for (const LockInterval& lock : merged) {
            if (lock.holder == "migration") {
                ++migration;
                QCOMPARE(lock.fromMs, 1001.0);
                QCOMPARE(lock.durationMs(), 96.0);
            }
        }
        QCOMPARE(migration, 1);
    }

    void aWaitBeforeTheGrantMovesTheStart()
    {
        const QList<LockInterval> fromPoll { polled("AccessExclusiveLock", "migration", 1000, 1400, false) };
        OwnLockTimeline timeline;
        timeline.statementDone({ { "large_user", "AccessExclusiveLock" } }, 990);
        timeline.transactionEnded(1500);
        const QList<LockInterval> merged = OwnLockTimeline::merge(fromPoll, timeline.intervals());
        QCOMPARE(merged.size(), qsizetype(2)); // the wait stays, drawn as a wait
        QCOMPARE(merged.last().fromMs, 1400.0);
        QCOMPARE(merged.last().toMs, 1500.0);
    }
};

QTEST_GUILESS_MAIN(TestOwnLockTimeline)
#include "tst_ownlocktimeline.moc"
