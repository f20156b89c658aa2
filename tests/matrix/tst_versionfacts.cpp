#include "TestServer.h"
#include "core/server/DatabaseConnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace locklab;

// The version-dependent facts the lessons teach, measured on the server the
// matrix started (LOCKLAB_PG_BINDIR), not assumed from release notes:
//  - 11: SET NOT NULL scans the table under ACCESS EXCLUSIVE even when a
//    validated CHECK (col IS NOT NULL) proves there are no NULLs;
//  - 12+: it uses that CHECK and does not scan;
//  - 18: ADD CONSTRAINT ... NOT NULL ... NOT VALID and VALIDATE CONSTRAINT
//    run, and VALIDATE lets reads through;
//  - lesson 9's key swap: ADD PRIMARY KEY USING INDEX scans the table for its
//    implicit NOT NULL unless a validated CHECK (12+) or, on 18, a validated
//    NOT NULL constraint proves the column has no NULLs.
// The table is this test's own (not a lesson table), small and fresh.
class TestVersionFacts : public QObject
{
    Q_OBJECT

private:
    test::TestServer* m_server = nullptr;
    std::unique_ptr<DatabaseConnection> m_ddl;
    std::unique_ptr<DatabaseConnection> m_reader;
    int m_major = 0;

    QVariant value(DatabaseConnection& connection, const QString& sql)
    {
        QSqlQuery query(connection.database());
        if (!query.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
            return {};
        }
        return query.next() ? query.value(0) : QVariant();
    }

    bool exec(DatabaseConnection& connection, const QString& sql, QString* error = nullptr)
    {
        QSqlQuery query(connection.database());
        if (query.exec(sql))
            return true;
        if (error)
            *error = query.lastError().databaseText();
        else if (sql != "ROLLBACK")
            qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }

    // Sequential scans of `table` by the current transaction so far: the
    // transaction-local statistics are exact and need no flush or wait.
    qint64 scansInThisTransaction(const QString& table)
    {
        return value(*m_ddl,
                     QString("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relid = '%1'::regclass").arg(table))
            .toLongLong();
    }

    QString lockModeHeld(const QString& table)
    {
        return value(*m_ddl,
                     QString("SELECT string_agg(mode, ',' ORDER BY mode) FROM pg_locks WHERE pid = "
                             "pg_backend_pid() AND relation = '%1'::regclass")
                         .arg(table))
            .toString();
    }

    void makeFilledTable(const QString& table)
    {
        QVERIFY(exec(*m_ddl, QString("DROP TABLE IF EXISTS %1").arg(table)));
        QVERIFY(exec(*m_ddl, QString("CREATE TABLE %1 (id bigint PRIMARY KEY, status varchar(20))").arg(table)));
        QVERIFY(exec(*m_ddl, QString("INSERT INTO %1 SELECT g, 'active' FROM generate_series(1, 20000) g").arg(table)));
    }

    // A reader that must get through within `timeoutMs` (lock_timeout makes a blocked read fail fast).
    bool readGetsThrough(const QString& table, int timeoutMs)
    {
        exec(*m_reader, QString("SET lock_timeout = %1").arg(timeoutMs));
        QString error;
        const bool ok = exec(*m_reader, QString("SELECT * FROM %1 ORDER BY id LIMIT 100").arg(table), &error);
        if (!ok)
            qInfo("read did not get through: %s", qPrintable(error));
        return ok;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_server = test::TestServer::instance(&error);
        QVERIFY2(m_server, qPrintable(error));
        m_ddl = std::make_unique<DatabaseConnection>(m_server->sandboxSettings(), "locklab-test-ddl");
        m_reader = std::make_unique<DatabaseConnection>(m_server->sandboxSettings(), "locklab-test-reader");
        QVERIFY2(m_ddl->open(&error), qPrintable(error));
        QVERIFY2(m_reader->open(&error), qPrintable(error));
        m_major = value(*m_ddl, "SHOW server_version_num").toInt() / 10000;
        qInfo("server: PostgreSQL %s", qPrintable(m_server->serverVersion()));
    }

    // A test that failed inside a transaction must not leave the next one in it.
    void init()
    {
        if (m_ddl)
            exec(*m_ddl, "ROLLBACK", nullptr);
    }

    void runsTheVersionTheMatrixAskedFor()
    {
        const int expected = qEnvironmentVariableIntValue("LOCKLAB_EXPECT_MAJOR");
        QVERIFY2(expected > 0, "LOCKLAB_EXPECT_MAJOR is not set: run this through ctest -L matrix");
        QCOMPARE(m_major, expected);
        QCOMPARE(m_server->server().version().section('.', 0, 0).toInt(), expected);
    }

