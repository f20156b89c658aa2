#include "TestServer.h"
#include "core/lesson/LessonLoader.h"
#include "core/run/LessonRunner.h"
#include "core/run/RunStatistics.h"
#include "core/run/Verdict.h"
#include "core/server/DatabaseConnection.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QtTest>

using namespace locklab;

// Lessons 7-11, measured for real at 1M rows: each risky step stalls the
// side it should, with the lock mode it should take, and every safe step
// keeps the probes flowing. The failure steps leave an INVALID index that
// the clean-up step removes.
class TestCatalogueLessons : public QObject
{
    Q_OBJECT

private:
    // A million rows: on an idle machine a rewrite of 200k rows ends between two 5 Hz lock polls.
    static constexpr qint64 Rows = 1000000;
    test::TestServer* m_server = nullptr;
    LessonLibrary m_library;
    std::unique_ptr<LessonRunner> m_runner;

    RunRecord run(const QString& lessonId, const QString& stepId, const QVariantMap& parameters = {})
    {
        const Lesson* lesson = m_library.lesson(lessonId);
        int index = -1;
        for (int i = 0; lesson && i < lesson->steps.size(); ++i) {
            if (lesson->steps.at(i).id == stepId)
                index = i;
        }
        if (index < 0) {
            qWarning("no step %s in %s", qPrintable(stepId), qPrintable(lessonId));
            return {};
        }
        QSignalSpy finished(m_runner.get(), &LessonRunner::stepFinished);
        QString error;
        if (!m_runner->runStep(m_library, lessonId, index, parameters, &error)) {
            qWarning("cannot run %s/%s: %s", qPrintable(lessonId), qPrintable(stepId), qPrintable(error));
            return {};
        }
        if (!finished.wait(180000))
            return {};
        RunRecord record = finished.first().at(0).value<RunRecord>();
        if (!record.succeeded)
            qInfo("%s/%s did not succeed: %s", qPrintable(lessonId), qPrintable(stepId), qPrintable(record.error));
        return record;
    }

    void seed(const QString& lessonId, QVariantMap parameters = {})
    {
        parameters.insert("rows", Rows);
        const RunRecord record = run(lessonId, "seed", parameters);
        QVERIFY2(record.succeeded, qPrintable(lessonId + ": seed failed: " + record.error));
    }

    static bool heldBy(const RunRecord& record, const QString& relation, const QString& mode)
    {
        return std::any_of(record.locks.cbegin(), record.locks.cend(), [&](const LockInterval& lock) {
            return lock.holder == "migration" && lock.relation == relation && lock.mode == mode && lock.granted;
        });
    }

    static void expectFlat(const RunRecord& record, const QString& what)
    {
        QVERIFY2(record.succeeded, qPrintable(what + ": " + record.error));
        const RunStatistics stats = RunStatistics::compute(record);
        qInfo("%s: max %.1f ms over %d samples", qPrintable(what), stats.maxMs.value_or(-1), stats.sampleCount);
        QVERIFY2(stats.latencyCount > 0, qPrintable(what + ": no probe answered"));
        QCOMPARE(stats.timeoutCount, 0);
        QVERIFY2(stats.maxMs.value_or(0) <= 100,
                 qPrintable(QString("%1: a probe took %2 ms").arg(what).arg(*stats.maxMs)));
    }

    static void expectReadsBlocked(const RunRecord& record, const QString& what)
    {
        QVERIFY2(record.succeeded, qPrintable(what + ": " + record.error));
        const RunStatistics stats = RunStatistics::compute(record);
        qInfo("%s: blocked %.0f ms, migration %.0f ms", qPrintable(what), stats.blockedMs,
              record.migrationEndMs - record.migrationStartMs);
        QVERIFY2(stats.blockedMs > 0, qPrintable(what + ": " + Verdict::describe(record)));
    }

    QString scalar(const QString& sql)
    {
        QString error;
        DatabaseConnection connection(m_server->sandboxSettings(), "catalogue-check");
        if (!connection.open(&error))
            return "connection failed: " + error;
        QSqlQuery query(connection.database());
        if (!query.exec(sql) || !query.next())
            return "query failed";
        return query.value(0).toString();
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<RunRecord>();
        QString error;
        m_server = test::TestServer::instance(&error);
        QVERIFY2(m_server, qPrintable(error));
        m_library = LessonLoader::loadBuiltIn();
        QVERIFY2(m_library.errors.isEmpty(), qPrintable(m_library.errors.join('\n')));
        for (const QString& id : { "indexes", "foreign-keys", "column-types", "defaults", "unique" })
            QVERIFY2(m_library.lesson(id) && m_library.lesson(id)->isValid(), qPrintable(id));
        m_runner = std::make_unique<LessonRunner>(m_server->sandboxSettings());
        ProbeSettings probes;
        probes.leadMs = 500;
        probes.tailMs = 500;
        m_runner->setProbeSettings(probes);
    }

    void cleanupTestCase() { m_runner.reset(); }

