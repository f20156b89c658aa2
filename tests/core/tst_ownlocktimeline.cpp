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

    void aStatementOutsideATransactionHoldsWhatThePollSawForItsWholeWindow()
    {
        // CREATE INDEX ran 2000..2066 on its own; one poll (at 2030) saw its SHARE lock.
        OwnLockTimeline timeline;
        timeline.autocommitStatement(1000, 1010); // SET lock_timeout: nothing seen
        timeline.autocommitStatement(2000, 2066);
        const QList<LockInterval> fromPoll { polled("ShareLock", "migration", 2030, 2030),
                                             polled("RowExclusiveLock", "writer", 2030, 2030, false) };
        const QList<LockInterval> merged = OwnLockTimeline::merge(fromPoll, timeline.intervals(),
                                                                  timeline.autocommitWindows());
        QCOMPARE(merged.size(), qsizetype(2));
        QCOMPARE(merged.first().holder, QString("migration"));
        QCOMPARE(merged.first().fromMs, 2000.0);
        QCOMPARE(merged.first().toMs, 2066.0);
        // Other sessions' locks keep what the poll saw.
        QCOMPARE(merged.last().fromMs, 2030.0);
        QCOMPARE(merged.last().toMs, 2030.0);
    }

    void oneLockSeenAcrossTwoStatementsIsTwoLocks()
    {
        // Two statements in a row took the same lock; the poll saw it throughout.
        OwnLockTimeline timeline;
        timeline.autocommitStatement(100, 300);
        timeline.autocommitStatement(301, 600);
        const QList<LockInterval> merged = OwnLockTimeline::merge({ polled("ShareLock", "migration", 150, 550) },
                                                                  timeline.intervals(), timeline.autocommitWindows());
        QCOMPARE(merged.size(), qsizetype(2));
        QCOMPARE(merged.at(0).fromMs, 100.0);
        QCOMPARE(merged.at(0).toMs, 300.0);
        QCOMPARE(merged.at(1).fromMs, 301.0);
        QCOMPARE(merged.at(1).toMs, 600.0);
    }

    void aPollSentJustBeforeTheStatementCountsForIt()
    {
        // Stamped at 995 when sent, it read pg_locks after the statement began at 1000.
        OwnLockTimeline timeline;
        timeline.autocommitStatement(1000, 1040);
        const QList<LockInterval> merged = OwnLockTimeline::merge({ polled("ShareLock", "migration", 995, 995) },
                                                                  timeline.intervals(), timeline.autocommitWindows());
        QCOMPARE(merged.size(), qsizetype(1));
        QCOMPARE(merged.first().fromMs, 1000.0);
        QCOMPARE(merged.first().toMs, 1040.0);
        // Far from any statement (the worker's own catalog reads): as polled.
        const QList<LockInterval> apart = OwnLockTimeline::merge({ polled("AccessShareLock", "migration", 5000, 5000) },
                                                                 timeline.intervals(), timeline.autocommitWindows());
        QCOMPARE(apart.first().fromMs, 5000.0);
    }

    void theStatementsAroundTheOneThatTookTheLockDoNotGetIt()
    {
        // SET, SET, then a 51 ms CREATE INDEX CONCURRENTLY, then RESET. A poll
        // stamped during the first SET read pg_locks once the build had begun.
        OwnLockTimeline timeline;
        timeline.autocommitStatement(952.22, 952.30);
        timeline.autocommitStatement(952.32, 952.36);
        timeline.autocommitStatement(952.37, 1003.55);
        timeline.autocommitStatement(1003.60, 1003.70);
        for (const double lastPoll : { 952.25, 1000.0 }) {
            const QList<LockInterval> merged = OwnLockTimeline::merge(
                { polled("ShareUpdateExclusiveLock", "migration", 952.25, lastPoll) }, timeline.intervals(),
                timeline.autocommitWindows());
            QCOMPARE(merged.size(), qsizetype(1));
            QCOMPARE(merged.first().fromMs, 952.37);
            QCOMPARE(merged.first().toMs, 1003.55);
        }
    }

    void anAutocommitStatementThatWaitedIsGrantedWhenTheWaitEnds()
    {
        OwnLockTimeline timeline;
        timeline.autocommitStatement(1000, 1500);
        const QList<LockInterval> merged = OwnLockTimeline::merge(
            { polled("ShareLock", "migration", 1000, 1300, false), polled("ShareLock", "migration", 1400, 1400) },
            timeline.intervals(), timeline.autocommitWindows());
        QCOMPARE(merged.size(), qsizetype(2));
        QCOMPARE(merged.last().granted, true);
        QCOMPARE(merged.last().fromMs, 1300.0);
        QCOMPARE(merged.last().toMs, 1500.0);
    }
};

QTEST_GUILESS_MAIN(TestOwnLockTimeline)
#include "tst_ownlocktimeline.moc"