    void setNotNullScansOnlyBefore12()
    {
        makeFilledTable("matrix_setnotnull");
        QVERIFY(exec(*m_ddl,
                     "ALTER TABLE matrix_setnotnull ADD CONSTRAINT matrix_status_nn "
                     "CHECK (status IS NOT NULL) NOT VALID"));
        QVERIFY(exec(*m_ddl, "ALTER TABLE matrix_setnotnull VALIDATE CONSTRAINT matrix_status_nn"));

        QVERIFY(exec(*m_ddl, "BEGIN"));
        // From 15 the view also holds this backend's counts not yet flushed: take the difference.
        const qint64 before = scansInThisTransaction("matrix_setnotnull");
        QVERIFY(exec(*m_ddl, "ALTER TABLE matrix_setnotnull ALTER COLUMN status SET NOT NULL"));
        const qint64 scans = scansInThisTransaction("matrix_setnotnull") - before;
        // The scan (if any) ran inside this ACCESS EXCLUSIVE lock: reads wait for it.
        QVERIFY(lockModeHeld("matrix_setnotnull").contains("AccessExclusiveLock"));
        QVERIFY(!readGetsThrough("matrix_setnotnull", 300));
        QVERIFY(exec(*m_ddl, "COMMIT"));
        qInfo("PostgreSQL %d: SET NOT NULL with a validated CHECK scanned the table %lld time(s)", m_major, scans);
        if (m_major < 12)
            QVERIFY2(scans >= 1, "PostgreSQL 11 was expected to scan the table for SET NOT NULL");
        else
            QCOMPARE(scans, 0);
        QVERIFY(readGetsThrough("matrix_setnotnull", 2000));
    }

    void shortSafePathRunsOnlyFrom18()
    {
        makeFilledTable("matrix_notvalid");
        QString error;
        const bool added = exec(*m_ddl,
                                "ALTER TABLE matrix_notvalid ADD CONSTRAINT matrix_notvalid_nn "
                                "NOT NULL status NOT VALID",
                                &error);
        if (m_major < 18) {
            QVERIFY2(!added, "NOT NULL ... NOT VALID was expected to be refused before PostgreSQL 18");
            qInfo("PostgreSQL %d refuses NOT NULL ... NOT VALID: %s", m_major, qPrintable(error));
            return;
        }
        QVERIFY2(added, qPrintable(error));
        QCOMPARE(value(*m_ddl, "SELECT convalidated FROM pg_constraint WHERE conname = 'matrix_notvalid_nn'").toBool(),
                 false);

        // VALIDATE takes SHARE UPDATE EXCLUSIVE: while it holds the lock, reads go on.
        QVERIFY(exec(*m_ddl, "BEGIN"));
        QVERIFY(exec(*m_ddl, "ALTER TABLE matrix_notvalid VALIDATE CONSTRAINT matrix_notvalid_nn"));
        const QString held = lockModeHeld("matrix_notvalid");
        qInfo("PostgreSQL %d: VALIDATE CONSTRAINT (NOT NULL) holds %s", m_major, qPrintable(held));
        QVERIFY2(!held.contains("AccessExclusiveLock"), qPrintable(held));
        QVERIFY2(readGetsThrough("matrix_notvalid", 2000), "a read waited behind VALIDATE CONSTRAINT");
        QVERIFY(exec(*m_ddl, "COMMIT"));
        QCOMPARE(value(*m_ddl, "SELECT convalidated FROM pg_constraint WHERE conname = 'matrix_notvalid_nn'").toBool(),
                 true);
        QCOMPARE(value(*m_ddl,
                       "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'matrix_notvalid'::regclass "
                       "AND attname = 'status'")
                     .toBool(),
                 true);
    }

