#include "core/run/ProbeCoverage.h"
#include "core/run/Verdict.h"
#include "core/server/ConnectionBudget.h"
#include "core/server/PostgresInstalls.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;

// The classroom and version pieces that need no server: how many connections
// LockLab says it uses, the room check's arithmetic, the verdict of a run
// whose probes could not connect, and reading versions from `postgres --version`.
class TestClassroomCore : public QObject
{
    Q_OBJECT

private:
    static RunRecord calmRecord(int notConnected)
    {
        RunRecord record;
        record.succeeded = true;
        record.migrationStartMs = 1000;
        record.migrationEndMs = 1500;
        record.endMs = 3000;
        for (int i = 0; i < 40; ++i) {
            ProbeSample sample;
            sample.scheduledMs = sample.startMs = i * 50.0;
            sample.probe = 1 + i % 4;
            if (i < notConnected) {
                sample.outcome = ProbeOutcome::Error;
                sample.message = ProbeCoverage::notConnectedMessage(
                    "FATAL:  remaining connection slots are reserved for non-replication superuser connections");
            } else {
                sample.latencyMs = 2;
            }
            record.samples << sample;
        }
        return record;
    }

private slots:
    void classroomProfileUsesFourConnections()
    {
        ProbeSettings probes;
        QCOMPARE(ConnectionBudget::connectionsUsed(probes), probes.connections + 2);
        ConnectionBudget::applyClassroomProfile(&probes);
        QCOMPARE(ConnectionBudget::connectionsUsed(probes), 4);
        QVERIFY(probes.rateHz == ProbeSettings().rateHz); // same rate, fewer connections
        QVERIFY(ConnectionBudget::describe(probes).startsWith("LockLab uses 4 server connections"));
    }

    void roomCountsReservedSlotsAndOurOwnConnection()
    {
        ConnectionBudget::Room room;
        room.maxConnections = 100;
        room.superuserReserved = 3;
        room.used = 90; // this connection included
        QCOMPARE(room.available(), 100 - 3 - 89);
        QVERIFY(ConnectionBudget::shortage(room, 6).isEmpty());
        room.used = 96;
        QCOMPARE(room.available(), 2);
        const QString shortage = ConnectionBudget::shortage(room, 6);
        QVERIFY2(shortage.contains("room for 2 more connections"), qPrintable(shortage));
        QVERIFY(shortage.contains("max_connections"));
        QVERIFY(shortage.contains("classroom"));
        room.superuser = true; // a superuser may use the reserved slots
        QCOMPARE(room.available(), 5);
        room.roleReserved = 5; // PostgreSQL 16's reserved_connections
        QCOMPARE(room.available(), 0);
        QVERIFY(!ConnectionBudget::shortage(room, 1).isEmpty());
    }

    void probesThatCouldNotConnectMeanNoVerdict()
    {
        const RunRecord complete = calmRecord(0);
        QVERIFY(ProbeCoverage::isComplete(complete));
        QVERIFY(!Verdict::describe(RunSummary(complete)).contains("incomplete"));

        const RunRecord incomplete = calmRecord(24);
        QCOMPARE(ProbeCoverage::notConnectedCount(incomplete), 24);
        const QString verdict = Verdict::describe(RunSummary(incomplete));
        QVERIFY2(verdict.contains("Measurement incomplete: 24 of 40 probes"), qPrintable(verdict));
        QVERIFY2(verdict.contains("remaining connection slots"), qPrintable(verdict));
        QVERIFY2(!verdict.contains("No read waited"), qPrintable(verdict));
        QVERIFY2(!verdict.contains("never blocked"), qPrintable(verdict));
        QCOMPARE(Verdict::headline(RunSummary(incomplete)), QString("Measurement incomplete"));

        // Other probe errors (a query that failed) are not a connection gap.
        RunRecord failedQuery = calmRecord(0);
        failedQuery.samples[3].outcome = ProbeOutcome::Error;
        failedQuery.samples[3].message = "relation does not exist";
        QVERIFY(ProbeCoverage::isComplete(failedQuery));

        // The server died mid-step: reads failed on their connections, then could not reconnect. The gaps
        // after the loss are the server's death, not a full server, so the reads before it are still judged.
        RunRecord serverDied = calmRecord(0);
        for (int i = 20; i < 40; ++i) {
            ProbeSample& sample = serverDied.samples[i];
            sample.outcome = ProbeOutcome::Error;
            sample.latencyMs = 0;
            sample.message = i < 24 ? QString("server closed the connection unexpectedly")
                                    : ProbeCoverage::notConnectedMessage("Connection refused");
        }
        serverDied.succeeded = false;
        QVERIFY(ProbeCoverage::isComplete(serverDied));
        QVERIFY2(!Verdict::describe(RunSummary(serverDied)).contains("incomplete"),
                 qPrintable(Verdict::describe(RunSummary(serverDied))));
        // Not-connected gaps before any loss still mean no verdict.
        serverDied.samples[2].outcome = ProbeOutcome::Error;
        serverDied.samples[2].message = ProbeCoverage::notConnectedMessage("too many clients already");
        QCOMPARE(ProbeCoverage::notConnectedCount(serverDied), 1);
    }

