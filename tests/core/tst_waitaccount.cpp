#include "RecordBuilders.h"
#include "core/run/WaitAccount.h"

#include <QtTest>

using namespace locklab;

// The headless runner's "who waited for whom", from recorded lock intervals.
class TestWaitAccount : public QObject
{
    Q_OBJECT

private:
    static LockInterval lock(const QString& holder, const QString& mode, bool granted, double from, double to,
                             const QString& blockedBy = QString())
    {
        LockInterval l = test::lockInterval("large_user", mode, holder, from, to, granted, 0);
        l.blockedBy = blockedBy;
        return l;
    }

private slots:
    void nothingWithoutWaits()
    {
        RunRecord record;
        record.locks << lock("migration", "AccessExclusiveLock", true, 1000, 1001);
        QVERIFY(WaitAccount::lines(record).isEmpty());
    }

    void theQueueReadsFrontToBack()
    {
        RunRecord record;
        record.locks << lock("probe 1", "AccessShareLock", true, 0, 900)
                     << lock("nightly report", "AccessShareLock", true, 100, 10100)
                     << lock("migration", "AccessExclusiveLock", false, 1000, 10100, "nightly report")
                     << lock("probe 1", "AccessShareLock", false, 1100, 4000, "migration")
                     << lock("probe 2", "AccessShareLock", false, 1100, 10100, "migration")
                     << lock("write probe 1", "RowExclusiveLock", false, 1200, 10100, "migration, nightly report");
        // The index a migration builds in its transaction: nobody else sees its name, nor waits for it.
        LockInterval newIndex = lock("nightly report", "AccessExclusiveLock", true, 200, 10100);
        newIndex.relation = "16432";
        record.locks << newIndex;
        const QStringList lines = WaitAccount::lines(record);
        QCOMPARE(lines.size(), 4);
        // Only those in somebody's way are listed as holders; the probes of a series are one line.
        QVERIFY2(lines.at(0).startsWith("nightly report") && lines.at(0).contains("held")
                     && lines.at(0).contains("ACCESS SHARE") && lines.at(0).contains("0.1 s - 10.1 s"),
                 qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).startsWith("migration") && lines.at(1).contains("waited")
                     && lines.at(1).contains("ACCESS EXCLUSIVE") && lines.at(1).endsWith("blocked by nightly report"),
                 qPrintable(lines.at(1)));
        QVERIFY2(lines.at(2).startsWith("read probes (2)") && lines.at(2).contains("1.1 s - 10.1 s")
                     && lines.at(2).endsWith("blocked by migration"),
                 qPrintable(lines.at(2)));
        QVERIFY2(lines.at(3).startsWith("write probes") && lines.at(3).contains("ROW EXCLUSIVE")
                     && lines.at(3).endsWith("blocked by migration, nightly report"),
                 qPrintable(lines.at(3)));
    }
};

QTEST_GUILESS_MAIN(TestWaitAccount)
#include "tst_waitaccount.moc"
