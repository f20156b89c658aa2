#include "SqlCheck.h"
#include "TestServer.h"
#include "WorkerHarness.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/Sandbox.h"
#include "core/server/ServerSession.h"
#include "core/server/SqlUtil.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace locklab;

// Never touching what is not ours: lesson steps run only in a database
// LockLab created and marked; on an "external" server (the shared test
// server, reached with explicit settings and embedded = false) LockLab makes
// its own sandbox when the role may and otherwise refuses, creating nothing.
// Values that reach SQL are quoted or bound (round trips through the server).
namespace {

// What a database holds outside the system schemas: schemas and tables.
QStringList userObjects(const ConnectionSettings& settings)
{
    return test::rowsOn(
        settings,
        "SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
        "AND nspname NOT IN ('information_schema', 'public') "
        "UNION ALL SELECT 'table ' || relnamespace::regnamespace || '.' || relname FROM pg_class "
        "WHERE relkind IN ('r', 'p', 'v', 'm', 'S') AND relnamespace::regnamespace::text "
        "NOT IN ('pg_catalog', 'information_schema') AND relnamespace::regnamespace::text NOT LIKE 'pg\\_%' "
        "ORDER BY 1");
}

QStringList databases(const ConnectionSettings& admin)
{
    return test::rowsOn(admin, "SELECT datname FROM pg_database ORDER BY 1");
}

} // namespace

class TestSandboxSafety : public QObject
{
    Q_OBJECT

private:
    test::TestServer* m_server = nullptr;
    ConnectionSettings m_admin; // the superuser on the "postgres" database

    bool exec(const QString& sql, const QString& database = "postgres")
    {
        return test::execOn(m_admin.withDatabase(database), sql);
    }

    // The embedded test server as an "external" server: explicit settings for `user`.
    ConnectionSettings externalAs(const QString& user, const QString& database = "postgres") const
    {
        ConnectionSettings settings = m_admin.withDatabase(database);
        settings.user = user;
        return settings;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_server = test::TestServer::instance(&error);
        QVERIFY2(m_server, qPrintable(error));
        m_admin = m_server->server().connectionSettings("postgres");
        // A role whose name needs quoting everywhere it reaches SQL.
        QVERIFY(exec("CREATE ROLE \"O'Hara \"\"x\"\"\" LOGIN CREATEDB"));
        QVERIFY(exec("CREATE ROLE bob LOGIN NOCREATEDB"));
        QVERIFY(exec("CREATE ROLE carol LOGIN CREATEDB"));
        QVERIFY(exec("CREATE DATABASE shop"));
        QVERIFY(exec("CREATE TABLE orders (id int PRIMARY KEY, total numeric); INSERT INTO orders VALUES (1, 9.5)",
                     "shop"));
        QVERIFY(exec("GRANT CREATE ON SCHEMA public TO bob", "shop"));
    }

    void workerRefusesAnUnmarkedDatabase()
    {
        const ConnectionSettings postgres = m_admin; // not marked: LockLab did not create it
        const QStringList before = userObjects(postgres);
        test::WorkerHarness harness(postgres);
        auto result = harness.run("seed", "seed", { { "rows", 1000 } });
        QVERIFY(result.finished);
        qInfo("refused: %s", qPrintable(result.outcome.error));
        QVERIFY(!result.outcome.succeeded);
        QVERIFY(!result.outcome.connectionLost); // refused, not lost
        QVERIFY2(result.outcome.error.contains("'postgres' is not a LockLab sandbox"),
                 qPrintable(result.outcome.error));
        QVERIFY2(result.outcome.error.contains("Nothing was changed"), qPrintable(result.outcome.error));
        // Not a table, not the ledger schema, not the seed's staging schema.
        QCOMPARE(userObjects(postgres), before);
        QVERIFY(!userObjects(postgres).contains("table public.large_user"));

        // A migration step is refused the same way.
        auto migrate = harness.run("nullable", "add-column");
        QVERIFY(migrate.finished && !migrate.outcome.succeeded);
        QVERIFY2(migrate.outcome.error.contains("not a LockLab sandbox"), qPrintable(migrate.outcome.error));
        QCOMPARE(userObjects(postgres), before);
    }

