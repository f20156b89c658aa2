#include "SqlCheck.h"
#include "TestServer.h"
#include "WorkerHarness.h"
#include "core/server/DatabaseConnection.h"

#include <QSqlQuery>
#include <QtTest>

using namespace locklab;
using test::WorkerHarness;

namespace {
QStringList appliedNames(const SchemaSnapshot& snapshot)
{
    QStringList names;
    for (const AppliedMigration& m : snapshot.applied)
        names << m.name;
    return names;
}

const ColumnInfo* statusColumn(const SchemaSnapshot& snapshot)
{
    const TableInfo* table = snapshot.table("large_user");
    return table ? table->column("status") : nullptr;
}

using test::scalarOn;

bool execute(const ConnectionSettings& settings, const QString& sql)
{
    DatabaseConnection connection(settings, "locklab-test-check");
    QString error;
    QSqlQuery query(connection.open(&error) ? connection.database() : QSqlDatabase());
    return query.exec(sql);
}
} // namespace

// Every step of every lesson against a real server, in the order an attendee
// takes them, checking the schema, the ledger and the row counts after each.
class TestLessonSteps : public QObject
{
    Q_OBJECT

private:
    test::TestServer* m_server = nullptr;
    std::unique_ptr<WorkerHarness> m_harness;
    SchemaSnapshot m_afterSeed;

    WorkerHarness::Result runOk(const QString& lesson, const QString& step, const QVariantMap& parameters = {})
    {
        auto result = m_harness->run(lesson, step, parameters);
        if (!result.finished)
            qWarning("step %s/%s did not finish", qPrintable(lesson), qPrintable(step));
        if (!result.outcome.succeeded)
            qWarning("step %s/%s failed: %s", qPrintable(lesson), qPrintable(step), qPrintable(result.outcome.error));
        return result;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_server = test::TestServer::instance(&error);
        QVERIFY2(m_server, qPrintable(error));
        m_harness = std::make_unique<WorkerHarness>(m_server->sandboxSettings());
        QVERIFY2(m_harness->library().errors.isEmpty(), qPrintable(m_harness->library().errors.join('\n')));
    }

    void cleanupTestCase() { m_harness.reset(); }

