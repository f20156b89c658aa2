#include "ExternalTestServer.h"
#include "SqlCheck.h"
#include "TestServer.h"
#include "WorkerHarness.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/Sandbox.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace locklab;
using test::WorkerHarness;

namespace {

QString scalar(const ConnectionSettings& settings, const QString& sql)
{
    return test::rowsOn(settings, sql).value(0);
}

// Everything about a seeded table that a later lesson or an attendee can see:
// columns, defaults, constraints, indexes, its sequence's position, its rows,
// and whether ANALYZE ran. OIDs and physical layout are left out.
QStringList fingerprint(const ConnectionSettings& settings, const QString& table)
{
    const QString t = QString("'public.%1'::regclass").arg(table);
    QStringList out;
    out << "columns"
        << test::rowsOn(settings,
                        QString("SELECT attname, format_type(atttypid, atttypmod), attnotnull, "
                                "pg_get_expr(d.adbin, d.adrelid), attidentity FROM pg_attribute a "
                                "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                                "WHERE attrelid = %1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum")
                            .arg(t));
    out << "constraints"
        << test::rowsOn(settings,
                        QString("SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
                                "WHERE conrelid = %1 ORDER BY conname")
                            .arg(t));
    out << "indexes"
        << test::rowsOn(settings,
                        QString("SELECT indexrelid::regclass, pg_get_indexdef(indexrelid), indisprimary, "
                                "indisvalid FROM pg_index WHERE indrelid = %1 ORDER BY 1")
                            .arg(t));
    const QString sequence = scalar(settings, QString("SELECT pg_get_serial_sequence('%1', 'id')").arg(table));
    out << "sequence " + sequence
        << test::rowsOn(settings, QString("SELECT last_value, is_called FROM %1").arg(sequence))
        << test::rowsOn(settings,
                        QString("SELECT seqrelid::regclass, seqstart, seqincrement FROM pg_sequence "
                                "WHERE seqrelid = '%1'::regclass")
                            .arg(sequence));
    out << "rows"
        << test::rowsOn(settings,
                        QString("SELECT count(*), min(id), max(id), md5(string_agg(id || ':' || name, ',' "
                                "ORDER BY id)) FROM %1")
                            .arg(table));
    // ANALYZE ran: the planner knows the row count and has column statistics.
    out << "analyzed" << test::rowsOn(settings, QString("SELECT reltuples::bigint FROM pg_class WHERE oid = %1").arg(t))
        << test::rowsOn(settings,
                        QString("SELECT attname FROM pg_stats WHERE schemaname = 'public' AND tablename = '%1' "
                                "ORDER BY attname")
                            .arg(table));
    return out;
}

bool exec(const ConnectionSettings& settings, const QStringList& statements, QString* error)
{
    DatabaseConnection connection(settings, "locklab-test-reference");
    if (!connection.open(error))
        return false;
    QSqlQuery query(connection.database());
    for (const QString& sql : statements) {
        if (!query.exec(sql)) {
            *error = sql + ": " + query.lastError().text();
            return false;
        }
    }
    return true;
}

// The tables as LockLab seeded them before this fast path: migration 0001 run
// as is, then INSERT ... generate_series in committed chunks with ids drawn
// from the sequence, then ANALYZE.
bool seedTheOldWay(const ConnectionSettings& settings, const LessonLibrary& library, qint64 largeRows, QString* error)
{
    // In public, where the seed step puts them (the role's own schema holds LockLab's ledger).
    QStringList statements { "SET search_path = public", "DROP TABLE IF EXISTS large_user",
                             "DROP TABLE IF EXISTS small_user" };
    for (const Migration& migration : library.migrations) {
        if (migration.name == "0001_initial") {
            for (const SqlStatement& statement : migration.forward)
                statements << statement.sql;
        }
    }
    statements << "INSERT INTO small_user (name) SELECT 'user_' || g FROM generate_series(1, 10) AS g";
    for (qint64 first = 1; first <= largeRows; first += 100000)
        statements << QString("INSERT INTO large_user (name) SELECT 'user_' || g FROM generate_series(%1, %2) AS g")
                          .arg(first)
                          .arg(qMin(largeRows, first + 99999));
    statements << "ANALYZE small_user"
               << "ANALYZE large_user";
    return exec(settings, statements, error);
}

QStringList appliedNames(const SchemaSnapshot& snapshot)
{
    QStringList names;
    for (const AppliedMigration& m : snapshot.applied)
        names << m.name;
    return names;
}

} // namespace

// Seeding: one transaction that creates the tables, COPY of generated rows,
// indexes built after the load, then an atomic swap. Checked against what the
// old way produced, and cancelled midway on the embedded server (wal_level =
// minimal) and on a server with PostgreSQL's default settings.
class TestSeeding : public QObject
{
    Q_OBJECT

private:
    test::ExternalTestServer m_external;
    ConnectionSettings m_externalSandbox;

    ConnectionSettings sandboxFor(const QString& server)
    {
        if (server == "embedded") {
            QString error;
            test::TestServer* embedded = test::TestServer::instance(&error);
            return embedded ? embedded->sandboxSettings() : ConnectionSettings();
        }
        return m_externalSandbox;
    }

private slots:
    void initTestCase()
    {
        LOCKLAB_REQUIRE_SERVER(embedded);
        QString error;
        QVERIFY2(m_external.start(&error), qPrintable(error));
        Sandbox::Result sandbox;
        QVERIFY2(Sandbox::prepare(m_external.settings(), false, &sandbox, &error), qPrintable(error));
        m_externalSandbox = sandbox.settings;
    }

