#include "SyntheticRuns.h"
#include "charts/ChartExporter.h"
#include "charts/ChartPage.h"
#include "core/run/RunExporter.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace locklab;
using namespace locklab::test;

Q_DECLARE_METATYPE(ChartExporter::Format)

namespace {

// Set LOCKLAB_CHART_PREVIEW_DIR to keep the exported files and look at them.
QString outputDir(const QTemporaryDir& scratch)
{
    const QString preview = qEnvironmentVariable("LOCKLAB_CHART_PREVIEW_DIR");
    return preview.isEmpty() ? scratch.path() : preview;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestChartExport : public QObject
{
    Q_OBJECT

private slots:
    void pngIsTwiceTheLogicalSize_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QSize>("logicalSize");
        QTest::newRow("risky") << "risky" << QSize(1200, 700);
        QTest::newRow("safe") << "safe" << QSize(1200, 700);
        QTest::newRow("small") << "risky-small" << QSize(800, 450);
    }

    void pngIsTwiceTheLogicalSize()
    {
        QFETCH(QString, name);
        QFETCH(QSize, logicalSize);
        QTemporaryDir scratch;
        const QString path = outputDir(scratch) + "/chart-" + name + ".png";
        QString error;
        const RunRecord run = name.startsWith("safe") ? safeRun() : riskyRun();
        QVERIFY2(ChartExporter::exportChart(run, path, ChartExporter::Format::Png, &error, logicalSize),
                 qPrintable(error));
        QImage image;
        QVERIFY(image.load(path));
        QCOMPARE(image.size(), logicalSize * 2);
        // Not a blank page: the title, the chart and the verdict put ink on it.
        int dark = 0;
        for (int y = 0; y < image.height(); y += 4) {
            for (int x = 0; x < image.width(); x += 4)
                dark += qGray(image.pixel(x, y)) < 128;
        }
        QVERIFY(dark > 500);
    }

    void svgIsValidXmlWithTheTitleBlock()
    {
        QTemporaryDir scratch;
        const QString path = outputDir(scratch) + "/chart-risky.svg";
        QString error;
        QVERIFY2(ChartExporter::exportChart(riskyRun(), path, ChartExporter::Format::Svg, &error), qPrintable(error));
        const QByteArray svg = readAll(path);
        QXmlStreamReader xml(svg);
        bool rootIsSvg = false;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && !rootIsSvg)
                rootIsSvg = xml.name() == QLatin1String("svg");
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(rootIsSvg);
        const QString text = QString::fromUtf8(svg);
        QVERIFY(text.contains(QStringLiteral("Add a NOT NULL constraint")));
        QVERIFY(text.contains(QStringLiteral("1,000,000 rows")));
        QVERIFY(text.contains(QStringLiteral("PostgreSQL 16.4")));
        QVERIFY(text.contains(QStringLiteral("Reads were blocked")));
    }

    void bothSeriesReachEveryFormat()
    {
        QTemporaryDir scratch;
        const RunRecord run = lockQueueRun();
        const QString base = outputDir(scratch) + "/chart-lock-queue.";
        QString error;
        for (const char* format : { "png", "svg", "pdf" }) {
            const QString path = base + format;
            QVERIFY2(ChartExporter::exportChart(run, path, ChartExporter::formatForPath(path), &error),
                     qPrintable(error));
        }
        QVERIFY2(RunExporter::writeCsv(run, base + "csv", &error), qPrintable(error));
        QVERIFY2(RunExporter::writeJson(RunSummary(run), base + "json", &error), qPrintable(error));

        // The picture: both lines' legend entries, the actor's band and both series in the verdict.
        const QString svg = QString::fromUtf8(readAll(base + "svg"));
        for (const char* text :
             { "Read OK", "Write OK", "nightly report", "Reads were blocked", "Writes were blocked" })
            QVERIFY2(svg.contains(QLatin1String(text)), text);
        // The PNG has orange write pixels beside the blue reads.
        const QImage png(base + "png");
        QVERIFY(!png.isNull());
        int orange = 0;
        for (int y = 0; y < png.height(); y += 2) {
            for (int x = 0; x < png.width(); x += 2) {
                const QColor c = png.pixelColor(x, y);
                orange += c.red() > 200 && c.green() > 100 && c.green() < 150 && c.blue() < 80;
            }
        }
        QVERIFY2(orange > 50, qPrintable(QString::number(orange)));
        QVERIFY(readAll(base + "pdf").startsWith("%PDF-"));
        // The data: every sample with its series, and each series' own statistics.
        const QString csv = QString::fromUtf8(readAll(base + "csv"));
        QCOMPARE(int(csv.count(",read\n")), int(run.samples.size() / 2));
        QCOMPARE(int(csv.count(",write\n")), int(run.samples.size() / 2));
        const QJsonObject json = QJsonDocument::fromJson(readAll(base + "json")).object();
        const QJsonObject series = json.value("series").toObject();
        QVERIFY(series.value("read").toObject().value("blocked_ms").toDouble() > 3000);
        QVERIFY(series.value("write").toObject().value("blocked_ms").toDouble() > 3000);
        QCOMPARE(json.value("actors").toArray().at(0).toObject().value("name").toString(), QString("nightly report"));
        QVERIFY(json.value("headline").toString().contains("; writes blocked"));
    }

