#include "TestServer.h"
#include "core/run/LessonRunner.h"
#include "core/server/DatabaseConnection.h"
#include "core/tryout/TryRunner.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace locklab;

// "Try your own" on a real server at 100,000 rows: three risky migrations
// and their rewrites, each measured with probes and the lock monitor. The
// prediction must agree with the measurement: no contradiction, the risky
// ones measurably block what was predicted, the rewrites block nothing.
// Probing before and after the step is kept short so the test stays fast.
class TestTryYourOwn : public QObject
{
    Q_OBJECT

    test::TestServer* m_server = nullptr;

    // Indexes make every UPDATE and rewrite maintain them, so the risky
    // statements last long enough for the probes to see, even on a fast machine.
    const QString m_schema = "CREATE TABLE large_user (\n"
                             "    id bigint PRIMARY KEY,\n"
                             "    name varchar(100) NOT NULL,\n"
                             "    email text NOT NULL,\n"
                             "    status varchar(20) DEFAULT NULL\n"
                             ");\n"
                             "CREATE INDEX large_user_name_idx ON large_user (name);\n"
                             "CREATE INDEX large_user_status_idx ON large_user (status);\n";

    TryResult tryRun(const QString& sql, bool writeProbe, bool safeRewrite, TryPlan* planOut = nullptr,
                     qint64 rows = 100000, const QString& schema = {})
    {
        TryRequest request;
        request.migrationSql = sql;
        request.schemaSql = schema.isEmpty() ? m_schema : schema;
        request.defaultRows = rows;
        request.writeProbe = writeProbe;
        request.safeRewrite = safeRewrite;
        ProbeSettings probes;
        probes.leadMs = 300;
        probes.tailMs = 300;
        const TryPlan plan = TryPlan::build(request, probes);
        if (planOut)
            *planOut = plan;
        TryRunner runner(m_server->sandboxSettings());
        QSignalSpy spy(&runner, &TryRunner::finished);
        QString error;
        if (!runner.start(plan, &error)) {
            TryResult failed;
            failed.error = error;
            return failed;
        }
        if (!spy.wait(180000)) {
            TryResult timedOut;
            timedOut.error = QString("no result within 180 s (%1 signal(s))").arg(spy.count());
            return timedOut;
        }
        return spy.first().first().value<TryResult>();
    }

    static QString describe(const TryResult& r)
    {
        QStringList lines { r.error, r.verdict };
        for (const StatementComparison& c : r.comparison)
            lines.append(QString("%1 | %2 | %3 | %4")
                             .arg(c.sql.simplified().left(60), c.predicted, c.measured,
                                  c.contradiction ? "CONTRADICTION" : "ok"));
        return lines.join('\n');
    }

    void verifyRisky(const TryResult& r)
    {
        QVERIFY2(r.succeeded, qPrintable(describe(r)));
        QVERIFY2(PredictionCheck::contradictions(r.comparison) == 0, qPrintable(describe(r)));
        bool blocked = false;
        for (const StatementComparison& c : r.comparison)
            blocked = blocked || (c.predictedBlocking && c.measuredBlocking);
        QVERIFY2(blocked, qPrintable("no statement measurably blocked as predicted:\n" + describe(r)));
    }

    void verifySafe(const TryResult& r)
    {
        QVERIFY2(r.succeeded, qPrintable(describe(r)));
        QVERIFY2(PredictionCheck::contradictions(r.comparison) == 0, qPrintable(describe(r)));
        // Strong locks may remain, but only in statements too short for anyone to wait on.
        for (const StatementComparison& c : r.comparison) {
            QVERIFY2(!c.measuredBlocking, qPrintable(describe(r)));
            QVERIFY2(!c.predictedBlocking || !c.judged, qPrintable(describe(r)));
        }
    }

private slots:
    void initTestCase()
    {
        LOCKLAB_REQUIRE_SERVER(server);
        m_server = server;
    }

