#include "TestServer.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/EmbeddedServer.h"
#include "core/server/ServerSession.h"
#include "core/server/SqlUtil.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <sys/stat.h>

using namespace locklab;

// Bad connection input, core level: every mistake an attendee can make when
// pointing LockLab at a server, through ServerSession in external mode, gets
// a message naming the problem and what to do, changes nothing on the server
// and returns promptly.
//
// The "server" is a scratch cluster of this test that, unlike LockLab's
// embedded one, also listens on 127.0.0.1 with scram-sha-256 password
// authentication, so a wrong password can be tried.
namespace {

const char* const kUser = "lena";
const char* const kPassword = "right-Pass-42";
const char* const kWrongPassword = "wrong-Secret-123";

// Answers whatever arrives with an HTTP error and hangs up, like a web
// server on the port where the attendee expected PostgreSQL.
class HttpServerThread : public QThread
{
public:
    quint16 port() const { return m_port.loadAcquire(); }

protected:
    void run() override
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return;
        QObject::connect(&server, &QTcpServer::newConnection, &server, [&server]() {
            while (QTcpSocket* socket = server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket]() {
                    socket->readAll();
                    socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_port.storeRelease(server.serverPort());
        exec();
    }

private:
    QAtomicInteger<quint16> m_port = 0;
};

// A local TCP port nothing listens on (bound, then released).
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

class TestBadConnections : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_scratch { test::TestServer::scratchParent() + "/locklab-badconn-XXXXXX" };
    std::unique_ptr<EmbeddedServer> m_server;
    HttpServerThread m_http;
    int m_tcpPort = 0;

    // What exists on the server: databases and roles, to show nothing was created.
    QStringList serverObjects()
    {
        DatabaseConnection admin(m_server->connectionSettings("postgres"), "locklab-test-check");
        QString error;
        if (!admin.open(&error))
            return { "error: " + error };
        QSqlQuery query(admin.database());
        QStringList objects;
        query.exec("SELECT 'database ' || datname FROM pg_database UNION ALL SELECT 'role ' || rolname FROM pg_roles "
                   "ORDER BY 1");
        while (query.next())
            objects << query.value(0).toString();
        return objects;
    }

    QString uri(const QString& userInfo, const QString& hostPort, const QString& database) const
    {
        return QString("postgresql://%1@%2/%3").arg(userInfo, hostPort, database);
    }

    QString local() const { return QString("127.0.0.1:%1").arg(m_tcpPort); }

private slots:
    void initTestCase()
    {
        for (const char* name : { "PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE", "PGPASSWORD" })
            qunsetenv(name);
        QVERIFY(m_scratch.isValid());
        ::chmod(QFile::encodeName(m_scratch.path()).constData(), 0755);
        const QString dataDir = m_scratch.filePath("cluster");
        m_server = std::make_unique<EmbeddedServer>(dataDir);
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        {
            DatabaseConnection admin(m_server->connectionSettings("postgres"), "locklab-test-setup");
            QVERIFY2(admin.open(&error), qPrintable(error));
            QSqlQuery query(admin.database());
            QVERIFY(query.exec(QString("CREATE ROLE %1 LOGIN CREATEDB PASSWORD '%2'").arg(kUser, kPassword)));
            // postgresql.auto.conf is read after LockLab's locklab.conf, so this wins over listen_addresses = ''.
            QVERIFY(query.exec("ALTER SYSTEM SET listen_addresses = '127.0.0.1'"));
        }
        m_server->stop();
        // Password authentication for TCP connections from this machine, ahead of initdb's "reject" lines.
        QFile hba(QDir(dataDir).filePath("pg_hba.conf"));
        QVERIFY(hba.open(QIODevice::ReadWrite));
        const QByteArray rules = hba.readAll();
        hba.resize(0);
        hba.seek(0);
        hba.write("host all all 127.0.0.1/32 scram-sha-256\n" + rules);
        hba.close();
        QVERIFY2(m_server->start(&error), qPrintable(error));
        // The TCP port is the one the server was started with (-p).
        m_tcpPort = m_server->port();

        m_http.start();
        QTRY_VERIFY(m_http.port() != 0);
    }

    void cleanupTestCase()
    {
        m_http.quit();
        m_http.wait();
        if (m_server)
            m_server->stop();
    }

    void badInputGetsAnExplanation_data()
    {
        QTest::addColumn<QString>("connectionString");
        QTest::addColumn<QStringList>("expected"); // every one must appear in the error

        QTest::newRow("wrong host") << uri(kUser, "nohost.invalid:5432", "postgres")
                                    << QStringList { "could not be resolved", "nohost.invalid", "Check the host name" };
        QTest::newRow("wrong port (closed)")
            << uri(kUser, QString("127.0.0.1:%1").arg(closedPort()), "postgres")
            << QStringList { "No PostgreSQL server answered", "Check the host and port" };
        QTest::newRow("http server on the port") << uri(kUser, QString("127.0.0.1:%1").arg(m_http.port()), "postgres")
                                                 << QStringList { "not a PostgreSQL server", "Check the port" };
        QTest::newRow("http server, no ssl")
            << uri(kUser, QString("127.0.0.1:%1").arg(m_http.port()), "postgres?sslmode=disable")
            << QStringList { "not a PostgreSQL server", "Check the port" };
        QTest::newRow("wrong user (password auth)") << uri(QString("nobody:%1").arg(kPassword), local(), "postgres")
                                                    << QStringList { "refused the user name or password", "nobody" };
        QTest::newRow("wrong user (socket)")
            << QString("host=%1 port=%2 user=nobody dbname=postgres").arg(m_server->socketDir()).arg(m_server->port())
            << QStringList { "no user (role) named 'nobody'", "Check the user name" };
        QTest::newRow("wrong password") << uri(QString("%1:%2").arg(kUser, kWrongPassword), local(), "postgres")
                                        << QStringList { "refused the user name or password", "~/.pgpass" };
        QTest::newRow("no password") << uri(kUser, local(), "postgres")
                                     << QStringList { "asks for a password", "~/.pgpass" };
        QTest::newRow("missing database") << uri(QString("%1:%2").arg(kUser, kPassword), local(), "nosuchdb")
                                          << QStringList { "'nosuchdb' does not exist", "Check the database name" };
        QTest::newRow("uri does not parse")
            << QString("postgresql://%1@127.0.0.1:notaport/postgres").arg(kUser) << QStringList { "port", "notaport" };
        QTest::newRow("unknown option") << uri(kUser, local(), "postgres?frobnicate=1")
                                        << QStringList { "could not be parsed", "frobnicate", "postgresql://" };
        QTest::newRow("broken uri echoing the password")
            << QString("postgresql://%1:%2%zz@127.0.0.1/postgres").arg(kUser, kWrongPassword)
            << QStringList { "could not be parsed", "percent-encoded" };
    }

    void badInputGetsAnExplanation()
    {
        QFETCH(QString, connectionString);
        QFETCH(QStringList, expected);
        const QStringList before = serverObjects();
        LaunchOptions options;
        options.connectionString = connectionString;
        ServerSession session(options);
        QCOMPARE(session.mode(), ServerSession::Mode::External);
        QString error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!session.open(&error));
        const qint64 elapsed = timer.elapsed();
        qInfo("%s in %lld ms:\n%s", QTest::currentDataTag(), elapsed, qPrintable(error));
        for (const QString& text : expected)
            QVERIFY2(error.contains(text), qPrintable(QString("'%1' not in: %2").arg(text, error)));
        // The password never shows, neither the wrong one nor the right one.
        QVERIFY2(!error.contains(kWrongPassword), qPrintable(error));
        QVERIFY2(!error.contains(kPassword), qPrintable(error));
        // Nothing hangs (connect_timeout is 10 s; none of these needs it) and nothing was created.
        QVERIFY2(elapsed < 30000, qPrintable(QString::number(elapsed)));
        QCOMPARE(serverObjects(), before);
        // What the window decides on to offer "Enter password...": libpq's
        // answer, not the text of the message.
        const QString tag = QTest::currentDataTag();
        const bool wanted = tag == "wrong user (password auth)" || tag == "wrong password" || tag == "no password";
        QCOMPARE(session.passwordWanted(), wanted);
    }

