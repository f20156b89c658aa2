#include "ExternalTestServer.h"
#include "TestServer.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/EmbeddedServer.h"
#include "core/server/PostgresBinaries.h"
#include "core/server/Sandbox.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <sys/stat.h>

using namespace locklab;

namespace {

// Runs a query on a connection opened and removed on its own thread.
class QueryThread : public QThread
{
public:
    QueryThread(const ConnectionSettings& settings, const QString& name)
        : m_settings(settings)
        , m_name(name)
    {
    }
    int backendPid = 0;
    QString applicationName;
    QString error;

protected:
    void run() override
    {
        DatabaseConnection connection(m_settings, m_name);
        if (!connection.open(&error))
            return;
        QSqlQuery query(connection.database());
        // pg_sleep overlaps the two threads' queries on the server.
        if (query.exec("SELECT pg_backend_pid(), current_setting('application_name'), pg_sleep(0.2)") && query.next()) {
            backendPid = query.value(0).toInt();
            applicationName = query.value(1).toString();
        }
    }

private:
    ConnectionSettings m_settings;
    QString m_name;
};

QString makeScratchDir(QTemporaryDir& dir)
{
    ::chmod(QFile::encodeName(dir.path()).constData(), 0755);
    return dir.filePath("cluster");
}

} // namespace

class TestEmbeddedServer : public QObject
{
    Q_OBJECT

private slots:
    void startsConnectsFromTwoThreadsAndStops()
    {
        QTemporaryDir scratch(test::TestServer::scratchParent() + "/locklab-es-XXXXXX");
        EmbeddedServer server(makeScratchDir(scratch));
        QString error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(server.start(&error), qPrintable(error));
        qInfo("first start with initdb: %lld ms", timer.elapsed());
        QVERIFY(server.createdCluster());
        QVERIFY(server.isRunning());

        // The socket directory is private and the server listens on no TCP address.
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(server.socketDir()).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0700);

        QueryThread first(server.connectionSettings(), "locklab-test-a");
        QueryThread second(server.connectionSettings(), "locklab-test-b");
        first.start();
        second.start();
        QVERIFY(first.wait(20000));
        QVERIFY(second.wait(20000));
        QVERIFY2(first.error.isEmpty(), qPrintable(first.error));
        QVERIFY2(second.error.isEmpty(), qPrintable(second.error));
        QVERIFY(first.backendPid > 0 && second.backendPid > 0);
        QVERIFY(first.backendPid != second.backendPid);
        QCOMPARE(first.applicationName, QString("locklab-test-a"));

        {
            DatabaseConnection connection(server.connectionSettings(), "locklab-test");
            QVERIFY2(connection.open(&error), qPrintable(error));
            QSqlQuery query(connection.database());
            QVERIFY(query.exec("SHOW listen_addresses") && query.next());
            QCOMPARE(query.value(0).toString(), QString());
        }