    void primaryKeyUsingIndexScansWithoutProof()
    {
        for (const QString proof : { "none", "check", "not null" }) {
            if (proof == "not null" && m_major < 18)
                continue; // NOT NULL ... NOT VALID does not exist before 18 (shortSafePathRunsOnlyFrom18)
            makeFilledTable("matrix_pk");
            QVERIFY(exec(*m_ddl, "ALTER TABLE matrix_pk ADD COLUMN id_new bigint"));
            QVERIFY(exec(*m_ddl, "UPDATE matrix_pk SET id_new = id"));
            QVERIFY(exec(*m_ddl, "CREATE UNIQUE INDEX matrix_pk_id_new_key ON matrix_pk (id_new)"));
            if (proof == "check")
                QVERIFY(exec(*m_ddl,
                             "ALTER TABLE matrix_pk ADD CONSTRAINT matrix_pk_nn CHECK (id_new IS NOT NULL) "
                             "NOT VALID"));
            else if (proof == "not null")
                QVERIFY(exec(*m_ddl, "ALTER TABLE matrix_pk ADD CONSTRAINT matrix_pk_nn NOT NULL id_new NOT VALID"));
            if (proof != "none")
                QVERIFY(exec(*m_ddl, "ALTER TABLE matrix_pk VALIDATE CONSTRAINT matrix_pk_nn"));

            if (proof == "none") {
                // The foreign key that points at the old key must go first
                // (it depends on its index); dropping it locks both tables.
                QVERIFY(exec(*m_ddl, "DROP TABLE IF EXISTS matrix_pk_child"));
                QVERIFY(exec(*m_ddl,
                             "CREATE TABLE matrix_pk_child (pk_id bigint CONSTRAINT matrix_pk_child_fk "
                             "REFERENCES matrix_pk (id))"));
                QString error;
                QVERIFY(!exec(*m_ddl, "ALTER TABLE matrix_pk DROP CONSTRAINT matrix_pk_pkey", &error));
                QVERIFY(exec(*m_ddl, "BEGIN"));
                QVERIFY(exec(*m_ddl, "ALTER TABLE matrix_pk_child DROP CONSTRAINT matrix_pk_child_fk"));
                QVERIFY(lockModeHeld("matrix_pk").contains("AccessExclusiveLock"));
                QVERIFY(lockModeHeld("matrix_pk_child").contains("AccessExclusiveLock"));
                QVERIFY(exec(*m_ddl, "COMMIT"));
                QVERIFY(exec(*m_ddl, "DROP TABLE matrix_pk_child"));
            }
            QVERIFY(exec(*m_ddl, "BEGIN"));
            const qint64 before = scansInThisTransaction("matrix_pk");
            QVERIFY(exec(*m_ddl, "ALTER TABLE matrix_pk DROP CONSTRAINT matrix_pk_pkey"));
            QVERIFY(exec(*m_ddl,
                         "ALTER TABLE matrix_pk ADD CONSTRAINT matrix_pk_pkey PRIMARY KEY USING INDEX "
                         "matrix_pk_id_new_key"));
            const qint64 scans = scansInThisTransaction("matrix_pk") - before;
            QVERIFY(lockModeHeld("matrix_pk").contains("AccessExclusiveLock"));
            QVERIFY(exec(*m_ddl, "COMMIT"));
            qInfo("PostgreSQL %d: ADD PRIMARY KEY USING INDEX with proof '%s' scanned the table %lld time(s)", m_major,
                  qPrintable(proof), scans);
            if (proof == "none" || m_major < 12)
                QVERIFY2(scans >= 1, qPrintable("expected a NOT NULL scan with proof " + proof));
            else
                QCOMPARE(scans, 0);
            QCOMPARE(value(*m_ddl,
                           "SELECT a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid "
                           "AND a.attnum = c.conkey[1] WHERE c.conname = 'matrix_pk_pkey'")
                         .toString(),
                     QString("id_new"));
        }
    }

    // Lesson 9's Django code sets lock_timeout only after its concurrent
    // build: a build that waits for an older transaction longer than
    // lock_timeout fails and leaves an INVALID index behind.
    void concurrentBuildUnderLockTimeoutLeavesAnInvalidIndex()
    {
        makeFilledTable("matrix_cic");
        QVERIFY(exec(*m_reader, "BEGIN"));
        QVERIFY(exec(*m_reader, "UPDATE matrix_cic SET status = status WHERE id = 1"));
        QVERIFY(exec(*m_ddl, "SET lock_timeout = 300"));
        QString error;
        const bool built = exec(*m_ddl, "CREATE INDEX CONCURRENTLY matrix_cic_status ON matrix_cic (status)", &error);
        QVERIFY(exec(*m_ddl, "RESET lock_timeout"));
        QVERIFY(exec(*m_reader, "ROLLBACK"));
        qInfo("PostgreSQL %d: CREATE INDEX CONCURRENTLY under lock_timeout: %s", m_major, qPrintable(error));
        QVERIFY2(!built, "the build did not wait for the open transaction");
        QCOMPARE(
            value(*m_ddl, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'matrix_cic_status'::regclass").toBool(),
            false);
    }

    void cleanupTestCase()
    {
        if (m_ddl) {
            exec(*m_ddl, "DROP TABLE IF EXISTS matrix_cic");
            exec(*m_ddl, "DROP TABLE IF EXISTS matrix_pk");
            exec(*m_ddl, "DROP TABLE IF EXISTS matrix_setnotnull");
            exec(*m_ddl, "DROP TABLE IF EXISTS matrix_notvalid");
        }
        m_reader.reset();
        m_ddl.reset();
    }
};

QTEST_GUILESS_MAIN(TestVersionFacts)
#include "tst_versionfacts.moc"
