#include "core/lesson/CountParser.h"
#include "core/lesson/LessonLoader.h"
#include "core/migration/MigrationLedger.h"
#include "core/migration/StepPlanner.h"
#include "core/run/RunHistory.h"

#include <QtTest>

using namespace locklab;

// The pure core under the runner: counts as typed, the ledger's path to a
// target, and the plan a step turns into (no server needed).
class TestPlanning : public QObject
{
    Q_OBJECT

private:
    LessonLibrary m_library;

    static QStringList describe(const QList<PlannedMigration>& steps)
    {
        QStringList lines;
        for (const PlannedMigration& step : steps)
            lines << (step.forward ? "+" : "-") + step.migration.name;
        return lines;
    }

private slots:
    void initTestCase()
    {
        m_library = LessonLoader::loadDirectory(qEnvironmentVariable("LOCKLAB_SOURCE_LESSONS"));
        QVERIFY2(m_library.errors.isEmpty(), qPrintable(m_library.errors.join('\n')));
        QVERIFY(m_library.lesson("not-null"));
    }

    void countParser_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("value");
        QTest::newRow("plain") << "10000" << true << qint64(10000);
        QTest::newRow("commas") << "1,000,000" << true << qint64(1000000);
        QTest::newRow("underscores") << "10_000" << true << qint64(10000);
        QTest::newRow("k") << "250k" << true << qint64(250000);
        QTest::newRow("M") << "1M" << true << qint64(1000000);
        QTest::newRow("decimal M") << "1.5M" << true << qint64(1500000);
        QTest::newRow("negative") << "-5" << true << qint64(-5);
        QTest::newRow("spaces") << " 42 " << true << qint64(42);
        QTest::newRow("word") << "many" << false << qint64(0);
        QTest::newRow("empty") << "" << false << qint64(0);
        QTest::newRow("fraction") << "1.5" << false << qint64(0);
    }

    void countParser()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(qint64, value);
        qint64 parsed = -1;
        QCOMPARE(CountParser::parse(text, &parsed), ok);
        if (ok)
            QCOMPARE(parsed, value);
    }

    void countFormat()
    {
        QCOMPARE(CountParser::format(1000000), QString("1,000,000"));
        QCOMPARE(CountParser::format(7), QString("7"));
    }

    void ledgerPlan_data()
    {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QStringList>("applied");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("expected");
        const QString m1 = "0001_initial";
        const QString m2 = "0002_largeuser_status_smalluser_status";
        const QString m3 = "0003_alter_largeuser_status_alter_smalluser_status";
        QTest::newRow("forward one") << "not-null" << QStringList { m1, m2 } << m3 << QStringList { "+" + m3 };
        QTest::newRow("forward two") << "not-null" << QStringList { m1 } << m3 << QStringList { "+" + m2, "+" + m3 };
        QTest::newRow("already there") << "not-null" << QStringList { m1, m2, m3 } << m3 << QStringList {};
        QTest::newRow("back, newest first")
            << "not-null" << QStringList { m1, m2, m3 } << m1 << QStringList { "-" + m3, "-" + m2 };
    }

    void ledgerPlan()
    {
        QFETCH(QString, lesson);
        QFETCH(QStringList, applied);
        QFETCH(QString, target);
        QFETCH(QStringList, expected);
        QList<PlannedMigration> steps;
        QString error;
        QVERIFY2(MigrationLedger::plan(m_library.migrations, m_library.lesson(lesson)->plan, applied, target, &steps,
                                       &error),
                 qPrintable(error));
        QCOMPARE(describe(steps), expected);
    }

    void ledgerPlanRejectsATargetOutsideThePlan()
    {
        QList<PlannedMigration> steps;
        QString error;
        QVERIFY(!MigrationLedger::plan(m_library.migrations, { "0001_initial" }, {}, "0099_nothing", &steps, &error));
        QVERIFY2(error.contains("0099_nothing"), qPrintable(error));
    }

    void plannerBuildsAMigrateStep()
    {
        const Lesson& lesson = *m_library.lesson("not-null");
        ExecutionPlan plan;
        QString error;
        QVERIFY2(StepPlanner::build(lesson, lesson.steps.first(), m_library.migrations,
                                    { "0001_initial", "0002_largeuser_status_smalluser_status" }, {}, &plan, &error),
                 qPrintable(error));
        QCOMPARE(plan.tables, lesson.tables);
        QVERIFY(!plan.operations.isEmpty());
        QStringList kinds;
        for (const Operation& op : plan.operations) {
            if (op.kind == Operation::Kind::LedgerRecord)
                kinds << "record " + op.name;
        }
        QCOMPARE(kinds, QStringList { "record 0003_alter_largeuser_status_alter_smalluser_status" });
        const QString preview = plan.preview();
        QVERIFY2(preview.contains("SET NOT NULL"), qPrintable(preview));
    }

    // Export with no run of the shown step takes the run that started last,
    // not the alphabetically last lesson/step key.
    void latestRunIsTheOneThatStartedLast()
    {
        QMap<QString, RunRecord> runs;
        QCOMPARE(latestRun(runs), nullptr);
        const QDateTime t0(QDate(2026, 1, 1), QTime(10, 0));
        runs["seed/seed"].startedAt = t0.addSecs(60);
        runs["seed/seed"].stepId = "seed";
        runs["not-null/not-null"].startedAt = t0.addSecs(120);
        runs["not-null/not-null"].stepId = "not-null";
        runs["nullable/add-column"].startedAt = t0;
        QCOMPARE(latestRun(runs)->stepId, QString("not-null"));
    }

    void plannerRejectsParametersOutOfRange()
    {
        const Lesson& seed = *m_library.lesson("seed");
        ExecutionPlan plan;
        QString error;
        QVERIFY(
            !StepPlanner::build(seed, seed.steps.first(), m_library.migrations, {}, { { "rows", 1 } }, &plan, &error));
        QVERIFY2(!error.isEmpty(), "an out-of-range row count says why");
    }
};

QTEST_GUILESS_MAIN(TestPlanning)
#include "tst_planning.moc"