    void lesson1SeedsBothTables()
    {
        auto result = runOk("seed", "seed", { { "rows", 5000 } });
        QVERIFY(result.outcome.succeeded);
        const SchemaSnapshot& s = result.snapshot;
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.table("small_user")->rowCount, 10);
        QCOMPARE(s.table("large_user")->rowCount, 5000);
        QCOMPARE(appliedNames(s), QStringList { "0001_initial" });
        QVERIFY(!statusColumn(s));
        // The staging schema is gone and ids are 1..N.
        QCOMPARE(
            scalarOn(m_server->sandboxSettings(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'locklab_seed'"),
            0);
        QCOMPARE(scalarOn(m_server->sandboxSettings(), "SELECT max(id) FROM large_user"), 5000);
        m_afterSeed = s;
    }

    void lesson2AddsANullableColumn()
    {
        auto result = runOk("nullable", "add-column");
        QVERIFY(result.outcome.succeeded);
        const ColumnInfo* status = statusColumn(result.snapshot);
        QVERIFY(status);
        QVERIFY(status->nullable);
        QCOMPARE(status->type, QString("character varying(20)"));
        QVERIFY(result.snapshot.table("small_user")->column("status"));
        QCOMPARE(appliedNames(result.snapshot),
                 (QStringList { "0001_initial", "0002_largeuser_status_smalluser_status" }));
        QCOMPARE(result.snapshot.table("large_user")->rowCount, 5000);
    }

    void lesson3AddsNotNullTheDjangoWay()
    {
        auto result = runOk("not-null", "not-null");
        QVERIFY(result.outcome.succeeded);
        const ColumnInfo* status = statusColumn(result.snapshot);
        QVERIFY(status);
        QVERIFY(!status->nullable);
        QVERIFY(status->defaultValue.isEmpty()); // DROP DEFAULT ran
        QCOMPARE(appliedNames(result.snapshot).last(), QString("0003_alter_largeuser_status_alter_smalluser_status"));
        QCOMPARE(scalarOn(m_server->sandboxSettings(), "SELECT count(*) FROM large_user WHERE status = 'active'"),
                 5000);
        // One transaction: BEGIN first, COMMIT last, the UPDATE touched every row.
        QCOMPARE(result.statements.first().sql, QString("BEGIN"));
        QCOMPARE(result.statements.last().sql, QString("COMMIT"));
        bool sawUpdate = false;
        for (const StatementTiming& t : result.statements) {
            if (t.sql.startsWith("UPDATE \"large_user\"")) {
                sawUpdate = true;
                QCOMPARE(t.rowsAffected, 5000);
            }
        }
        QVERIFY(sawUpdate);
    }

    void lesson4RollsBackTo0001()
    {
        auto result = runOk("rollback", "rollback");
        QVERIFY(result.outcome.succeeded);
        QCOMPARE(appliedNames(result.snapshot), QStringList { "0001_initial" });
        QVERIFY(!statusColumn(result.snapshot));
        QVERIFY(result.snapshot.table("large_user") && m_afterSeed.table("large_user"));
        // Forward then backward returns the schema to the start.
        QCOMPARE(result.snapshot.table("large_user")->columns, m_afterSeed.table("large_user")->columns);
        QCOMPARE(result.snapshot.table("large_user")->constraints, m_afterSeed.table("large_user")->constraints);
    }

    void lesson5TakesTheSafePath()
    {
        auto add = runOk("safe-path", "add-column");
        QVERIFY(add.outcome.succeeded);
        QVERIFY(statusColumn(add.snapshot)->nullable);

        auto backfill = runOk("safe-path", "backfill", { { "batch_size", 1000 }, { "pause_ms", 0 } });
        QVERIFY(backfill.outcome.succeeded);
        QCOMPARE(scalarOn(m_server->sandboxSettings(), "SELECT count(*) FROM large_user WHERE status IS NULL"), 0);
        QVERIFY(statusColumn(backfill.snapshot)->nullable);

        auto check = runOk("safe-path", "add-check");
        QVERIFY(check.outcome.succeeded);
        const TableInfo* table = check.snapshot.table("large_user");
        auto constraintNamed = [](const TableInfo* t, const QString& name) -> const ConstraintInfo* {
            for (const ConstraintInfo& c : t->constraints) {
                if (c.name == name)
                    return &c;
            }
            return nullptr;
        };
        QVERIFY(constraintNamed(table, "large_user_status_not_null"));
        QVERIFY(!constraintNamed(table, "large_user_status_not_null")->validated);

        auto validate = runOk("safe-path", "validate");
        QVERIFY(validate.outcome.succeeded);
        QVERIFY(constraintNamed(validate.snapshot.table("large_user"), "large_user_status_not_null")->validated);

        auto setNotNull = runOk("safe-path", "set-not-null");
        QVERIFY(setNotNull.outcome.succeeded);
        QVERIFY(!statusColumn(setNotNull.snapshot)->nullable);
        QVERIFY(!constraintNamed(setNotNull.snapshot.table("large_user"), "large_user_status_not_null"));
        QCOMPARE(appliedNames(setNotNull.snapshot).size(), 6);
    }

    void rollingBackTheSafePathRestoresTheStart()
    {
        auto result = runOk("rollback", "rollback");
        QVERIFY(result.outcome.succeeded);
        QCOMPARE(appliedNames(result.snapshot), QStringList { "0001_initial" });
        QVERIFY(result.snapshot.table("large_user") && m_afterSeed.table("large_user"));
        QCOMPARE(result.snapshot.table("large_user")->columns, m_afterSeed.table("large_user")->columns);
        QCOMPARE(result.snapshot.table("large_user")->constraints, m_afterSeed.table("large_user")->constraints);
    }

    void cancelDuringSeedingLeavesEverythingAsBefore()
    {
        const SchemaSnapshot before = m_harness->snapshot();
        QCOMPARE(before.table("large_user")->rowCount, 5000);
        QSignalSpy progress(m_harness->worker(), &MigrationWorker::progress);
        auto result = m_harness->run("seed", "seed", { { "rows", 3000000 } }, [&]() {
            // Cancel once a few chunks are in: mid-way through the fill.
            QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 3, 60000);
            m_harness->worker()->requestCancel();
        });
        QVERIFY(result.finished);
        QVERIFY(!result.outcome.succeeded);
        QVERIFY(result.outcome.cancelled);
        QVERIFY2(result.outcome.summary.contains("unchanged"), qPrintable(result.outcome.summary));
        QCOMPARE(result.snapshot.table("large_user")->rowCount, 5000);
        QCOMPARE(appliedNames(result.snapshot), appliedNames(before));
        QCOMPARE(result.snapshot.table("large_user")->columns, before.table("large_user")->columns);
        QCOMPARE(
            scalarOn(m_server->sandboxSettings(), "SELECT count(*) FROM pg_namespace WHERE nspname = 'locklab_seed'"),
            0);
    }

