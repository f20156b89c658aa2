#include "SqlCheck.h"
#include "TestServer.h"
#include "core/migration/SchemaSnapshot.h"
#include "core/migration/SeededSizes.h"
#include "core/migration/TableHealth.h"
#include "core/server/DatabaseConnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace locklab;

// What MVCC leaves behind, measured on a real server, and what LockLab makes
// of it: an UPDATE of every row doubles the table; plain VACUUM frees the
// dead versions for reuse but keeps the size; VACUUM FULL gives the space
// back; dropped columns stay through VACUUM FULL.
class TestTableHealth : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DatabaseConnection> m_connection;
    const QString m_table = "health_check";
    const QString m_qualified = "public.health_check"; // lesson tables live in public, whatever search_path says

    bool exec(const QString& sql) { return test::execOrWarn(m_connection->database(), sql); }

    TableInfo table()
    {
        const SchemaSnapshot snapshot = SchemaSnapshot::read(m_connection->database(), { m_table });
        return snapshot.tables.value(0);
    }

private slots:
    void initTestCase()
    {
        QString error;
        test::TestServer* server = test::TestServer::instance(&error);
        QVERIFY2(server, qPrintable(error));
        m_connection = std::make_unique<DatabaseConnection>(server->sandboxSettings(), "locklab-test-health");
        QVERIFY2(m_connection->open(&error), qPrintable(error));
        QSqlDatabase db = m_connection->database();
        QVERIFY2(SeededSizes::ensureTable(db, &error), qPrintable(error));
        QVERIFY(exec("DROP TABLE IF EXISTS " + m_qualified));
        // No autovacuum on this table: the test decides when it is vacuumed.
        QVERIFY(exec("CREATE TABLE " + m_qualified
                     + " (id bigint PRIMARY KEY, name varchar(100) NOT NULL) WITH (autovacuum_enabled = false)"));
        QVERIFY(exec("INSERT INTO " + m_qualified + " SELECT g, 'user ' || g FROM generate_series(1, 50000) g"));
        QVERIFY(exec(SeededSizes::recordSql(m_table)));
    }

    void cleanupTestCase()
    {
        if (m_connection) {
            exec("DROP TABLE IF EXISTS " + m_qualified);
            exec("DELETE FROM locklab.seeded_sizes WHERE table_name = 'health_check'");
        }
        m_connection.reset();
    }

    void updateBloatsVacuumKeepsTheSizeVacuumFullShrinks()
    {
        const TableInfo fresh = table();
        QVERIFY(fresh.exists);
        QVERIFY(fresh.seededBytes > 0);
        QCOMPARE(fresh.sizeBytes, fresh.seededBytes);
        QCOMPARE(fresh.droppedColumns, 0);
        SchemaSnapshot snapshot;
        snapshot.tables << fresh;
        QVERIFY(!TableHealth::advice(snapshot));

        QVERIFY(exec("UPDATE " + m_qualified + " SET name = name"));
        // The server counts dead rows a moment after the transaction ends.
        TableInfo updated;
        QTRY_VERIFY_WITH_TIMEOUT((updated = table()).deadRows >= 50000, 15000);
        qInfo("seeded %lld bytes; after UPDATE %lld bytes, %lld dead rows", fresh.seededBytes, updated.sizeBytes,
              updated.deadRows);
        QVERIFY(updated.sizeBytes > TableHealth::kGrowthFactor * double(fresh.seededBytes));
        snapshot.tables = { updated };
        const std::optional<RebuildAdvice> advice = TableHealth::advice(snapshot);
        QVERIFY(advice);
        QVERIFY(advice->remedy == RebuildAdvice::Remedy::VacuumFull);
        QCOMPARE(advice->tables, QStringList { m_table });
        QVERIFY2(advice->reason.contains("dead row versions") && advice->reason.contains("pg_repack"),
                 qPrintable(advice->reason));

        QVERIFY(exec("VACUUM " + m_qualified));
        TableInfo vacuumed;
        QTRY_VERIFY_WITH_TIMEOUT((vacuumed = table()).deadRows == 0, 15000);
        qInfo("after VACUUM %lld bytes, %lld dead rows", vacuumed.sizeBytes, vacuumed.deadRows);
        QCOMPARE(vacuumed.sizeBytes, updated.sizeBytes); // reusable, not returned

        QVERIFY(exec("VACUUM FULL " + m_qualified));
        const TableInfo rebuilt = table();
        qInfo("after VACUUM FULL %lld bytes", rebuilt.sizeBytes);
        QVERIFY(rebuilt.sizeBytes <= fresh.seededBytes * 1.05);
        snapshot.tables = { rebuilt };
        QVERIFY(!TableHealth::advice(snapshot));
    }

    void droppedColumnsOutliveVacuumFull()
    {
        for (int i = 0; i < TableHealth::kDroppedColumns; ++i) {
            QVERIFY(exec(QString("ALTER TABLE %1 ADD COLUMN extra%2 int").arg(m_qualified).arg(i)));
            QVERIFY(exec(QString("ALTER TABLE %1 DROP COLUMN extra%2").arg(m_qualified).arg(i)));
        }
        QVERIFY(exec("VACUUM FULL " + m_qualified));
        const TableInfo info = table();
        QCOMPARE(info.droppedColumns, TableHealth::kDroppedColumns);
        SchemaSnapshot snapshot;
        snapshot.tables << info;
        const std::optional<RebuildAdvice> advice = TableHealth::advice(snapshot);
        QVERIFY(advice);
        QVERIFY(advice->remedy == RebuildAdvice::Remedy::Reseed);
        QVERIFY2(advice->reason.contains("1,600"), qPrintable(advice->reason));
    }

    // What the window shows: the planner's estimate (pg_class.reltuples), no
    // count(*). A table nothing has analyzed yet (reltuples -1 from
    // PostgreSQL 14 on, 0 before) is counted when small and not known when
    // large; after ANALYZE the estimate is there. Exact counting stays for
    // callers that ask for it.
    void displayCountsAreTheEstimate()
    {
        const QString table = "public.row_estimate";
        QVERIFY(exec("DROP TABLE IF EXISTS " + table));
        QVERIFY(exec("CREATE TABLE " + table + " (g int, pad text) WITH (autovacuum_enabled = false)"));
        auto read = [&](RowCounts counts) {
            return SchemaSnapshot::read(m_connection->database(), { "row_estimate" }, counts).tables.value(0);
        };
        QVERIFY(exec("INSERT INTO " + table + " SELECT g, 'x' FROM generate_series(1, 200) g"));
        TableInfo small = read(RowCounts::Estimated);
        QCOMPARE(small.rowCount, 200); // small and never analyzed: counted
        QVERIFY(!small.rowCountEstimated);

        // About 10 MB, past what is counted without an estimate.
        QVERIFY(exec("INSERT INTO " + table + " SELECT g, repeat('x', 250) FROM generate_series(1, 40000) g"));
        TableInfo large = read(RowCounts::Estimated);
        QCOMPARE(large.rowCount, -1);
        QVERIFY(large.rowCountEstimated);

        QVERIFY(exec("ANALYZE " + table));
        large = read(RowCounts::Estimated);
        QVERIFY(large.rowCountEstimated);
        QVERIFY2(qAbs(large.rowCount - 40200) <= 402, qPrintable(QString::number(large.rowCount)));

        const TableInfo exact = read(RowCounts::Exact);
        QCOMPARE(exact.rowCount, 40200);
        QVERIFY(!exact.rowCountEstimated);
        QVERIFY(exec("DROP TABLE " + table));
    }
};

QTEST_GUILESS_MAIN(TestTableHealth)
#include "tst_tablehealth.moc"