    void indexes()
    {
        seed("indexes");
        const RunRecord plain = run("indexes", "create-index");
        expectFlat(plain, "CREATE INDEX (reads)");
        QVERIFY2(heldBy(plain, "large_user", "ShareLock"), "no SHARE lock on large_user recorded");
        expectFlat(run("indexes", "drop-index"), "DROP INDEX CONCURRENTLY");
        const RunRecord concurrent = run("indexes", "create-index-concurrently");
        expectFlat(concurrent, "CREATE INDEX CONCURRENTLY");
        QCOMPARE(scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'large_user_name_idx'::regclass"),
                 QString("true"));

        const RunRecord failed = run("indexes", "invalid-index");
        QVERIFY(!failed.succeeded);
        QVERIFY(!failed.statements.isEmpty());
        QCOMPARE(failed.statements.last().sqlState, QString("57014"));
        QCOMPARE(scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'large_user_name_upper_idx'::regclass"),
                 QString("false"));
        // The step's statement_timeout did not outlive the step.
        expectFlat(run("indexes", "clean-up"), "clean-up");
        QCOMPARE(scalar("SELECT count(*) FROM pg_class WHERE relname = 'large_user_name_upper_idx'"), QString("0"));
    }

    void foreignKeys()
    {
        seed("foreign-keys", { { "orders", Rows } });
        QCOMPARE(
            scalar("SELECT count(*) FROM user_order o LEFT JOIN large_user u ON u.id = o.user_id WHERE u.id IS NULL"),
            QString("0"));
        const RunRecord risky = run("foreign-keys", "add-foreign-key");
        expectFlat(risky, "ADD FOREIGN KEY (reads)");
        QVERIFY2(heldBy(risky, "user_order", "ShareRowExclusiveLock"), "no SHARE ROW EXCLUSIVE on user_order");
        QVERIFY2(heldBy(risky, "large_user", "ShareRowExclusiveLock"), "no SHARE ROW EXCLUSIVE on large_user");
        for (const QString& step : { "index-referencing-column", "add-not-valid", "validate" })
            expectFlat(run("foreign-keys", step), step);
        QCOMPARE(scalar("SELECT convalidated FROM pg_constraint WHERE conname = 'user_order_user_id_fk_large_user_id'"),
                 QString("true"));
    }

    void columnTypes()
    {
        seed("column-types");
        expectFlat(run("column-types", "widen-varchar"), "varchar(100) to varchar(200)");
        const RunRecord rewrite = run("column-types", "bigint-rewrite");
        expectReadsBlocked(rewrite, "integer to bigint");
        QVERIFY2(heldBy(rewrite, "large_user", "AccessExclusiveLock"), "no ACCESS EXCLUSIVE on large_user");
        expectReadsBlocked(run("column-types", "roll-back-rewrite"), "bigint back to integer");
        for (const QString& step : { "expand", "backfill", "swap" })
            expectFlat(run("column-types", step), step);
        QCOMPARE(scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                        "WHERE attrelid = 'large_user'::regclass AND attname = 'visits'"),
                 QString("bigint"));
        QCOMPARE(scalar("SELECT count(*) FROM large_user WHERE visits IS DISTINCT FROM visits_old"), QString("0"));
    }

    void defaults()
    {
        seed("defaults");
        expectFlat(run("defaults", "default-now"), "DEFAULT now()");
        const RunRecord clock = run("defaults", "default-clock-timestamp");
        expectReadsBlocked(clock, "DEFAULT clock_timestamp()");
        QVERIFY2(heldBy(clock, "large_user", "AccessExclusiveLock"), "no ACCESS EXCLUSIVE on large_user");
        expectFlat(run("defaults", "not-null-default"), "NOT NULL DEFAULT, as Django adds it");
        QCOMPARE(scalar("SELECT count(*) FROM large_user WHERE plan = 'free'"), QString::number(Rows));
    }

    void unique()
    {
        seed("unique");
        const RunRecord risky = run("unique", "add-unique");
        expectReadsBlocked(risky, "ADD CONSTRAINT UNIQUE");
        QVERIFY2(heldBy(risky, "large_user", "AccessExclusiveLock"), "no ACCESS EXCLUSIVE on large_user");
        expectFlat(run("unique", "unique-index-concurrently"), "CREATE UNIQUE INDEX CONCURRENTLY");
        expectFlat(run("unique", "using-index"), "UNIQUE USING INDEX");
        QCOMPARE(scalar("SELECT contype FROM pg_constraint WHERE conname = 'large_user_email_key'"), QString("u"));

        const RunRecord failed = run("unique", "duplicates");
        QVERIFY(!failed.succeeded);
        QCOMPARE(failed.statements.last().sqlState, QString("23505"));
        QCOMPARE(scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'large_user_name_key'::regclass"),
                 QString("false"));
        QVERIFY(run("unique", "clean-up").succeeded);
        QCOMPARE(scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'large_user_name_key'::regclass"),
                 QString("true"));
    }
};

QTEST_GUILESS_MAIN(TestCatalogueLessons)
#include "tst_cataloguelessons.moc"