    void externalServerWithCreateDbGetsItsOwnSandbox()
    {
        const QString user = "O'Hara \"x\"";
        const QStringList shopBefore = userObjects(externalAs(user, "shop"));
        Sandbox::Result result;
        QString error;
        // Pointed at somebody's application database.
        QVERIFY2(Sandbox::prepare(externalAs(user, "shop"), false, &result, &error), qPrintable(error));
        qInfo("note: %s", qPrintable(result.note));
        QCOMPARE(result.settings.database, QString("locklab_o_hara__x_"));
        QVERIFY2(result.note.contains("created the sandbox database 'locklab_o_hara__x_'"), qPrintable(result.note));
        QCOMPARE(result.settings.user, user);
        QVERIFY(databases(m_admin).contains("locklab_o_hara__x_"));
        {
            DatabaseConnection connection(result.settings, "locklab-test-check");
            QVERIFY2(connection.open(&error), qPrintable(error));
            QVERIFY(Sandbox::isMarked(connection.database()));
        }
        // The application database is as it was.
        QCOMPARE(userObjects(externalAs(user, "shop")), shopBefore);
        QCOMPARE(test::rowsOn(m_admin.withDatabase("shop"), "SELECT total FROM orders WHERE id = 1"),
                 QStringList { "9.5" });

        // The next start finds and uses it, and pointed at it directly, too.
        QVERIFY2(Sandbox::prepare(externalAs(user, "shop"), false, &result, &error), qPrintable(error));
        QVERIFY2(result.note.contains("using"), qPrintable(result.note));
        QVERIFY2(Sandbox::prepare(externalAs(user, "locklab_o_hara__x_"), false, &result, &error), qPrintable(error));
        QCOMPARE(result.settings.database, QString("locklab_o_hara__x_"));

        // Lesson steps run there.
        test::WorkerHarness harness(result.settings);
        auto seeded = harness.run("seed", "seed", { { "rows", 1000 } });
        QVERIFY2(seeded.outcome.succeeded, qPrintable(seeded.outcome.error));
    }

    void externalServerWithoutCreateDbIsRefused()
    {
        const QStringList before = databases(m_admin);
        const QStringList shopBefore = userObjects(externalAs("bob", "shop"));
        Sandbox::Result result;
        QString error;
        QVERIFY(!Sandbox::prepare(externalAs("bob", "shop"), false, &result, &error));
        qInfo("refused: %s", qPrintable(error));
        QVERIFY2(error.contains("'shop' is not a LockLab sandbox, so LockLab will not change it"), qPrintable(error));
        QVERIFY2(error.contains("locklab_bob"), qPrintable(error));
        QVERIFY2(error.contains("permission denied to create database"), qPrintable(error));
        QVERIFY2(error.contains("administrator for CREATEDB (ALTER ROLE \"bob\" CREATEDB)"), qPrintable(error));
        QCOMPARE(databases(m_admin), before);
        // bob may create tables in shop, but LockLab did not.
        QCOMPARE(userObjects(externalAs("bob", "shop")), shopBefore);

        // The same through a session, as the app and the CLI open it.
        LaunchOptions options;
        options.connectionString = QString("host=%1 port=%2 user=bob dbname=shop").arg(m_admin.host).arg(m_admin.port);
        ServerSession session(options);
        QVERIFY(!session.open(&error));
        QVERIFY2(error.contains("CREATEDB"), qPrintable(error));
        QCOMPARE(databases(m_admin), before);
    }

