#include "SyntheticRuns.h"
#include "charts/BandItem.h"
#include "charts/BandLabels.h"
#include "charts/ChartAxes.h"
#include "charts/ChartStyle.h"
#include "charts/LatencyChart.h"
#include "charts/PointDecimator.h"

#include <QElapsedTimer>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QValueAxis>
#include <QtTest>

#include <algorithm>

using namespace locklab;
using namespace locklab::test;

namespace {

QXYSeries* seriesNamed(LatencyChart& chart, const QString& name)
{
    for (QAbstractSeries* series : chart.chart()->series()) {
        if (series->name() == name)
            return qobject_cast<QXYSeries*>(series);
    }
    return nullptr;
}

// The first stretch of the answered reads' line.
QXYSeries* okSeries(LatencyChart& chart)
{
    return seriesNamed(chart, QStringLiteral("Read OK"));
}

// The line is one series per stretch without a stuck read in between.
QList<QLineSeries*> okSegments(LatencyChart& chart)
{
    QList<QLineSeries*> segments;
    for (QAbstractSeries* series : chart.chart()->series()) {
        if (auto* line = qobject_cast<QLineSeries*>(series); line && line->count() > 0)
            segments.append(line);
    }
    return segments;
}

QList<QPointF> okPoints(LatencyChart& chart)
{
    QList<QPointF> points;
    for (QLineSeries* segment : okSegments(chart))
        points += segment->points();
    return points;
}
QXYSeries* timeoutSeries(LatencyChart& chart)
{
    return seriesNamed(chart, QStringLiteral("Timed out"));
}
QXYSeries* errorSeries(LatencyChart& chart)
{
    return seriesNamed(chart, QStringLiteral("Error"));
}
QXYSeries* noFreeSeries(LatencyChart& chart)
{
    return seriesNamed(chart, QStringLiteral("No free connection"));
}

int countOutcome(const RunRecord& run, ProbeOutcome outcome)
{
    return int(std::count_if(run.samples.begin(), run.samples.end(),
                             [&](const ProbeSample& s) { return s.outcome == outcome; }));
}

double minY(const QList<QPointF>& points)
{
    double low = std::numeric_limits<double>::infinity();
    for (const QPointF& point : points)
        low = std::min(low, point.y());
    return low;
}

// Where the preview images go when LOCKLAB_CHART_PREVIEW_DIR is set (to look
// at them); nowhere otherwise.
void keepPreview(const QImage& image, const QString& name)
{
    const QString dir = qEnvironmentVariable("LOCKLAB_CHART_PREVIEW_DIR");
    if (!dir.isEmpty())
        QVERIFY(image.save(dir + '/' + name));
}

} // namespace