    // Django's sqlmigrate for a NOT NULL field with a default: ACCESS
    // EXCLUSIVE from the first ALTER to COMMIT, through the whole backfill.
    void djangoNotNullBlocksReads_andTheRewriteDoesNot()
    {
        const QString sql = "BEGIN;\n"
                            "ALTER TABLE \"large_user\" ALTER COLUMN \"status\" SET DEFAULT 'active';\n"
                            "UPDATE \"large_user\" SET \"status\" = 'active' WHERE \"status\" IS NULL;\n"
                            "ALTER TABLE \"large_user\" ALTER COLUMN \"status\" SET NOT NULL;\n"
                            "ALTER TABLE \"large_user\" ALTER COLUMN \"status\" DROP DEFAULT;\n"
                            "COMMIT;\n";
        verifyRisky(tryRun(sql, false, false));
        TryPlan plan;
        const TryResult rewrite = tryRun(sql, false, true, &plan);
        QVERIFY2(plan.rewrite.sql.contains("NOT VALID") && plan.rewrite.sql.contains("in batches"),
                 qPrintable(plan.rewrite.sql));
        verifySafe(rewrite);
    }

    // One UPDATE of every row: writes to the rows it touched wait until it commits.
    // It changes an indexed column, so no row is updated in place (HOT) and the
    // statement lasts long enough for the waits to be unmistakable on a busy
    // machine (at 100,000 rows it took 0.5 s here, too short for some write probes).
    void wholeTableBackfillBlocksWrites_andBatchesDoNot()
    {
        const QString sql = "UPDATE large_user SET name = name || '.old';\n";
        verifyRisky(tryRun(sql, true, false, nullptr, 300000));
        verifySafe(tryRun(sql, true, true, nullptr, 300000));
    }

    // A volatile default rewrites the table under ACCESS EXCLUSIVE; adding the
    // column bare and the default for new rows only changes the catalog.
    void volatileDefaultRewritesUnderAccessExclusive_andTheCatalogOnlyWayDoesNot()
    {
        verifyRisky(tryRun("ALTER TABLE large_user ADD COLUMN token uuid DEFAULT gen_random_uuid();\n", false, false));
        verifySafe(tryRun("SET lock_timeout = '5s';\n"
                          "ALTER TABLE large_user ADD COLUMN token uuid;\n"
                          "ALTER TABLE large_user ALTER COLUMN token SET DEFAULT gen_random_uuid();\n",
                          false, false));
    }

    // Refused before anything runs: no schema is created for a refused statement.
    void refusesStatementsOutsideTheSandbox()
    {
        const TryResult r = tryRun("ALTER TABLE large_user ADD COLUMN x int;\nALTER SYSTEM SET work_mem = '1GB';\n",
                                   false, false);
        QVERIFY(!r.succeeded);
        QVERIFY2(r.error.contains("ALTER SYSTEM"), qPrintable(r.error));
        const TryResult other = tryRun("UPDATE public.large_user SET name = name WHERE id = 1;\n", false, false);
        QVERIFY2(other.error.contains("outside the page's schema"), qPrintable(other.error));
    }