    void existingUnmarkedDatabaseOfThatNameIsNeverModified()
    {
        QVERIFY(exec("CREATE DATABASE locklab_carol OWNER carol"));
        QVERIFY(exec("CREATE TABLE precious (x int); INSERT INTO precious VALUES (42)", "locklab_carol"));
        const QStringList before = userObjects(externalAs("carol", "locklab_carol"));
        Sandbox::Result result;
        QString error;
        // Pointed at another database, and pointed at it directly.
        for (const QString& database : { QString("postgres"), QString("locklab_carol") }) {
            QVERIFY(!Sandbox::prepare(externalAs("carol", database), false, &result, &error));
            qInfo("refused: %s", qPrintable(error));
            QVERIFY2(
                error.contains("'locklab_carol' exists but is not a LockLab sandbox, so LockLab will not touch it"),
                qPrintable(error));
            QCOMPARE(userObjects(externalAs("carol", "locklab_carol")), before);
        }
        QCOMPARE(test::rowsOn(m_admin.withDatabase("locklab_carol"), "SELECT x FROM precious"), QStringList { "42" });
        // Not marked behind our back either.
        DatabaseConnection connection(externalAs("carol", "locklab_carol"), "locklab-test-check");
        QVERIFY2(connection.open(&error), qPrintable(error));
        QVERIFY(!Sandbox::isMarked(connection.database()));
    }

    void sandboxNamesAreSafeForAnyUserName_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "ann"
                               << "locklab_ann";
        QTest::newRow("capitals") << "Ann"
                                  << "locklab_ann";
        QTest::newRow("quote") << "o'hara"
                               << "locklab_o_hara";
        QTest::newRow("injection") << "x\"; DROP DATABASE postgres; --"
                                   << "locklab_x___drop_database_postgres____";
        QTest::newRow("unicode") << QString::fromUtf8("jürgen") << "locklab_j_rgen";
        QTest::newRow("empty") << ""
                               << "locklab";
    }

    void sandboxNamesAreSafeForAnyUserName()
    {
        QFETCH(QString, user);
        QFETCH(QString, expected);
        QCOMPARE(Sandbox::externalDatabaseName(user), expected);
    }

    void quotedValuesRoundTripThroughTheServer_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << "status";
        QTest::newRow("single quote") << "it's";
        QTest::newRow("double quote") << "say \"hi\"";
        QTest::newRow("backslash") << "C:\\temp\\";
        QTest::newRow("quote and backslash") << "\\'; DROP TABLE large_user; --";
        QTest::newRow("unicode") << QString::fromUtf8("größe_🐘");
        QTest::newRow("dollar quoting") << "$$; DROP TABLE x; $$";
        QTest::newRow("spaces and newline") << "a b\nc";
    }

    void quotedValuesRoundTripThroughTheServer()
    {
        QFETCH(QString, value);
        DatabaseConnection connection(m_server->sandboxSettings(), "locklab-test-check");
        QString error;
        QVERIFY2(connection.open(&error), qPrintable(error));
        QSqlQuery query(connection.database());
        // A literal reads back as the value, under either setting of standard_conforming_strings.
        for (const char* conforming : { "on", "off" }) {
            QVERIFY(query.exec(QString("SET standard_conforming_strings = %1").arg(conforming)));
            QVERIFY2(query.exec("SELECT " + quoteLiteral(value)) && query.next(), qPrintable(query.lastError().text()));
            QCOMPARE(query.value(0).toString(), value);
        }
        // Qt's QPSQL formats bound values into the statement text itself and
        // learns how to escape backslashes only when it connects: back to the
        // setting it saw.
        QVERIFY(query.exec("RESET standard_conforming_strings"));
        // An identifier names exactly the value: a table created with it is found under that name.
        QVERIFY2(query.exec("CREATE TEMP TABLE " + quoteIdentifier(value) + " (x int)"),
                 qPrintable(query.lastError().text()));
        query.prepare("SELECT count(*) FROM pg_class WHERE relname = ? AND relpersistence = 't'");
        query.addBindValue(value);
        QVERIFY(query.exec() && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        QVERIFY(query.exec("DROP TABLE " + quoteIdentifier(value)));
    }
};

QTEST_GUILESS_MAIN(TestSandboxSafety)
#include "tst_sandboxsafety.moc"
