// Comparison of recorded runs: aligned at each step's start, labelled with a
// short verdict, exported one column set per run; the classic pair found from
// what the runs measured.
#include "../gui/SyntheticRuns.h"
#include "core/compare/RunComparison.h"

#include <QJsonArray>
#include <QTest>

using namespace locklab;
using namespace locklab::test;

class TstRunComparison : public QObject
{
    Q_OBJECT

private slots:
    void alignsAtEachStepStart()
    {
        RunRecord risky = riskyRun(); // first statement at 2000 ms
        RunRecord safe = safeRun();
        safe.migrationStartMs = 500;
        safe.statements.first().startMs = 500;
        const RunComparison comparison({ risky, safe });
        QCOMPARE(RunComparison::alignmentMs(risky), 2000.0);
        QCOMPARE(RunComparison::alignmentMs(safe), 500.0);

        const QList<RunComparison::Point> a = comparison.points(0);
        const QList<RunComparison::Point> b = comparison.points(1);
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        // A sample sent at run time 2050 ms in the risky run sits at +50 ms.
        const auto at = [](const QList<RunComparison::Point>& points, double t) {
            return std::any_of(points.begin(), points.end(),
                               [t](const RunComparison::Point& p) { return qFuzzyCompare(p.tMs + 1e6, t + 1e6); });
        };
        QVERIFY(at(a, 2050.0 - 2000.0));
        QVERIFY(at(b, safe.samples.at(10).startMs - 500.0));
        QCOMPARE(comparison.fromMs(),
                 std::min(risky.samples.first().startMs - 2000.0, safe.samples.first().startMs - 500.0));
        QCOMPARE(comparison.toMs(), std::max(risky.endMs - 2000.0, safe.endMs - 500.0));
        // No "no free connection" ticks among the drawn points, and sorted.
        for (const RunComparison::Point& p : a)
            QVERIFY(p.outcome != ProbeOutcome::NoFreeConnection || p.inFlight);
        for (int i = 1; i < a.size(); ++i)
            QVERIFY(a.at(i - 1).tMs <= a.at(i).tMs);
    }

    void aRunWithoutStatementsIsAlignedAtZero()
    {
        RunRecord run = safeRun();
        run.statements.clear();
        QCOMPARE(RunComparison::alignmentMs(run), 0.0);
    }

    void labelsCarryAShortVerdict()
    {
        QVERIFY2(RunComparison::label(RunSummary(riskyRun())).startsWith(riskyRun().stepTitle + ": reads blocked "),
                 qPrintable(RunComparison::label(RunSummary(riskyRun()))));
        QVERIFY2(RunComparison::shortVerdict(RunSummary(safeRun())).startsWith("max "),
                 qPrintable(RunComparison::shortVerdict(RunSummary(safeRun()))));
        QCOMPARE(RunComparison::shortVerdict(RunSummary(RunRecord())), QStringLiteral("no probes"));
    }

    void csvHasOneColumnSetPerRun()
    {
        const RunComparison comparison({ riskyRun(), safeRun() });
        const QList<QByteArray> lines = comparison.toCsv().split('\n');
        QVERIFY(lines.at(0).startsWith("# run1 = "));
        QCOMPARE(lines.at(1),
                 QByteArray("run1_t_ms,run1_latency_ms,run1_outcome,run2_t_ms,run2_latency_ms,run2_outcome"));
        const qsizetype longest = std::max(comparison.points(0).size(), comparison.points(1).size());
        QCOMPARE(lines.size(), longest + 3); // two header lines and the final newline
        for (int i = 2; i < lines.size() - 1; ++i)
            QCOMPARE(lines.at(i).count(','), 5);
    }

    void jsonHasEveryPoint()
    {
        const RunComparison comparison({ riskyRun(), safeRun() });
        const QJsonArray runs = comparison.toJson().value("runs").toArray();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs.at(1).toObject().value("samples").toArray().size(), comparison.points(1).size());
        QCOMPARE(runs.at(0).toObject().value("offset_ms").toDouble(), 2000.0);
    }

    void classicPairIsRiskyAgainstLongestCalm()
    {
        RunRecord shortCalm = safeRun();
        shortCalm.stepId = "add-check";
        shortCalm.migrationEndMs = shortCalm.migrationStartMs + 5;
        RunRecord sweepSize = sweepRun(1000000, 30000, "sweep"); // blocks longer, but is part of a sweep
        int risky = -1;
        int safe = -1;
        QVERIFY(
            RunComparison::classicPair({ shortCalm, riskyRun(), safeRun(), RunRecord(), sweepSize }, &risky, &safe));
        QCOMPARE(risky, 1);
        QCOMPARE(safe, 2);
        QVERIFY(!RunComparison::classicPair({ riskyRun() }, &risky, &safe));
    }
};

QTEST_GUILESS_MAIN(TstRunComparison)
#include "tst_runcomparison.moc"