    void pdfIsAPdf()
    {
        QTemporaryDir scratch;
        const QString path = outputDir(scratch) + "/chart-risky.pdf";
        QString error;
        QVERIFY2(ChartExporter::exportChart(riskyRun(), path, ChartExporter::Format::Pdf, &error), qPrintable(error));
        const QByteArray pdf = readAll(path);
        QVERIFY(pdf.startsWith("%PDF"));
        QVERIFY(pdf.size() > 2000);
    }

    void anUnwritablePathFailsAndSaysWhere()
    {
        // A missing directory: unwritable even for root, who runs CI.
        const QString path = QStringLiteral("/nonexistent-locklab-dir/chart.png");
        QString error;
        QVERIFY(!ChartExporter::exportChart(riskyRun(), path, ChartExporter::Format::Png, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!QFile::exists(path));

        QTemporaryDir scratch;
        QVERIFY(!ChartExporter::exportChart(riskyRun(), scratch.path(), ChartExporter::Format::Svg, &error));
        QVERIFY2(error.contains(scratch.path()) && error.contains(QStringLiteral("directory")), qPrintable(error));
    }

    void formatForPath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<ChartExporter::Format>("format");
        QTest::newRow("png") << "/tmp/a.png" << ChartExporter::Format::Png;
        QTest::newRow("svg upper") << "/tmp/a.SVG" << ChartExporter::Format::Svg;
        QTest::newRow("pdf") << "slides/chart.pdf" << ChartExporter::Format::Pdf;
        QTest::newRow("none") << "chart" << ChartExporter::Format::Png;
    }

    void formatForPath()
    {
        QFETCH(QString, path);
        QFETCH(ChartExporter::Format, format);
        QCOMPARE(ChartExporter::formatForPath(path), format);
    }

    void defaultFileNames()
    {
        QCOMPARE(ChartExporter::defaultFileName(riskyRun(), ChartExporter::Format::Png),
                 QStringLiteral("locklab-not-null-apply-0003-pg16-2026-11-25-1432.png"));
        QCOMPARE(ChartExporter::defaultFileName(safeRun(), ChartExporter::Format::Pdf),
                 QStringLiteral("locklab-safe-path-backfill-pg16-2026-11-25-1441.pdf"));
        RunRecord odd = riskyRun();
        odd.lessonId = QStringLiteral("../Über Lesson: 3/");
        odd.stepId = QStringLiteral("step *1*");
        const QString name = ChartExporter::defaultFileName(odd, ChartExporter::Format::Svg);
        QVERIFY2(QRegularExpression(QStringLiteral("^[a-z0-9-]+\\.svg$")).match(name).hasMatch(), qPrintable(name));
        QCOMPARE(name, QStringLiteral("locklab-uber-lesson-3-step-1-pg16-2026-11-25-1432.svg"));
    }

    void theTitleBlockComesFromTheRecord()
    {
        const RunRecord run = safeRun();
        ChartPage page(run);
        QCOMPARE(page.title(), QStringLiteral("The safe path to NOT NULL \u2014 Backfill in batches"));
        QCOMPARE(page.details(),
                 QStringLiteral("Lesson safe-path  \u00b7  step backfill  \u00b7  1,000,000 rows  \u00b7  "
                                "PostgreSQL 16.4  \u00b7  2026-11-25 14:41"));
        QVERIFY(!page.verdict().isEmpty());
        QCOMPARE(ChartPage::postgresName(QStringLiteral("16.4 (Debian 16.4-1.pgdg120+1)")),
                 QStringLiteral("PostgreSQL 16.4"));
    }
};

QTEST_MAIN(TestChartExport)
#include "tst_chartexport.moc"
