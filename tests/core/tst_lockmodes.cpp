#include "core/observe/LockModes.h"

#include <QtTest>

using namespace locklab;

class TestLockModes : public QObject
{
    Q_OBJECT

private slots:
    void hasTheEightModesWithBothNames()
    {
        const QList<LockMode> modes = LockModes::all();
        QCOMPARE(modes.size(), 8);
        QCOMPARE(LockModes::displayName(LockMode::AccessExclusive), QString("ACCESS EXCLUSIVE"));
        QCOMPARE(LockModes::pgLocksName(LockMode::AccessExclusive), QString("AccessExclusiveLock"));
        QCOMPARE(LockModes::pgLocksName(LockMode::ShareUpdateExclusive), QString("ShareUpdateExclusiveLock"));
        for (LockMode mode : modes) {
            QCOMPARE(LockModes::fromName(LockModes::displayName(mode)), std::optional<LockMode>(mode));
            QCOMPARE(LockModes::fromName(LockModes::pgLocksName(mode)), std::optional<LockMode>(mode));
            QVERIFY(!LockModes::explanation(mode).isEmpty());
            QVERIFY(!LockModes::commands(mode).isEmpty());
        }
        QCOMPARE(LockModes::fromName("access exclusive mode"), std::optional<LockMode>(LockMode::AccessExclusive));
        QVERIFY(!LockModes::fromName("ExclusiveLockish"));
        QVERIFY(!LockModes::conflicts("nonsense", "ACCESS EXCLUSIVE"));
    }

    void matrixIsSymmetric()
    {
        for (LockMode a : LockModes::all()) {
            for (LockMode b : LockModes::all()) {
                QVERIFY2(LockModes::conflicts(a, b) == LockModes::conflicts(b, a),
                         qPrintable(LockModes::displayName(a) + " / " + LockModes::displayName(b)));
            }
        }
    }

    void conflictCounts_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("count");
        // Counted off the documentation's "Conflicting Lock Modes" table.
        QTest::newRow("access share") << "ACCESS SHARE" << 1;
        QTest::newRow("row share") << "ROW SHARE" << 2;
        QTest::newRow("row exclusive") << "ROW EXCLUSIVE" << 4;
        QTest::newRow("share update exclusive") << "SHARE UPDATE EXCLUSIVE" << 5;
        QTest::newRow("share") << "SHARE" << 5;
        QTest::newRow("share row exclusive") << "SHARE ROW EXCLUSIVE" << 6;
        QTest::newRow("exclusive") << "EXCLUSIVE" << 7;
        QTest::newRow("access exclusive") << "ACCESS EXCLUSIVE" << 8;
    }

    void conflictCounts()
    {
        QFETCH(QString, mode);
        QFETCH(int, count);
        QCOMPARE(LockModes::conflictingModes(mode).size(), count);
    }

    void keyPairs()
    {
        QCOMPARE(LockModes::conflictingModes("AccessShareLock"), QStringList { "ACCESS EXCLUSIVE" });
        QCOMPARE(LockModes::conflictingModes("ACCESS EXCLUSIVE").size(), 8);
        QVERIFY(LockModes::conflicts("ACCESS EXCLUSIVE", "ACCESS SHARE"));
        QVERIFY(!LockModes::conflicts("SHARE UPDATE EXCLUSIVE", "ROW EXCLUSIVE"));
        QVERIFY(!LockModes::conflicts("SHARE UPDATE EXCLUSIVE", "ACCESS SHARE"));
        QVERIFY(LockModes::conflicts("SHARE UPDATE EXCLUSIVE", "SHARE UPDATE EXCLUSIVE"));
        QVERIFY(LockModes::conflicts("ShareLock", "RowExclusiveLock")); // CREATE INDEX blocks writes
        QVERIFY(!LockModes::conflicts("ShareLock", "ShareLock")); // two CREATE INDEX can run together
        QVERIFY(!LockModes::conflicts("ROW EXCLUSIVE", "ROW EXCLUSIVE"));
    }

    void commandsTakeTheDocumentedModes_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("mode");
        QTest::newRow("select") << "SELECT"
                                << "ACCESS SHARE";
        QTest::newRow("update") << "update"
                                << "ROW EXCLUSIVE";
        QTest::newRow("set not null") << "ALTER TABLE  SET NOT NULL"
                                      << "ACCESS EXCLUSIVE";
        QTest::newRow("add column") << "ALTER TABLE ADD COLUMN"
                                    << "ACCESS EXCLUSIVE";
        QTest::newRow("validate") << "ALTER TABLE VALIDATE CONSTRAINT"
                                  << "SHARE UPDATE EXCLUSIVE";
        QTest::newRow("create index") << "CREATE INDEX"
                                      << "SHARE";
        QTest::newRow("concurrently") << "CREATE INDEX CONCURRENTLY"
                                      << "SHARE UPDATE EXCLUSIVE";
        QTest::newRow("foreign key") << "ALTER TABLE ADD FOREIGN KEY"
                                     << "SHARE ROW EXCLUSIVE";
    }

    void commandsTakeTheDocumentedModes()
    {
        QFETCH(QString, command);
        QFETCH(QString, mode);
        const auto taken = LockModes::modeForCommand(command);
        QVERIFY2(taken.has_value(), qPrintable(command));
        QCOMPARE(LockModes::displayName(*taken), mode);
    }

    void explanationSaysWhatItBlocks()
    {
        const QString text = LockModes::explanation("AccessExclusiveLock");
        QVERIFY(text.contains("blocks every SELECT"));
        QVERIFY(text.contains("ALTER TABLE"));
        QVERIFY(LockModes::explanation("SHARE UPDATE EXCLUSIVE").contains("Reads and writes go on"));
        QCOMPARE(LockModes::documentationUrl(),
                 QString("https://www.postgresql.org/docs/current/explicit-locking.html"));
    }
};

QTEST_GUILESS_MAIN(TestLockModes)
#include "tst_lockmodes.moc"
