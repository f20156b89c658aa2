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

    void namesInWords_data()
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

    void namesInWords()
    {
        QFETCH(QString, pg);
        QTEST(LockModes::displayName(pg), "words");
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
        QCOMPARE(LockModes::documentationUrl("15.8 (Debian 15.8-0+deb12u1)"),
                 QString("https://www.postgresql.org/docs/15/explicit-locking.html"));
    }

    void documentationFollowsTheServerVersion_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("docs");
        QTest::newRow("plain") << "16.4"
                               << "16";
        QTest::newRow("debian") << "15.8 (Debian 15.8-0+deb12u1)"
                                << "15";
        QTest::newRow("beta") << "18beta1"
                              << "18";
        QTest::newRow("twelve") << "12.20"
                                << "12";
        QTest::newRow("old two-number major") << "9.6.24"
                                              << "9.6";
        QTest::newRow("unknown") << ""
                                 << "current";
    }

    void documentationFollowsTheServerVersion()
    {
        QFETCH(QString, version);
        QTEST(LockModes::documentationVersion(version), "docs");
    }

    // Corrections an expert asked for (issue 10): each is a claim that was wrong.
    void explanationsSayWhatReallyBlocks()
    {
        const QString accessShare = LockModes::explanation(LockMode::AccessShare);
        QVERIFY(accessShare.contains("SET DEFAULT"));
        QVERIFY(accessShare.contains("LOCK TABLE"));
        QVERIFY(accessShare.contains("DROP"));
        QVERIFY(LockModes::explanation(LockMode::AccessExclusive).contains("other than FOREIGN KEY"));
        QCOMPARE(LockModes::displayName(*LockModes::modeForCommand("REINDEX")), QString("SHARE"));
        QVERIFY(LockModes::explanation(LockMode::Share).contains("plain SELECTs that would use that index wait"));
        const QString sue = LockModes::explanation(LockMode::ShareUpdateExclusive);
        QVERIFY(sue.contains("at the table level"));
        QVERIFY(sue.contains("CREATE INDEX with or without CONCURRENTLY"));
        QVERIFY(sue.contains("ANALYZE"));
        QVERIFY(sue.contains("autovacuum"));
        QVERIFY(LockModes::explanation(LockMode::ShareRowExclusive).contains("second requester"));
        QVERIFY(!LockModes::explanation(LockMode::ShareRowExclusive).contains("second holder"));
    }
};

QTEST_GUILESS_MAIN(TestLockModes)
#include "tst_lockmodes.moc"