        const QString socketDir = server.socketDir();
        server.stop();
        QVERIFY(!server.isRunning());
        QVERIFY(!QFileInfo::exists(socketDir));
        QVERIFY(!QFileInfo::exists(QDir(server.dataDir()).filePath("postmaster.pid")));
    }

    void reusesAnExistingCluster()
    {
        QTemporaryDir scratch(test::TestServer::scratchParent() + "/locklab-es-XXXXXX");
        const QString dataDir = makeScratchDir(scratch);
        QString error;
        {
            EmbeddedServer server(dataDir);
            QVERIFY2(server.start(&error), qPrintable(error));
            QVERIFY(server.createdCluster());
            Sandbox::Result sandbox;
            QVERIFY2(Sandbox::prepare(server.connectionSettings(), true, &sandbox, &error), qPrintable(error));
            DatabaseConnection connection(sandbox.settings, "locklab-test");
            QVERIFY(connection.open(&error));
            QVERIFY(QSqlQuery(connection.database()).exec("CREATE TABLE survives_restart (x int)"));
        }
        EmbeddedServer again(dataDir);
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(again.start(&error), qPrintable(error));
        qInfo("second start (reuse): %lld ms", timer.elapsed());
        QVERIFY(!again.createdCluster());
        QVERIFY(!again.recoveredStaleServer());
        Sandbox::Result sandbox;
        QVERIFY2(Sandbox::prepare(again.connectionSettings(), true, &sandbox, &error), qPrintable(error));
        QVERIFY(sandbox.note.contains("using"));
        DatabaseConnection connection(sandbox.settings, "locklab-test");
        QVERIFY(connection.open(&error));
        QVERIFY(Sandbox::isMarked(connection.database()));
        QVERIFY(QSqlQuery(connection.database()).exec("SELECT * FROM survives_restart"));
    }

    void recoversFromAStalePidFile()
    {
        QTemporaryDir scratch(test::TestServer::scratchParent() + "/locklab-es-XXXXXX");
        const QString dataDir = makeScratchDir(scratch);
        QString error;
        QByteArray pidFileContents;
        {
            EmbeddedServer server(dataDir);
            QVERIFY2(server.start(&error), qPrintable(error));
            QFile pid(QDir(dataDir).filePath("postmaster.pid"));
            QVERIFY(pid.open(QIODevice::ReadOnly));
            pidFileContents = pid.readAll();
        }
        // A crash leaves postmaster.pid behind, naming a process that no longer exists.
        QList<QByteArray> lines = pidFileContents.split('\n');
        lines[0] = "999999";
        QFile pid(QDir(dataDir).filePath("postmaster.pid"));
        QVERIFY(pid.open(QIODevice::WriteOnly));
        pid.write(lines.join('\n'));
        pid.close();

        EmbeddedServer again(dataDir);
        QVERIFY2(again.start(&error), qPrintable(error));
        QVERIFY(again.recoveredStaleServer());
        DatabaseConnection connection(again.connectionSettings(), "locklab-test");
        QVERIFY2(connection.open(&error), qPrintable(error));
    }

    void stopsAServerLeftRunningByAnEarlierInstance()
    {
        QTemporaryDir scratch(test::TestServer::scratchParent() + "/locklab-es-XXXXXX");
        const QString dataDir = makeScratchDir(scratch);
        QString error;
        EmbeddedServer orphan(dataDir);
        QVERIFY2(orphan.start(&error), qPrintable(error));
        // A second instance on the same cluster (as after LockLab was killed with -9)
        // stops the left-over server and starts its own.
        EmbeddedServer next(dataDir);
        QVERIFY2(next.start(&error), qPrintable(error));
        QVERIFY(next.recoveredStaleServer());
        DatabaseConnection connection(next.connectionSettings(), "locklab-test");
        QVERIFY2(connection.open(&error), qPrintable(error));
    }

    void restartsAnEarlierClusterWithMinimalWal()
    {
        // A cluster as an earlier LockLab left it: PostgreSQL's default
        // settings (wal_level = replica, max_wal_senders = 10) and its server
        // still running.
        QTemporaryDir scratch(test::TestServer::scratchParent() + "/locklab-es-XXXXXX");
        QTemporaryDir sockets(test::TestServer::scratchParent() + "/locklab-es-XXXXXX");
        const QString dataDir = makeScratchDir(scratch);
        QVERIFY(test::ExternalTestServer::giveToServerUser(scratch.path()));
        QVERIFY(test::ExternalTestServer::giveToServerUser(sockets.path()));
        const PostgresBinaries binaries = PostgresBinaries::discover();
        QString output;
        QVERIFY2(test::ExternalTestServer::runAsServerUser(
                     binaries.initdb(),
                     { "-D", dataDir, "-U", EmbeddedServer::superuserName(), "--auth-local=trust", "--no-sync" },
                     &output),
                 qPrintable(output));
        ConnectionSettings old;
        old.host = sockets.path();
        old.port = 56990;
        old.user = EmbeddedServer::superuserName();
        old.database = "postgres";
        QVERIFY2(test::ExternalTestServer::runAsServerUser(
                     binaries.pgCtl(),
                     { "start", "-D", dataDir, "-w", "-s", "-l", scratch.filePath("old.log"), "-o",
                       QString("-p %1 -k %2 -c listen_addresses=''").arg(old.port).arg(old.host) },
                     &output),
                 qPrintable(output));
        auto show = [](const ConnectionSettings& settings, const QString& name) {
            DatabaseConnection connection(settings, "locklab-test");
            QString error;
            QSqlQuery query(connection.open(&error) ? connection.database() : QSqlDatabase());
            return query.exec("SHOW " + name) && query.next() ? query.value(0).toString() : error;
        };
        QCOMPARE(show(old, "wal_level"), QString("replica"));

        EmbeddedServer server(dataDir);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        QVERIFY(server.recoveredStaleServer()); // the old server was stopped, not joined
        QCOMPARE(show(server.connectionSettings(), "wal_level"), QString("minimal"));
        QCOMPARE(show(server.connectionSettings(), "max_wal_senders"), QString("0"));
        server.stop();
        // And again from a stopped cluster: the settings stay.
        EmbeddedServer again(dataDir);
        QVERIFY2(again.start(&error), qPrintable(error));
        QCOMPARE(show(again.connectionSettings(), "wal_level"), QString("minimal"));
    }

    void reportsAServerThatFailsToStartWithItsLog()
    {
        QTemporaryDir scratch(test::TestServer::scratchParent() + "/locklab-es-XXXXXX");
        const QString dataDir = makeScratchDir(scratch);
        QString error;
        {
            EmbeddedServer server(dataDir);
            QVERIFY2(server.start(&error), qPrintable(error));
        }
        // Break the configuration so the postmaster refuses to start.
        QFile conf(QDir(dataDir).filePath("postgresql.conf"));
        QVERIFY(conf.open(QIODevice::Append));
        conf.write("\nshared_buffers = 'lots'\n");
        conf.close();
        EmbeddedServer broken(dataDir);
        QVERIFY(!broken.start(&error));
        QVERIFY2(error.contains("did not start"), qPrintable(error));
        QVERIFY2(error.contains("shared_buffers"), qPrintable(error));
    }

    void refusesANonClusterDirectory()
    {
        QTemporaryDir scratch(test::TestServer::scratchParent() + "/locklab-es-XXXXXX");
        const QString dataDir = makeScratchDir(scratch);
        QVERIFY(QDir().mkpath(dataDir));
        QFile stray(QDir(dataDir).filePath("holiday-photos.txt"));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.close();
        EmbeddedServer server(dataDir);
        QString error;
        QVERIFY(!server.start(&error));
        QVERIFY2(error.contains("not a PostgreSQL cluster"), qPrintable(error));
        QVERIFY(stray.exists());
    }
};

QTEST_GUILESS_MAIN(TestEmbeddedServer)
#include "tst_embeddedserver.moc"