    // Generated rows keep to simple CHECKs (the fill is an INSERT: the server
    // checks every row), including pg_dump's spelling of them; a check the
    // generator does not understand is named in a note and the fill fails on it.
    void generatedRowsKeepToChecks()
    {
        const QString schema
            = "CREATE TABLE account (\n"
              "    id bigint PRIMARY KEY CHECK (id > 0),\n"
              "    balance numeric(12,2) NOT NULL CHECK (balance >= 0),\n"
              "    rate float8 CHECK (rate > 0 AND rate < 1),\n"
              "    tier int NOT NULL CHECK (tier BETWEEN 1 AND 3),\n"
              "    seats smallint NOT NULL CHECK (seats > 10) CHECK (seats <= 12),\n"
              "    status varchar(10) NOT NULL CHECK (status IN ('new', 'active', 'closed')),\n"
              "    code varchar(12) NOT NULL UNIQUE CHECK (length(code) >= 10),\n"
              "    name text NOT NULL CHECK (name <> '') CHECK (char_length(name) <= 4),\n"
              "    overdraft int CHECK (overdraft IS NULL OR overdraft <= -5),\n"
              "    kind varchar(1) CHECK ((kind)::text = ANY ((ARRAY['a'::character varying, "
              "'b'::character varying])::text[])),\n"
              "    CONSTRAINT sane CHECK ((balance < (1000000)::numeric) AND (overdraft >= '-100'::integer))\n"
              ");\n";
        TryPlan plan;
        const TryResult r = tryRun("ALTER TABLE account ADD COLUMN note text;\n", false, false, &plan, 2000, schema);
        QVERIFY2(plan.seed.notes.isEmpty(), qPrintable(plan.seed.notes.join('\n')));
        QVERIFY2(r.succeeded, qPrintable(describe(r) + "\n" + plan.seed.tables.value(0).insertSql));

        const QString unknown = "CREATE TABLE account (id bigint PRIMARY KEY, name text NOT NULL "
                                "CONSTRAINT capitalised CHECK (name ~ '^[A-Z]'));\n";
        const TryResult failed = tryRun("ALTER TABLE account ADD COLUMN note text;\n", false, false, &plan, 100,
                                        unknown);
        QVERIFY2(
            plan.seed.notes.value(0).contains("does not understand CONSTRAINT capitalised CHECK (name ~ '^[A-Z]')"),
            qPrintable(plan.seed.notes.join('\n')));
        QVERIFY(!failed.succeeded);
        QVERIFY2(failed.error.contains("capitalised"), qPrintable(failed.error));
    }

    // Which extensions the sandbox has is read from its pg_extension before
    // anything runs: one not installed is refused with the reason, one
    // installed may be used (its operator classes resolve in its schema).
    void extensionsAreCheckedAgainstTheSandbox()
    {
        DatabaseConnection sql(m_server->sandboxSettings(), "tst_tryyourown");
        QString error;
        QVERIFY2(sql.open(&error), qPrintable(error));
        QSqlQuery query(sql.database());
        QVERIFY2(query.exec("DROP EXTENSION IF EXISTS pg_trgm"), qPrintable(query.lastError().text()));
        const QString migration = "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
                                  "CREATE INDEX CONCURRENTLY IF NOT EXISTS large_user_name_trgm "
                                  "ON large_user USING gin (name gin_trgm_ops);\n";
        const TryResult missing = tryRun(migration, false, false, nullptr, 2000);
        QVERIFY2(missing.refused && !missing.succeeded, qPrintable(describe(missing)));
        QVERIFY2(missing.error.contains("Statement 1 is refused: the extension pg_trgm is not installed")
                     && missing.error.contains("The server has it"),
                 qPrintable(missing.error));
        QVERIFY(query.exec("SELECT count(*) FROM pg_namespace WHERE nspname = 'locklab_try'") && query.next());
        QCOMPARE(query.value(0).toInt(), 0); // nothing ran: no try schema was made

        const TryResult unknown = tryRun("CREATE EXTENSION no_such_extension;\n"
                                         "ALTER TABLE large_user ADD COLUMN x int;\n",
                                         false, false, nullptr, 2000);
        QVERIFY2(unknown.refused && unknown.error.contains("does not have it either"), qPrintable(unknown.error));

        QVERIFY2(query.exec("CREATE EXTENSION pg_trgm"), qPrintable(query.lastError().text()));
        const TryResult installed = tryRun(migration, false, false, nullptr, 2000);
        QVERIFY(query.exec("DROP EXTENSION pg_trgm"));
        QVERIFY2(installed.succeeded && !installed.refused, qPrintable(describe(installed)));
        QCOMPARE(PredictionCheck::contradictions(installed.comparison), 0);
    }
};

QTEST_GUILESS_MAIN(TestTryYourOwn)
#include "tst_tryyourown.moc"
