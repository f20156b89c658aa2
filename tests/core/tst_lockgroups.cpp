#include "RecordBuilders.h"
#include "core/observe/LockGroups.h"

#include <QtTest>

using namespace locklab;

class TestLockGroups : public QObject
{
    Q_OBJECT

    static LockRow row(int pid, const QString& who, const QString& relation, const QString& table, const QString& mode,
                       bool granted = true)
    {
        return test::lockRow(pid, who, relation, mode, granted, table);
    }

private slots:
    void aTableAndItsIndexesAreOneRow()
    {
        // What the monitor saw during a backfill batch: the UPDATE's locks on
        // the table and its primary key, and a probe's read of both.
        const QList<LockRow> rows {
            row(10, "migration", "large_user", "large_user", "RowExclusiveLock"),
            row(10, "migration", "large_user_pkey", "large_user", "RowExclusiveLock"),
            row(10, "migration", "large_user", "large_user", "AccessShareLock"),
            row(11, "probe 1", "large_user_pkey", "large_user", "AccessShareLock"),
            row(11, "probe 1", "large_user", "large_user", "AccessShareLock"),
            row(12, "probe 2", "large_user", "large_user", "AccessShareLock", false),
        };
        const QList<LockRow> groups = LockGroups::grouped(rows);
        QCOMPARE(groups.size(), 4);
        QCOMPARE(groups.at(0).relation, QString("large_user + index large_user_pkey"));
        QCOMPARE(groups.at(0).mode, QString("RowExclusiveLock"));
        QCOMPARE(groups.at(1).relation, QString("large_user"));
        QCOMPARE(groups.at(2).relation, QString("large_user + index large_user_pkey"));
        QCOMPARE(groups.at(2).who, QString("probe 1"));
        QVERIFY(!groups.at(3).granted); // a wait is never folded into a granted row
    }

    void everyRowSaysWhy()
    {
        QVERIFY(LockGroups::why(row(1, "migration", "t", "t", "AccessExclusiveLock")).contains("not even a SELECT"));
        QVERIFY(LockGroups::why(row(1, "migration", "t", "t", "RowExclusiveLock")).contains("indexes"));
        // The migration's own weak lock, which puzzled attendees.
        QVERIFY(LockGroups::why(row(1, "migration", "t", "t", "AccessShareLock")).contains("until COMMIT"));
        QVERIFY(LockGroups::why(row(2, "probe 1", "t", "t", "AccessShareLock")).contains("SELECT"));
        QVERIFY(LockGroups::why(row(2, "probe 1", "t", "t", "AccessShareLock", false)).startsWith("Waiting"));
        QVERIFY(LockGroups::why(row(1, "migration", "t", "t", "ShareUpdateExclusiveLock")).contains("VALIDATE"));
    }
};

QTEST_GUILESS_MAIN(TestLockGroups)
#include "tst_lockgroups.moc"
