#include "SyntheticRuns.h"
#include "charts/LatencyChart.h"
#include "charts/LockFolding.h"

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QValueAxis>
#include <QtTest>

Q_DECLARE_METATYPE(locklab::LockInterval)

using namespace locklab;
using namespace locklab::test;

// What the Locks lane and the axes say about a finished run: one row per
// thing that blocked (not three for one rewrite), an axis as long as the run,
// and a latency axis named for what is plotted on it.
class TestChartLanes : public QObject
{
    Q_OBJECT

    static LockInterval lockOn(const QString& relation, const QString& table, const QString& mode, double fromMs,
                               double toMs)
    {
        LockInterval lock = makeLock(mode, QStringLiteral("migration"), fromMs, toMs);
        lock.relation = relation;
        lock.table = table;
        return lock;
    }

    // ALTER COLUMN ... TYPE bigint at 1M rows as the lock monitor and the
    // statement timeline record it: ACCESS EXCLUSIVE on the table, the SHARE
    // its index rebuild takes on it, ACCESS EXCLUSIVE on its primary key index.
    static QList<LockInterval> rewriteLocks()
    {
        return { lockOn("large_user", "large_user", "AccessExclusiveLock", 1000, 4200),
                 lockOn("large_user", "large_user", "ShareLock", 1100, 4100),
                 lockOn("large_user_pkey", "large_user", "AccessExclusiveLock", 1050, 4250) };
    }

private slots:
    void aRewriteIsOneRow() { QCOMPARE(LockFolding::hosts(rewriteLocks()), QList<int>({ -1, 0, 0 })); }

    void foldingNeedsTheSameSessionTimeAndAStrongerMode_data()
    {
        QTest::addColumn<LockInterval>("other");
        QTest::addColumn<int>("host");
        QTest::newRow("weaker, same table, same time")
            << lockOn("large_user", "large_user", "ShareLock", 1100, 4100) << 0;
        QTest::newRow("index of the table") << lockOn("large_user_pkey", "large_user", "ShareLock", 1000, 4200) << 0;
        QTest::newRow("index of the table, table not known")
            << lockOn("large_user_pkey", "", "ShareLock", 1000, 4200) << -1;
        QTest::newRow("index of another table")
            << lockOn("user_order_pkey", "user_order", "ShareLock", 1000, 4200) << -1;
        QTest::newRow("another table") << lockOn("user_order", "user_order", "ShareLock", 1000, 4200) << -1;
        QTest::newRow("after the host") << lockOn("large_user", "large_user", "ShareLock", 5000, 6000) << -1;
        QTest::newRow("outlasts the host") << lockOn("large_user", "large_user", "ShareLock", 1100, 6000) << -1;
        LockInterval otherSession = lockOn("large_user", "large_user", "ShareLock", 1100, 4100);
        otherSession.pid = 99;
        QTest::newRow("another session") << otherSession << -1;
    }

    void foldingNeedsTheSameSessionTimeAndAStrongerMode()
    {
        QFETCH(LockInterval, other);
        QFETCH(int, host);
        const QList<LockInterval> locks { lockOn("large_user", "large_user", "AccessExclusiveLock", 1000, 4200),
                                          other };
        QCOMPARE(LockFolding::hosts(locks).at(1), host);
    }

    void modesThatDoNotContainEachOtherBothStay()
    {
        // SHARE blocks writes, SHARE UPDATE EXCLUSIVE blocks VACUUM and other
        // DDL that SHARE lets through: neither says all the other says.
        QVERIFY(!LockFolding::dominates("ShareLock", "ShareUpdateExclusiveLock"));
        QVERIFY(!LockFolding::dominates("ShareUpdateExclusiveLock", "ShareLock"));
        QVERIFY(LockFolding::dominates("ShareRowExclusiveLock", "ShareLock"));
        QVERIFY(LockFolding::dominates("AccessExclusiveLock", "ShareUpdateExclusiveLock"));
        const QList<LockInterval> locks { lockOn("large_user", "large_user", "ShareLock", 1000, 4200),
                                          lockOn("large_user", "large_user", "ShareUpdateExclusiveLock", 1100, 4100) };
        QCOMPARE(LockFolding::hosts(locks), QList<int>({ -1, -1 }));
    }