    void readsVersionsFromPostgresOutput_data()
    {
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("version");
        QTest::addColumn<int>("major");
        QTest::newRow("debian") << "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
                                << "15.18" << 15;
        QTest::newRow("npm") << "postgres (PostgreSQL) 18.4"
                             << "18.4" << 18;
        QTest::newRow("old") << "postgres (PostgreSQL) 9.6.24"
                             << "9.6.24" << 9;
        QTest::newRow("beta") << "postgres (PostgreSQL) 19devel"
                              << "19" << 19;
        QTest::newRow("garbage") << "bash: postgres: not found"
                                 << "" << 0;
    }

    void readsVersionsFromPostgresOutput()
    {
        QFETCH(QString, output);
        QFETCH(QString, version);
        QFETCH(int, major);
        QCOMPARE(PostgresInstalls::versionFromOutput(output), version);
        QCOMPARE(PostgresInstalls::majorOf(PostgresInstalls::versionFromOutput(output)), major);
    }

    void findsEveryPlaceOnceNewestFirst()
    {
        // Fake installs: shell scripts that answer --version like postgres does.
        QTemporaryDir tmp;
        auto makeInstall = [&](const QString& dir, const QString& version) {
            QVERIFY(QDir().mkpath(dir));
            for (const char* program : { "initdb", "pg_ctl", "postgres" }) {
                QFile file(QDir(dir).filePath(program));
                QVERIFY(file.open(QIODevice::WriteOnly));
                file.write(QString("#!/bin/sh\necho 'postgres (PostgreSQL) %1'\n").arg(version).toUtf8());
                file.close();
                QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
            }
        };
        makeInstall(tmp.filePath("debian/15/bin"), "15.18");
        makeInstall(tmp.filePath("cache/12/bin"), "12.22");
        makeInstall(tmp.filePath("cache/18/bin"), "18.4");
        makeInstall(tmp.filePath("extra/bin"), "16.14");
        makeInstall(tmp.filePath("source/bin"), "17.10");
        PostgresInstalls::Places places;
        places.extraDirs = { tmp.filePath("extra/bin") };
        places.pathDirs = { tmp.filePath("debian/15/bin"), tmp.filePath("nothing") }; // found twice: listed once
        places.debianRoot = tmp.filePath("debian");
        places.fetchCache = tmp.filePath("cache");
        places.sourceBuild = tmp.filePath("source/bin");
        const QList<PostgresInstall> found = PostgresInstalls::find(places);
        QStringList seen;
        for (const PostgresInstall& install : found)
            seen << QString("%1 %2").arg(install.version, install.source);
        QCOMPARE(seen,
                 (QStringList { "18.4 fetch-postgres.sh", "17.10 source build", "16.14 LOCKLAB_PG_BINDIRS",
                                "15.18 PATH", "12.22 fetch-postgres.sh" }));
    }
};

QTEST_GUILESS_MAIN(TestClassroomCore)
#include "tst_classroomcore.moc"