    void cancelDuringTheSingleStatementBackfillLeavesTheTableAsBefore()
    {
        QVERIFY(runOk("seed", "seed", { { "rows", 1500000 } }).outcome.succeeded);
        QVERIFY(runOk("nullable", "add-column").outcome.succeeded);
        const SchemaSnapshot before = m_harness->snapshot();
        QSignalSpy started(m_harness->worker(), &MigrationWorker::statementStarted);
        auto result = m_harness->run("not-null", "not-null", {}, [&]() {
            QTRY_VERIFY_WITH_TIMEOUT(
                std::any_of(started.cbegin(), started.cend(),
                            [](const QList<QVariant>& args) { return args.first().toString().startsWith("UPDATE"); }),
                30000);
            QTest::qWait(150); // well inside the UPDATE of 1.5M rows
            m_harness->worker()->requestCancel();
        });
        QVERIFY(result.finished);
        QVERIFY(result.outcome.cancelled);
        QCOMPARE(result.outcome.sqlState, QString("57014")); // the server cancelled the statement in flight
        QVERIFY2(result.outcome.summary.contains("rolled back"), qPrintable(result.outcome.summary));
        QVERIFY(statusColumn(result.snapshot)->nullable);
        QVERIFY(statusColumn(result.snapshot)->defaultValue.isEmpty());
        QCOMPARE(appliedNames(result.snapshot), appliedNames(before));
        QCOMPARE(scalarOn(m_server->sandboxSettings(), "SELECT count(*) FROM large_user WHERE status IS NOT NULL"), 0);
    }

    void cancelDuringTheBatchedBackfillKeepsCommittedBatches()
    {
        // State: 0002 applied on 1.5M rows (from the previous test).
        QSignalSpy progress(m_harness->worker(), &MigrationWorker::progress);
        auto result = m_harness->run("safe-path", "backfill", { { "batch_size", 10000 }, { "pause_ms", 20 } }, [&]() {
            QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 5, 30000);
            m_harness->worker()->requestCancel();
        });
        QVERIFY(result.finished);
        QVERIFY(result.outcome.cancelled);
        QVERIFY2(result.outcome.summary.contains("batches"), qPrintable(result.outcome.summary));
        const qint64 filled = scalarOn(m_server->sandboxSettings(),
                                       "SELECT count(*) FROM large_user WHERE status IS NOT NULL");
        QVERIFY2(filled >= 40000 && filled < 1500000, qPrintable(QString::number(filled)));
        QVERIFY(!appliedNames(result.snapshot).contains("0003_backfill_status"));

        auto again = runOk("safe-path", "backfill", { { "batch_size", 50000 } });
        QVERIFY(again.outcome.succeeded);
        QCOMPARE(scalarOn(m_server->sandboxSettings(), "SELECT count(*) FROM large_user WHERE status IS NULL"), 0);
        QVERIFY(appliedNames(again.snapshot).contains("0003_backfill_status"));
    }

    // A step that SETs statement_timeout and fails under it (lesson 7's
    // concurrent build cut short) leaves the worker's session as it found it:
    // the schema snapshot read right after it, on the same connection, is not
    // cancelled by the step's timeout. The snapshot counts the rows of a view
    // that takes 100 ms to count, so a leftover 50 ms timeout always shows.
    void aStepsStatementTimeoutEndsWithTheStep()
    {
        QVERIFY(
            execute(m_server->sandboxSettings(), "CREATE VIEW public.slow_count AS SELECT 1 AS id FROM pg_sleep(0.1)"));
        Lesson lesson = *m_harness->library().lesson("indexes");
        lesson.tables = QStringList { "slow_count" };
        LessonStep step;
        step.id = "timeout";
        step.title = "A statement cut short by the step's own statement_timeout";
        step.kind = StepKind::Sql;
        step.probes = false;
        for (const char* sql : { "SET statement_timeout = '50ms'", "SELECT pg_sleep(1)" }) {
            SqlStatement statement;
            statement.sql = sql;
            step.statements.append(statement);
        }
        step.expectedError = "57014";
        const auto result = m_harness->run(lesson, step);
        QVERIFY(result.finished);
        QVERIFY(!result.outcome.succeeded);
        QCOMPARE(result.outcome.sqlState, QString("57014"));
        QVERIFY2(result.snapshot.error.isEmpty(), qPrintable(result.snapshot.error));
        QVERIFY(result.snapshot.table("slow_count") && result.snapshot.table("slow_count")->exists);
        QVERIFY(execute(m_server->sandboxSettings(), "DROP VIEW public.slow_count"));
    }

    void refusesParametersOutOfRange_data()
    {
        QTest::addColumn<QVariant>("rows");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << QVariant(0) << "out of range";
        QTest::newRow("negative") << QVariant(-5) << "out of range";
        QTest::newRow("huge") << QVariant(qint64(1000000000000)) << "out of range";
        QTest::newRow("text") << QVariant("lots") << "not a whole number";
    }

    void refusesParametersOutOfRange()
    {
        QFETCH(QVariant, rows);
        QFETCH(QString, expected);
        const SchemaSnapshot before = m_harness->snapshot();
        auto result = m_harness->run("seed", "seed", { { "rows", rows } });
        QVERIFY(result.finished);
        QVERIFY(!result.outcome.succeeded);
        QVERIFY2(result.outcome.error.contains(expected), qPrintable(result.outcome.error));
        QCOMPARE(m_harness->snapshot().table("large_user")->rowCount, before.table("large_user")->rowCount);
    }
};

QTEST_GUILESS_MAIN(TestLessonSteps)
#include "tst_lessonsteps.moc"