    void theLaneDrawsTheHostAndItsTooltipNamesTheRest()
    {
        RunRecord run = riskyRun();
        run.locks = rewriteLocks();
        LatencyChart chart;
        chart.resize(1200, 600);
        chart.showRecord(run);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QTRY_VERIFY(!chart.bandLabels().isEmpty());
        const QStringList labels = chart.bandLabels();
        const QStringList lockLabels = labels.filter(QStringLiteral(" on large_user"));
        QCOMPARE(lockLabels, QStringList { QStringLiteral("ACCESS EXCLUSIVE on large_user: 3.2 s") });
        QVERIFY2(!labels.join('|').contains(QStringLiteral("SHARE")), qPrintable(labels.join(" | ")));
    }

    void aFinishedRunFillsTheTimeAxis()
    {
        RunRecord run = riskyRun(); // ends at 8.5 s
        LatencyChart chart;
        chart.showRecord(run);
        auto* time = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Horizontal).first());
        QCOMPARE(time->max(), 10.0);

        // A 4 s run on a 0-10 s axis left half the plot empty.
        run.endMs = 3800;
        run.migrationEndMs = 3000;
        run.statements.clear();
        run.locks.clear();
        QList<ProbeSample> shortSamples;
        for (const ProbeSample& sample : std::as_const(run.samples)) {
            if (sample.startMs < 3700)
                shortSamples.append(sample);
        }
        run.samples = shortSamples;
        chart.showRecord(run);
        QCOMPARE(time->max(), 5.0);
    }

    // With reads and writes, a legend naming every kind of problem was cut
    // mid-word at the window's width; it names the kinds the run had.
    void theLegendNamesOnlyWhatHappened()
    {
        const auto shown = [](const LatencyChart& chart) {
            QStringList labels;
            for (QLegendMarker* marker : chart.chart()->legend()->markers()) {
                if (marker->isVisible())
                    labels << marker->label();
            }
            return labels;
        };
        LatencyChart chart;
        chart.resize(1200, 600);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        RunRecord run = riskyRun();
        chart.showRecord(run); // three read timeouts
        QVERIFY2(shown(chart).contains(QStringLiteral("Timed out")), qPrintable(shown(chart).join(" | ")));
        QVERIFY(!shown(chart).contains(QStringLiteral("Write timed out")));

        QList<ProbeSample> answered;
        for (const ProbeSample& sample : std::as_const(run.samples)) {
            if (sample.outcome == ProbeOutcome::Ok)
                answered.append(sample);
        }
        ProbeSample write = makeSample(1000, 2.0);
        write.kind = ProbeKind::Write;
        answered.append(write);
        run.samples = answered;
        chart.showRecord(run);
        const QStringList labels = shown(chart);
        QVERIFY2(labels.contains(QStringLiteral("Write OK")), qPrintable(labels.join(" | ")));
        for (const QString& absent : { QStringLiteral("Timed out"), QStringLiteral("Write timed out"),
                                       QStringLiteral("Error"), QStringLiteral("No free connection") })
            QVERIFY2(!labels.contains(absent), qPrintable(labels.join(" | ")));
    }

    void theLatencyAxisNamesWhatIsOnIt()
    {
        RunRecord run = riskyRun();
        LatencyChart chart;
        chart.showRecord(run);
        const auto title = [&] { return chart.chart()->axes(Qt::Vertical).first()->titleText(); };
        QCOMPARE(title(), QStringLiteral("Read latency (ms)"));
        ProbeSample write = makeSample(1000, 2.0);
        write.kind = ProbeKind::Write;
        run.samples.append(write);
        chart.showRecord(run);
        QCOMPARE(title(), QStringLiteral("Latency (ms)"));
    }
};

QTEST_MAIN(TestChartLanes)
#include "tst_chartlanes.moc"
