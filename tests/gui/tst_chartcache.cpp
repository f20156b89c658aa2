#include "SyntheticRuns.h"
#include "charts/LatencyChart.h"
#include "charts/StaticItemCache.h"

#include <QBuffer>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QPainter>
#include <QSvgGenerator>
#include <QtTest>

using namespace locklab;

// The chart's grid and axis lines repaint from a pixmap on screen
// (StaticItemCache: they were a third of a live repaint), the chart looks
// the same, in the light and the dark colours, and exports still draw them
// as vectors.
class TestChartCache : public QObject
{
    Q_OBJECT

    static int count(QGraphicsScene* scene, int type, QGraphicsItem::CacheMode mode)
    {
        int result = 0;
        const QList<QGraphicsItem*> items = scene->items();
        for (const QGraphicsItem* item : items)
            result += item->type() == type && item->cacheMode() == mode;
        return result;
    }

private slots:
    void gridLinesAreCachedOnScreenAndVectorsInExports_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark (presenter mode)") << true;
    }

    void gridLinesAreCachedOnScreenAndVectorsInExports()
    {
        QFETCH(bool, dark);
        LatencyChart chart;
        chart.resize(1000, 600);
        chart.setDark(dark);
        chart.showRecord(test::lockQueueRun()); // reads, writes, an actor
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QGraphicsScene* scene = chart.scene();
        // The log axis alone has eight faint lines a decade over five decades.
        QTRY_VERIFY(count(scene, QGraphicsLineItem::Type, QGraphicsItem::DeviceCoordinateCache) >= 40);
        QCOMPARE(count(scene, QGraphicsLineItem::Type, QGraphicsItem::NoCache), 0);
        QCOMPARE(count(scene, QGraphicsTextItem::Type, QGraphicsItem::DeviceCoordinateCache), 0);
        const int cachedLines = count(scene, QGraphicsLineItem::Type, QGraphicsItem::DeviceCoordinateCache);

        // From the cache, the chart looks as it does drawn directly.
        const QImage cached = chart.grab().toImage();
        QImage direct;
        {
            const StaticItemCache::Suspended suspended(scene);
            direct = chart.grab().toImage();
        }
        QCOMPARE(cached.size(), direct.size());
        int differing = 0;
        int worst = 0;
        for (int y = 0; y < cached.height(); ++y) {
            for (int x = 0; x < cached.width(); ++x) {
                const QRgb a = cached.pixel(x, y);
                const QRgb b = direct.pixel(x, y);
                const int delta = std::max(
                    { std::abs(qRed(a) - qRed(b)), std::abs(qGreen(a) - qGreen(b)), std::abs(qBlue(a) - qBlue(b)) });
                differing += delta > 0;
                worst = std::max(worst, delta);
            }
        }
        // Measured: none differ. A cache at a fraction of a pixel off would blur every line.
        QVERIFY2(differing * 1000 < cached.width() * cached.height(),
                 qPrintable(QString("%1 pixels differ, by up to %2").arg(differing).arg(worst)));

        // A new time range brings new ticks: their grid lines are cached too.
        chart.addStatement(test::makeStatement("SELECT 1", 1000, 95000));
        QTRY_COMPARE(count(scene, QGraphicsLineItem::Type, QGraphicsItem::NoCache), 0);

        QBuffer svg;
        svg.open(QIODevice::WriteOnly);
        QSvgGenerator generator;
        generator.setOutputDevice(&svg);
        generator.setSize(QSize(1000, 600));
        generator.setViewBox(QRect(0, 0, 1000, 600));
        {
            QPainter painter(&generator);
            chart.renderTo(&painter, QRectF(0, 0, 1000, 600));
        }
        const QByteArray text = svg.data();
        QVERIFY2(!text.contains("<image"), "a cached item went into the SVG as a bitmap");
        QVERIFY(text.contains("Time (s)"));
        QCOMPARE(count(scene, QGraphicsLineItem::Type, QGraphicsItem::NoCache), 0); // cached again after the export
        QVERIFY(cachedLines > 0);
    }
};

QTEST_MAIN(TestChartCache)
#include "tst_chartcache.moc"