    void theEmbeddedServerLogsMinimalWal()
    {
        const ConnectionSettings embedded = sandboxFor("embedded");
        QCOMPARE(scalar(embedded, "SHOW wal_level"), QString("minimal"));
        QCOMPARE(scalar(embedded, "SHOW max_wal_senders"), QString("0"));
        // The external server keeps its own settings.
        QCOMPARE(scalar(m_externalSandbox, "SHOW wal_level"), QString("replica"));
    }

    void seededTablesAreIdenticalToTheOldWay_data()
    {
        QTest::addColumn<QString>("server");
        QTest::newRow("embedded") << "embedded";
        QTest::newRow("external") << "external";
    }

    void seededTablesAreIdenticalToTheOldWay()
    {
        QFETCH(QString, server);
        const ConnectionSettings sandbox = sandboxFor(server);
        WorkerHarness harness(sandbox);
        // More than two chunks of the lesson's 100,000, and not a round number.
        const qint64 largeRows = 234567;
        QString error;
        QVERIFY2(seedTheOldWay(sandbox, harness.library(), largeRows, &error), qPrintable(error));
        const QStringList oldSmall = fingerprint(sandbox, "small_user");
        const QStringList oldLarge = fingerprint(sandbox, "large_user");
        const QString rowsLine = oldLarge.value(oldLarge.indexOf("rows") + 1);
        QVERIFY2(rowsLine.startsWith(QString("%1 | 1 | %1 | ").arg(largeRows)), qPrintable(oldLarge.join('\n')));

        auto result = harness.run("seed", "seed", { { "rows", largeRows } });
        QVERIFY(result.finished);
        QVERIFY2(result.outcome.succeeded, qPrintable(result.outcome.error));
        const QStringList newSmall = fingerprint(sandbox, "small_user");
        const QStringList newLarge = fingerprint(sandbox, "large_user");
        QVERIFY2(newSmall == oldSmall,
                 qPrintable("now:\n" + newSmall.join('\n') + "\nbefore:\n" + oldSmall.join('\n')));
        QVERIFY2(newLarge == oldLarge,
                 qPrintable("now:\n" + newLarge.join('\n') + "\nbefore:\n" + oldLarge.join('\n')));
        QCOMPARE(appliedNames(result.snapshot), QStringList { "0001_initial" });
        QCOMPARE(scalar(sandbox, "SELECT count(*) FROM pg_namespace WHERE nspname = 'locklab_seed'"), QString("0"));

        // The fast path ran: rows by COPY, the primary key built after them.
        QStringList order;
        for (const StatementTiming& statement : result.statements) {
            if (statement.sql.startsWith("COPY \"large_user\"") || statement.sql.startsWith("COPY large_user"))
                order << "copy";
            else if (statement.sql.contains("ADD CONSTRAINT large_user_pkey PRIMARY KEY"))
                order << "primary key";
        }
        QCOMPARE(order, (QStringList { "copy", "primary key" }));
    }

    void cancelMidSeedLeavesTheOldTablesAndLedger_data()
    {
        QTest::addColumn<QString>("server");
        QTest::newRow("embedded") << "embedded";
        QTest::newRow("external") << "external";
    }

    void cancelMidSeedLeavesTheOldTablesAndLedger()
    {
        QFETCH(QString, server);
        const ConnectionSettings sandbox = sandboxFor(server);
        WorkerHarness harness(sandbox);
        // The state to keep: a seed, then lesson 2's column, so the ledger has two migrations.
        QVERIFY(harness.run("seed", "seed", { { "rows", 5000 } }).outcome.succeeded);
        QVERIFY(harness.run("nullable", "add-column").outcome.succeeded);
        const QStringList before = fingerprint(sandbox, "large_user");
        const SchemaSnapshot snapshotBefore = harness.snapshot();
        QCOMPARE(appliedNames(snapshotBefore).size(), 2);

        const qint64 total = 2000000;
        qint64 furthest = 0;
        bool indexed = false;
        QObject context;
        QObject::connect(harness.worker(), &MigrationWorker::progress, &context,
                         [&](qint64 done, qint64, const QString& what) {
                             if (what.contains("large_user") && what.startsWith("Filling"))
                                 furthest = qMax(furthest, done);
                             indexed = indexed || what == "Indexing large_user";
                         });
        auto result = harness.run("seed", "seed", { { "rows", total } }, [&]() {
            // Two chunks of large_user in: mid-way through the fill.
            QTRY_VERIFY_WITH_TIMEOUT(furthest >= 200000, 60000);
            harness.worker()->requestCancel();
        });
        QVERIFY(result.finished);
        QVERIFY(!result.outcome.succeeded);
        QVERIFY(result.outcome.cancelled);
        // It stopped within the fill: at the next chunk, not after the load.
        QVERIFY2(furthest < total, qPrintable(QString::number(furthest)));
        QVERIFY(!indexed);
        QVERIFY2(result.outcome.summary.contains("unchanged"), qPrintable(result.outcome.summary));

        QCOMPARE(fingerprint(sandbox, "large_user"), before);
        QCOMPARE(appliedNames(result.snapshot), appliedNames(snapshotBefore));
        QCOMPARE(result.snapshot.table("large_user")->columns, snapshotBefore.table("large_user")->columns);
        QCOMPARE(scalar(sandbox, "SELECT count(*) FROM pg_namespace WHERE nspname = 'locklab_seed'"), QString("0"));
        // Nothing of the cancelled load is left behind either.
        QCOMPARE(scalar(sandbox, "SELECT count(*) FROM pg_class WHERE relname = 'large_user'"), QString("1"));
    }
};

QTEST_GUILESS_MAIN(TestSeeding)
#include "tst_seeding.moc"
