// Sweep points from recorded runs and the log-log fit: slope, words,
// extrapolation with its range, zeros left out.
#include "../gui/SyntheticRuns.h"
#include "core/sweep/SweepFit.h"
#include "core/sweep/SweepSeries.h"

#include <QJsonArray>
#include <QTest>

#include <cmath>

using namespace locklab;
using namespace locklab::test;

class TstSweep : public QObject
{
    Q_OBJECT

private slots:
    void linearGrowthIsTenTimesForTenTimesTheRows()
    {
        const SweepFit fit = SweepFit::fit({ { 1e4, 200 }, { 1e5, 2000 }, { 1e6, 20000 } });
        QVERIFY(fit.isValid());
        QCOMPARE(fit.n, 3);
        QVERIFY(std::abs(fit.slope - 1.0) < 1e-9);
        QVERIFY2(fit.inWords().startsWith("about 10x the wait for 10x the rows (slope 1.00"),
                 qPrintable(fit.inWords()));
        QVERIFY(std::abs(fit.predictMs(1e7) - 200000) < 1e-6);
    }

    void sublinearAndFlatInWords()
    {
        QVERIFY2(SweepFit::fit({ { 1e4, 10 }, { 1e6, 1000 * 0.1 } }).inWords().startsWith("about 3.2x"),
                 qPrintable(SweepFit::fit({ { 1e4, 10 }, { 1e6, 100 } }).inWords()));
        QVERIFY(SweepFit::fit({ { 1e4, 5 }, { 1e6, 5.5 } }).inWords().startsWith("about the same"));
    }

    void zerosAreLeftOutOfTheFit()
    {
        const SweepFit fit = SweepFit::fit({ { 1e4, 0 }, { 1e5, 2000 }, { 1e6, 20000 } });
        QCOMPARE(fit.n, 2);
        const SweepFit none = SweepFit::fit({ { 1e4, 0 }, { 1e5, 0 }, { 1e6, 20 } });
        QVERIFY(!none.isValid());
        QVERIFY(none.inWords().contains("not enough"));
        QVERIFY(!none.extrapolate(2e8));
    }

    void extrapolationHasARangeAndTheCaveat()
    {
        // Noisy points: the 90 % range must contain the fitted value and widen far from the data.
        const SweepFit fit = SweepFit::fit({ { 1e4, 180 }, { 1e5, 2300 }, { 1e6, 19000 }, { 3e5, 5500 } });
        const auto near = fit.extrapolate(2e5);
        const auto far = fit.extrapolate(2e8);
        QVERIFY(near && far && near->hasInterval && far->hasInterval);
        QVERIFY(far->lowMs < far->ms && far->ms < far->highMs);
        QVERIFY(far->highMs / far->lowMs > near->highMs / near->lowMs);
        const QString text = fit.describeExtrapolation(2e8, "reads would be blocked for");
        QVERIFY2(text.startsWith("At 200,000,000 rows, reads would be blocked for about "), qPrintable(text));
        QVERIFY(text.contains("90 % range"));
        QVERIFY(text.contains("this machine's speed"));
        // Two points: a line, no spread, and it says so.
        const QString two = SweepFit::fit({ { 1e4, 200 }, { 1e6, 20000 } }).describeExtrapolation(2e8, "x");
        QVERIFY2(two.contains("no spread"), qPrintable(two));
    }

    void pointsComeFromRecordedRuns()
    {
        const QString risky = QStringLiteral("Migrate to 0003");
        const QString safe = QStringLiteral("Safe path");
        QList<RunRecord> runs { sweepRun(10000, 200, risky), sweepRun(100000, 2000, risky),
                                sweepRun(1000000, 20000, risky), riskyRun() /* not part of a sweep */ };
        for (qint64 rows : { 10000, 100000, 1000000 }) {
            RunRecord calm = safeRun();
            calm.rowCount = rows;
            calm.sweepSeries = safe;
            runs << calm << calm; // two steps of the safe path at each size: one point
        }
        QCOMPARE(SweepSeries::seriesNames(runs), (QStringList { risky, safe }));
        const SweepSeries series = SweepSeries::fromRuns(runs, risky);
        QCOMPARE(series.points.size(), 3);
        QCOMPARE(series.points.at(0).rows, qint64(10000));
        for (int i = 0; i < 3; ++i) {
            const double stall = 200 * std::pow(10, i);
            // Blocked from the first stuck read to the end of the stall (reads every 50 ms).
            QVERIFY2(std::abs(series.points.at(i).blockedMs - stall) <= 50,
                     qPrintable(QString::number(series.points.at(i).blockedMs)));
            QCOMPARE(series.points.at(i).accessExclusiveMs, stall);
        }
        QVERIFY(std::abs(series.holdFit.slope - 1.0) < 1e-9);
        QVERIFY(std::abs(series.blockedFit.slope - 1.0) < 0.05);

        const SweepSeries calm = SweepSeries::fromRuns(runs, safe);
        QCOMPARE(calm.points.size(), 3);
        QCOMPARE(calm.points.at(0).runs, 2);
        QCOMPARE(calm.points.at(0).blockedMs, 0.0);
        QVERIFY(!calm.blockedFit.isValid());
        QCOMPARE(calm.toJson().value("points").toArray().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TstSweep)
#include "tst_sweep.moc"