    // libpq's escaping on an open connection round-trips awkward names and
    // values; without a connection the pure quoting gives the same text.
    void escapingOnAConnection()
    {
        DatabaseConnection admin(m_server->connectionSettings("postgres"), "locklab-test-escape");
        QString error;
        QVERIFY2(admin.open(&error), qPrintable(error));
        const QSqlDatabase db = admin.database();
        for (const QString& text : { QString("plain"), QString("Mixed Case"), QString("quo\"te"), QString("it's"),
                                     QString("back\\slash"), QString("\u00fcml\u00e4ut") }) {
            QSqlQuery query(db);
            const QString sql = QString("SELECT %1 AS %2").arg(escapeLiteral(db, text), escapeIdentifier(db, text));
            QVERIFY2(query.exec(sql) && query.next(), qPrintable(sql + ": " + query.lastError().text()));
            QCOMPARE(query.value(0).toString(), text);
            QCOMPARE(query.record().fieldName(0), text);
            QCOMPARE(escapeIdentifier(QSqlDatabase(), text), quoteIdentifier(text));
            QCOMPARE(escapeLiteral(QSqlDatabase(), text), quoteLiteral(text));
        }
    }

    // The one prepare/bind/exec helper: values bound in order, the rows left
    // on the query, and a failure named after its context.
    void execPreparedBindsAndNamesItsFailure()
    {
        DatabaseConnection admin(m_server->connectionSettings("postgres"), "locklab-test-prepared");
        QString error;
        QVERIFY2(admin.open(&error), qPrintable(error));
        QSqlQuery query(admin.database());
        QVERIFY2(execPrepared(query, "SELECT ?::int + ?::int, ?::text", { 2, 3, QString("it's") }, &error),
                 qPrintable(error));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 5);
        QCOMPARE(query.value(1).toString(), QString("it's"));

        QSqlQuery failing(admin.database());
        QVERIFY(!execPrepared(failing, "SELECT * FROM no_such_table WHERE id = ?", { 1 }, &error,
                              "Could not read the table"));
        QVERIFY2(error.startsWith("Could not read the table: "), qPrintable(error));
        QVERIFY2(error.contains("no_such_table"), qPrintable(error));
    }

    void rightPasswordCreatesTheSandbox()
    {
        LaunchOptions options;
        options.connectionString = uri(QString("%1:%2").arg(kUser, kPassword), local(), "postgres");
        ServerSession session(options);
        QString error;
        QVERIFY2(session.open(&error), qPrintable(error));
        QCOMPARE(session.sandboxSettings().database, QString("locklab_lena"));
        QVERIFY2(session.sandboxNote().contains("created"), qPrintable(session.sandboxNote()));
        QVERIFY(!session.describe().contains(kPassword));
        QVERIFY(session.describe().contains("lena:***@"));
        QVERIFY(serverObjects().contains("database locklab_lena"));
        QVERIFY(!session.passwordWanted());
    }
};

QTEST_GUILESS_MAIN(TestBadConnections)
#include "tst_badconnections.moc"