class TestLatencyChart : public QObject
{
    Q_OBJECT

private slots:
    void queuedSamplesAppearAtTheNextFlush()
    {
        LatencyChart chart;
        for (int i = 0; i < 400; ++i)
            chart.addSample(makeSample(i * 20.0, fastLatency(i)));
        for (int i = 0; i < 7; ++i)
            chart.addSample(makeSample(8000 + i * 100.0, 3000, ProbeOutcome::Timeout));
        for (int i = 0; i < 3; ++i)
            chart.addSample(makeSample(8050 + i * 100.0, 12.5, ProbeOutcome::Error));
        for (int i = 0; i < 20; ++i)
            chart.addSample(makeSample(8000 + i * 50.0, 0, ProbeOutcome::NoFreeConnection));

        // Nothing drawn yet: addSample only queues.
        QCOMPARE(chart.okPointCount(), 0);
        QCOMPARE(chart.queuedSampleCount(), 430);
        QCOMPARE(okSeries(chart)->count(), 0);

        QTRY_COMPARE(chart.okPointCount(), 400);
        QCOMPARE(chart.queuedSampleCount(), 0);
        QCOMPARE(okSeries(chart)->count(), 400);
        QCOMPARE(chart.problemPointCount(), 10);
        QCOMPARE(timeoutSeries(chart)->count(), 7);
        QCOMPARE(errorSeries(chart)->count(), 3);
        QCOMPARE(noFreeSeries(chart)->count(), 20);
        QCOMPARE(chart.noFreeConnectionCount(), 20);
        // Problems are plotted at the latency they reached.
        QCOMPARE(timeoutSeries(chart)->at(0).y(), 3000.0);
        QCOMPARE(errorSeries(chart)->at(0).y(), 12.5);
        // The time axis grew with the run (samples up to 8.95 s).
        auto* time = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Horizontal).first());
        QVERIFY(time->max() >= 8.95);
    }

    void aFlushUpdatesEachSeriesOnce()
    {
        LatencyChart chart;
        QSignalSpy replaced(okSeries(chart), &QXYSeries::pointsReplaced);
        QSignalSpy added(okSeries(chart), &QXYSeries::pointAdded);
        for (int i = 0; i < 300; ++i)
            chart.addSample(makeSample(i * 10.0, fastLatency(i)));
        QTRY_COMPARE(chart.okPointCount(), 300);
        QCOMPARE(replaced.count(), 1);
        QCOMPARE(added.count(), 0);
    }

    void samplesArrivingOutOfOrderAreDrawnInTimeOrder()
    {
        LatencyChart chart;
        chart.addSample(makeSample(1000, 0.5));
        chart.addSample(makeSample(3000, 0.5));
        chart.flush();
        // A read sent at 2.0 s that waited answers after later ones.
        chart.addSample(makeSample(2500, 0.5));
        chart.addSample(makeSample(2000, 900));
        chart.flush();
        const QList<QPointF> points = okSeries(chart)->points();
        QCOMPARE(points.size(), 4);
        QVERIFY(std::is_sorted(points.begin(), points.end(),
                               [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); }));
        QCOMPARE(points.at(1), QPointF(2.0, 900));
    }

    void theLineBreaksWhereReadsWereStuck()
    {
        LatencyChart chart;
        const RunRecord run = riskyRun();
        chart.showRecord(run);
        // Fast reads, the three that answered when the lock went, fast reads.
        const QList<QLineSeries*> segments = okSegments(chart);
        QCOMPARE(segments.size(), 3);
        QList<double> stuck;
        for (const ProbeSample& sample : run.samples) {
            if (sample.outcome != ProbeOutcome::Ok)
                stuck.append(sample.startMs / 1000.0);
        }
        for (QLineSeries* segment : segments) {
            const QList<QPointF> points = segment->points();
            for (qsizetype i = 1; i < points.size(); ++i) {
                for (const double t : stuck)
                    QVERIFY2(!(points[i - 1].x() < t && t < points[i].x()), qPrintable(QString::number(t)));
            }
        }
        // Only the first stretch is in the legend.
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        int legendEntries = 0;
        for (QLegendMarker* marker : chart.chart()->legend()->markers())
            legendEntries += marker->isVisible() && marker->label() == QLatin1String("Read OK");
        QCOMPARE(legendEntries, 1);
    }

    void statementsAndMigrationLocksBecomeBands()
    {
        LatencyChart chart;
        chart.resize(1200, 600);
        const RunRecord run = riskyRun();
        for (const StatementTiming& statement : run.statements)
            chart.addStatement(statement);
        QCOMPARE(chart.bandCount(), 6);

        QVERIFY(chart.addLockInterval(makeLock("AccessExclusiveLock", "migration", 2001, 6200)));
        QVERIFY(chart.addLockInterval(makeLock("ShareUpdateExclusiveLock", "migration", 7000, 7600)));
        // CREATE INDEX's SHARE and ADD FOREIGN KEY's SHARE ROW EXCLUSIVE stop writes: they are drawn too.
        QVERIFY(chart.addLockInterval(makeLock("ShareLock", "migration", 8000, 8500)));
        QVERIFY(chart.addLockInterval(makeLock("ShareRowExclusiveLock", "migration", 9000, 9400)));
        // Left out to stay readable: modes that stop nobody's reads or writes, other holders, waits, and a
        // relation only its number names (the index a CREATE INDEX is still building: nobody else sees it).
        QVERIFY(!chart.addLockInterval(makeLock("RowExclusiveLock", "migration", 2001, 6200)));
        QVERIFY(!chart.addLockInterval(makeLock("AccessShareLock", "probe 1", 2050, 6200)));
        QVERIFY(!chart.addLockInterval(makeLock("AccessExclusiveLock", "migration", 2001, 6200, false)));
        LockInterval building = makeLock("AccessExclusiveLock", "migration", 8000, 8500);
        building.relation = QStringLiteral("16443");
        QVERIFY(!chart.addLockInterval(building));
        QCOMPARE(chart.bandCount(), 10);

        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QTRY_VERIFY(chart.bandLabels().contains(QStringLiteral("UPDATE large_user \u2026 4.1 s")));
        const QStringList labels = chart.bandLabels();
        QVERIFY2(labels.contains(QStringLiteral("ACCESS EXCLUSIVE on large_user: 4.2 s")),
                 qPrintable(labels.join(" | ")));
        // No room for a longer text beside its short bar without covering
        // the next lock's bar: the shortest, inside.
        QVERIFY2(labels.contains(QStringLiteral("600 ms")), qPrintable(labels.join(" | ")));
        // No label beside its bar covers another bar one can see (a DELETE's
        // label sat on the next CREATE INDEX's bar); tiny bars may be crossed.
        QList<BandItem*> bands;
        for (QGraphicsItem* item : chart.scene()->items()) {
            if (auto* band = dynamic_cast<BandItem*>(item))
                bands << band;
        }
        for (const BandItem* band : std::as_const(bands)) {
            if (band->labelPlacement() != BandItem::Label::Outside)
                continue;
            for (const BandItem* other : std::as_const(bands)) {
                QVERIFY2(other == band || other->bar().width() <= 6 || !other->bar().intersects(band->labelRect()),
                         qPrintable(band->labelText() + " covers the bar of " + other->labelText()));
            }
        }
    }

    // Presenter mode on a dark palette: a label beside its bar ("ALTER TABLE
    // ... 80 ms") sat on a white box, the brightest thing on the chart. Its
    // backing follows the chart now, its text stays legible (WCAG 4.5:1).
    void labelsBesideBarsFollowADarkChart()
    {
        const auto luminance = [](const QColor& c) {
            const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
        };
        const auto contrast = [&](const QColor& a, const QColor& b) {
            const double la = luminance(a), lb = luminance(b);
            return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
        };
        for (const bool dark : { false, true }) {
            // The backing is drawn at 92 % over the chart's own background.
            const QColor chartBackground = dark ? QColor(0x1e, 0x1e, 0x1e) : QColor(Qt::white);
            const QColor backing = BandItem::outsideLabelBacking(dark);
            const double a = backing.alphaF();
            const QColor behind = QColor::fromRgbF(float(backing.redF() * a + chartBackground.redF() * (1 - a)),
                                                   float(backing.greenF() * a + chartBackground.greenF() * (1 - a)),
                                                   float(backing.blueF() * a + chartBackground.blueF() * (1 - a)));
            QCOMPARE(behind.lightnessF() < 0.5, dark);
            for (const QColor& fill : { chartstyle::statementColor(), chartstyle::failedStatementColor(),
                                        chartstyle::accessExclusiveColor(), chartstyle::shareUpdateExclusiveColor(),
                                        chartstyle::writeBlockingLockColor(), chartstyle::actorColor() }) {
                const double ratio = contrast(BandItem::outsideLabelText(fill, dark), behind);
                QVERIFY2(ratio >= 4.5,
                         qPrintable(QString("%1 on %2: %3:1").arg(fill.name(), behind.name()).arg(ratio)));
            }
        }

        // Drawn: the label's box on a dark chart is dark.
        LatencyChart chart;
        chart.resize(1200, 600);
        chart.setDark(true);
        chart.showRecord(riskyRun());
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QTRY_VERIFY(!chart.bandLabels().isEmpty());
        const QImage image = chart.grab().toImage();
        keepPreview(image, QStringLiteral("latencychart-dark.png"));
        int outside = 0;
        for (QGraphicsItem* item : chart.scene()->items()) {
            auto* band = dynamic_cast<BandItem*>(item);
            if (!band || band->labelPlacement() != BandItem::Label::Outside)
                continue;
            ++outside;
            const QRect box = chart.mapFromScene(band->mapToScene(band->labelRect()).boundingRect()).boundingRect();
            int light = 0, all = 0;
            for (int y = box.top() + 2; y < box.bottom() - 1; ++y) {
                for (int x = box.left() + 2; x < box.right() - 1; ++x, ++all)
                    light += QColor(image.pixel(x * image.width() / chart.width(), y * image.height() / chart.height()))
                                 .lightnessF()
                        > 0.6;
            }
            // Only the text's strokes are light, not the box.
            QVERIFY2(all > 0 && light < all / 2,
                     qPrintable(QString("%1 of %2 pixels light in '%3'").arg(light).arg(all).arg(band->labelText())));
        }
        QVERIFY2(outside > 0, "the risky run has a label beside its bar");
    }

    // Probes still out when recording stopped did not time out: one sent
    // just before the end is left out, one that had waited long is drawn as
    // cut off by the end of the run, reads and writes alike (a write was
    // drawn as "Write timed out" at the floor while the figures said 0).
    void probesStillOutAtTheEndAreNoTimeouts()
    {
        RunRecord record;
        record.endMs = 6000;
        for (int i = 0; i < 100; ++i) {
            ProbeSample read = makeSample(i * 50.0, fastLatency(i));
            ProbeSample write = makeSample(i * 50.0 + 25, 2 * fastLatency(i));
            write.kind = ProbeKind::Write;
            record.samples << read << write;
        }
        const auto stillOut = [](double startMs, ProbeKind kind) {
            ProbeSample sample = makeSample(startMs, 0);
            sample.inFlight = true;
            sample.kind = kind;
            return sample;
        };
        record.samples << stillOut(5980, ProbeKind::Read) << stillOut(5990, ProbeKind::Write)
                       << stillOut(4000, ProbeKind::Read) << stillOut(3500, ProbeKind::Write);

        LatencyChart chart;
        chart.resize(1000, 600);
        chart.showRecord(record);
        QCOMPARE(chart.okPointCount(), 100);
        QCOMPARE(chart.writePointCount(), 100);
        QCOMPARE(chart.cutOffPointCount(), 2);
        QCOMPARE(seriesNamed(chart, QStringLiteral("Write timed out"))->count(), 0);
        QCOMPARE(seriesNamed(chart, QStringLiteral("Timed out"))->count(), 0);
        QList<double> cutOff;
        for (const QPointF& point : seriesNamed(chart, QStringLiteral("Cut off by the end of the run"))->points())
            cutOff << point.y();
        std::sort(cutOff.begin(), cutOff.end());
        QCOMPARE(cutOff, (QList<double> { 2000, 2500 })); // waited from send to the end of the run

        // Live, a write reported still out (no wait known yet) is no timeout either.
        chart.clear();
        chart.addSample(stillOut(100, ProbeKind::Write));
        chart.flush();
        QCOMPARE(chart.writePointCount(), 0);
        QCOMPARE(chart.problemPointCount(), 0);
    }

    // Writes follow the reads' rules: a write that waited is a bar from send
    // to answer, and the write line breaks where writes went unanswered
    // instead of sloping from the waited write down to the next answered one.
    void writesThatWaitedAreDrawnLikeReads()
    {
        const RunRecord run = lockQueueRun();
        int waitedWrites = 0;
        for (const ProbeSample& sample : run.samples)
            waitedWrites += sample.kind == ProbeKind::Write && !sample.inFlight
                && sample.outcome != ProbeOutcome::NoFreeConnection && sample.latencyMs >= 100;
        QVERIFY(waitedWrites > 0);
        LatencyChart chart;
        chart.resize(1200, 700);
        chart.showRecord(run);
        QCOMPARE(chart.writeWaitSpanCount(), waitedWrites);
        int stretches = 0;
        for (QAbstractSeries* series : chart.chart()->series()) {
            auto* line = qobject_cast<QLineSeries*>(series);
            if (!line || line->name() != QLatin1String("Write OK") || line->count() == 0)
                continue;
            ++stretches;
            // Within a stretch no write went unanswered: no jump from a wait of
            // seconds to the next write's milliseconds across the stall.
            for (qsizetype i = 1; i < line->count(); ++i)
                QVERIFY2(line->at(i).x() - line->at(i - 1).x() < 1.0,
                         qPrintable(QString("%1 s -> %2 s").arg(line->at(i - 1).x()).arg(line->at(i).x())));
        }
        QVERIFY2(stretches >= 2, qPrintable(QString::number(stretches)));
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        keepPreview(chart.grab().toImage(), QStringLiteral("latencychart-writes.png"));
        int legendEntries = 0;
        for (QLegendMarker* marker : chart.chart()->legend()->markers())
            legendEntries += marker->isVisible() && marker->label() == QLatin1String("Write OK");
        QCOMPARE(legendEntries, 1);
    }

    // The legend names only what the chart draws: a full legend with reads
    // and writes was cut mid-word at the window's width.
    void theLegendNamesOnlyWhatIsDrawn()
    {
        LatencyChart chart;
        chart.resize(1200, 600);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const auto shown = [&chart]() {
            QStringList labels;
            for (QLegendMarker* marker : chart.chart()->legend()->markers()) {
                if (marker->isVisible())
                    labels << marker->label();
            }
            return labels;
        };
        chart.showRecord(safeRun());
        QVERIFY2(!shown().contains("No free connection") && !shown().contains("Error"), qPrintable(shown().join('|')));
        QVERIFY2(shown().contains("Read OK"), qPrintable(shown().join('|')));
        chart.showRecord(riskyRun());
        QVERIFY2(shown().contains("No free connection") && !shown().contains("Error"), qPrintable(shown().join('|')));
        RunRecord failed = safeRun();
        failed.samples.append(makeSample(1000, 12, ProbeOutcome::Error));
        chart.showRecord(failed);
        QVERIFY2(shown().contains("Error"), qPrintable(shown().join('|')));
    }

    void batchesShareOneLabel()
    {
        LatencyChart chart;
        chart.resize(1200, 600);
        chart.showRecord(safeRun());
        QCOMPARE(chart.bandCount(), 80); // every UPDATE and COMMIT has its bar
        QCOMPARE(chart.problemPointCount(), 0);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QTRY_VERIFY(!chart.bandLabels().isEmpty());
        QCOMPARE(chart.bandLabels(), QStringList { QStringLiteral("40 \u00d7 UPDATE large_user \u2026 6.1 s") });
    }

    void theLogToggleKeepsEveryPoint()
    {
        LatencyChart chart;
        RunRecord run = riskyRun();
        run.samples.append(makeSample(8400, 0.05)); // below the log floor
        chart.showRecord(run);
        const int ok = chart.okPointCount();
        const int problems = chart.problemPointCount();
        QCOMPARE(ok, countOutcome(run, ProbeOutcome::Ok));
        QCOMPARE(problems, countOutcome(run, ProbeOutcome::Timeout));

        QVERIFY(chart.logScale()); // the default
        QVERIFY(okSeries(chart)->attachedAxes().size() == 2);
        QVERIFY(qobject_cast<QLogValueAxis*>(chart.chart()->axes(Qt::Vertical, okSeries(chart)).first()));
        QCOMPARE(okPoints(chart).size(), ok);
        QCOMPARE(minY(okPoints(chart)), ChartAxes::kLogFloorMs);

        chart.setLogScale(false);
        QVERIFY(!chart.logScale());
        QVERIFY(qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Vertical, okSeries(chart)).first()));
        QCOMPARE(okPoints(chart).size(), ok);
        QCOMPARE(timeoutSeries(chart)->count(), problems);
        QCOMPARE(minY(okPoints(chart)), 0.05); // unclamped on the linear axis
        auto* linear = qobject_cast<QValueAxis*>(chart.chart()->axes(Qt::Vertical, okSeries(chart)).first());
        QVERIFY(linear->max() >= 3000);

        chart.setLogScale(true);
        QCOMPARE(okPoints(chart).size(), ok);
        QCOMPARE(timeoutSeries(chart)->count(), problems);
        QCOMPARE(chart.okPointCount(), ok);
        auto* log = qobject_cast<QLogValueAxis*>(chart.chart()->axes(Qt::Vertical, okSeries(chart)).first());
        QVERIFY(log);
        QVERIFY(log->min() <= 0.5 && log->max() >= 4000); // 0.5 ms and 4 s on one scale
    }

    void showRecordRebuildsWhatTheLiveChartShowed()
    {
        const RunRecord run = riskyRun();
        LatencyChart live;
        for (const ProbeSample& sample : run.samples)
            live.addSample(sample);
        for (const StatementTiming& statement : run.statements)
            live.addStatement(statement);
        for (const LockInterval& lock : run.locks)
            live.addLockInterval(lock);
        QTRY_COMPARE(live.queuedSampleCount(), 0);

        LatencyChart replay;
        replay.showRecord(run);
        QCOMPARE(replay.okPointCount(), live.okPointCount());
        QCOMPARE(replay.problemPointCount(), live.problemPointCount());
        QCOMPARE(replay.noFreeConnectionCount(), live.noFreeConnectionCount());
        QCOMPARE(replay.bandCount(), live.bandCount());
        QCOMPARE(replay.bandCount(), 7); // 6 statements, 1 ACCESS EXCLUSIVE
        QCOMPARE(okPoints(replay), okPoints(live));
        QCOMPARE(okPoints(replay).size(), replay.okPointCount());
        QCOMPARE(noFreeSeries(replay)->count(), countOutcome(run, ProbeOutcome::NoFreeConnection));

        replay.clear();
        QCOMPARE(replay.okPointCount(), 0);
        QCOMPARE(replay.bandCount(), 0);
        QCOMPARE(okPoints(replay).size(), 0);
        replay.showRecord(run);
        QCOMPARE(replay.okPointCount(), live.okPointCount());
        QCOMPARE(replay.bandCount(), live.bandCount());
    }

    void seventyTwoThousandPointsStayFast()
    {
        constexpr int kPoints = 72000;
        QList<ProbeSample> samples;
        for (int i = 0; i < kPoints; ++i) {
            // 100 reads a second for 12 minutes, with a 4 s stall at 5 minutes.
            const double t = i * 10.0;
            const double latency = (t >= 300000 && t < 304000) ? 304000 - t : fastLatency(i);
            samples.append(makeSample(t, latency));
        }
        LatencyChart chart;
        chart.resize(1200, 700);
        chart.grab();
        QList<qint64> times;
        for (int run = 0; run < 5; ++run) {
            chart.clear();
            chart.grab();
            for (const ProbeSample& sample : std::as_const(samples))
                chart.addSample(sample);
            QElapsedTimer timer;
            timer.start();
            chart.flush(); // all 72,000 in one flush
            const QImage image = chart.grab().toImage();
            times.append(timer.elapsed());
            QVERIFY(!image.isNull());
            if (run == 0)
                keepPreview(image, QStringLiteral("latencychart-72k.png"));
        }
        std::sort(times.begin(), times.end());
        qInfo("72,000 points: one flush + grab() takes %lld ms (median of 5; runs %lld..%lld ms)", times.at(2),
              times.first(), times.last());

        QCOMPARE(chart.okPointCount(), kPoints);
        // Drawn as a reduction that keeps each column's extremes: the stall
        // is there at full height.
        QVERIFY(okPoints(chart).size() <= PointDecimator::kColumns * PointDecimator::kLinePointsPerColumn);
        double high = 0;
        for (const QPointF& point : okPoints(chart))
            high = std::max(high, point.y());
        QCOMPARE(high, 4000.0);
        // Quadratic appends took minutes; anything near a second is a regression.
        QVERIFY2(times.at(2) < 1000, qPrintable(QString::number(times.at(2))));
    }

    // An hour at 20 Hz of reads and writes, with stalls, lock waits and slow
    // reads: every series the chart draws holds a few points per pixel column
    // of the plot at most, whatever the record holds.
    void decimatedSeriesFitThePlotsWidth()
    {
        constexpr int kSamples = 72000;
        RunRecord record;
        record.endMs = kSamples * 50.0;
        for (int i = 0; i < kSamples; ++i) {
            const double t = i * 50.0;
            const bool stalled = i % 12000 >= 6000 && i % 12000 < 6080;
            const bool slow = i % 9 == 0;
            ProbeSample sample = makeSample(t, stalled ? 3000 : (slow ? 150 + i % 50 : fastLatency(i)),
                                            stalled && i % 5 == 0 ? ProbeOutcome::Timeout : ProbeOutcome::Ok,
                                            1 + i % 4);
            sample.kind = i % 2 == 0 ? ProbeKind::Read : ProbeKind::Write;
            record.samples.append(sample);
        }
        // Probe 1 waited on a lock for the first half hour: its reads are lock waits.
        LockInterval wait = makeLock(QStringLiteral("AccessShareLock"), QStringLiteral("probe 1"), 0, kSamples * 25.0);
        wait.granted = false;
        record.locks.append(wait);

        LatencyChart chart;
        chart.resize(1200, 700);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.showRecord(record);
        QCoreApplication::processEvents();
        chart.grab();

        const double pixels = chart.chart()->plotArea().width() * chart.devicePixelRatioF();
        QVERIFY(pixels > 500);
        const qsizetype limit = qsizetype(std::ceil(pixels)) * 4;
        QCOMPARE(chart.okPointCount() + chart.writePointCount() + chart.problemPointCount(), kSamples);
        QVERIFY(okPoints(chart).size() > 0);
        QVERIFY2(okPoints(chart).size() <= limit, qPrintable(QString::number(okPoints(chart).size())));
        int checked = 0;
        for (QAbstractSeries* abstract : chart.chart()->series()) {
            auto* series = qobject_cast<QXYSeries*>(abstract);
            QVERIFY(series);
            QVERIFY2(
                series->count() <= limit,
                qPrintable(QString("%1: %2 points, plot %3 px").arg(series->name()).arg(series->count()).arg(pixels)));
            if (series->count() > 0)
                ++checked;
        }
        // Reads, writes, timeouts, lock waits and slow reads all had points.
        QVERIFY2(checked >= 5, qPrintable(QString::number(checked)));
        for (const QString& name : { QStringLiteral("Write OK"), QStringLiteral("Timed out") })
            QVERIFY2(seriesNamed(chart, name) && seriesNamed(chart, name)->count() > 0, qPrintable(name));
    }

    void theLiveWidgetDrawsWhatItWasFed()
    {
        LatencyChart chart;
        chart.setTitle(QStringLiteral("Add NOT NULL the way Django does it"));
        chart.resize(1200, 700);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const RunRecord run = riskyRun();
        for (const ProbeSample& sample : run.samples)
            chart.addSample(sample);
        chart.addSample(makeSample(7100, 35, ProbeOutcome::Error));
        for (const StatementTiming& statement : run.statements)
            chart.addStatement(statement);
        for (const LockInterval& lock : run.locks)
            chart.addLockInterval(lock);
        QTRY_COMPARE(chart.queuedSampleCount(), 0);
        QTRY_VERIFY(!chart.bandLabels().isEmpty());
        const QImage image = chart.grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1200);
        keepPreview(image, QStringLiteral("latencychart-live.png"));
    }

    void shortSql_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("shortened");
        QTest::newRow("update") << "UPDATE \"large_user\" SET \"status\" = 'active' WHERE \"status\" IS NULL"
                                << "UPDATE large_user" << true;
        QTest::newRow("set not null") << "ALTER TABLE large_user ALTER COLUMN status SET NOT NULL;"
                                      << "ALTER TABLE large_user SET NOT NULL" << true;
        QTest::newRow("set default") << "alter table only large_user alter column status set default 'active'"
                                     << "ALTER TABLE large_user SET DEFAULT" << true;
        QTest::newRow("check not valid")
            << "ALTER TABLE large_user ADD CONSTRAINT status_not_null CHECK (status IS NOT NULL) NOT VALID"
            << "ALTER TABLE large_user ADD CONSTRAINT NOT VALID" << true;
        QTest::newRow("validate") << "ALTER TABLE large_user VALIDATE CONSTRAINT status_not_null"
                                  << "ALTER TABLE large_user VALIDATE CONSTRAINT" << true;
        QTest::newRow("index") << "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_status ON large_user (status)"
                               << "CREATE INDEX CONCURRENTLY ON large_user" << true;
        QTest::newRow("insert") << "INSERT INTO small_user(id, name) VALUES (1, 'a')"
                                << "INSERT INTO small_user" << true;
        QTest::newRow("commit") << "COMMIT"
                                << "COMMIT" << false;
        QTest::newRow("comment") << "-- Django 0003\nBEGIN;"
                                 << "BEGIN" << false;
        QTest::newRow("other") << "SELECT pg_sleep(5), 'a long literal'"
                               << "SELECT pg_sleep(5), 'a" << true;
    }

    void shortSql()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        QFETCH(bool, shortened);
        bool wasShortened = !shortened;
        QCOMPARE(BandLabels::shortSql(sql, &wasShortened), expected);
        QCOMPARE(wasShortened, shortened);
    }

    void labels()
    {
        QCOMPARE(BandLabels::statementLabel(makeStatement("UPDATE large_user SET status = 'active'", 2000, 6100)),
                 QStringLiteral("UPDATE large_user \u2026 4.1 s"));
        QCOMPARE(BandLabels::statementLabel(makeStatement("COMMIT", 0, 2)), QStringLiteral("COMMIT 2.0 ms"));
        QCOMPARE(BandLabels::lockLabel(makeLock("AccessExclusiveLock", "migration", 2000, 6200)),
                 QStringLiteral("ACCESS EXCLUSIVE on large_user: 4.2 s"));
        QVERIFY(BandLabels::isControlStatement(" commit"));
        QVERIFY(BandLabels::isControlStatement("SET lock_timeout = '2s'"));
        QVERIFY(!BandLabels::isControlStatement("UPDATE large_user SET status = 'x'"));
    }

    void decimationKeepsExtremes()
    {
        QList<QPointF> points;
        for (int i = 0; i < 100000; ++i)
            points.append(QPointF(i / 1000.0, i == 54321 ? 5000.0 : 1.0 + (i % 7) * 0.1));
        const QList<QPointF> line = PointDecimator::line(points, 0, 100, 1000);
        QVERIFY(line.size() <= 4000);
        QVERIFY(line.contains(QPointF(54.321, 5000.0)));
        QCOMPARE(line.first(), points.first());
        QCOMPARE(line.last(), points.last());
        // Few points pass through untouched (floored on request).
        const QList<QPointF> few { { 0, 0.01 }, { 1, 2 } };
        QCOMPARE(PointDecimator::line(few, 0, 10, 1000, 0.1), (QList<QPointF> { { 0, 0.1 }, { 1, 2 } }));
        QCOMPARE(PointDecimator::markers(points, 0, 100, 1000).size(), 2000);
    }
};

QTEST_MAIN(TestLatencyChart)
#include "tst_latencychart.moc"
