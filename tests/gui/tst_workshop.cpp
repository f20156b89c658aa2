// The workshop views on recorded runs, no server: a saved session opened in
// its window (chart, verdict, statements, locks), the comparison (classic
// pair, legend, copy at 2x, every export), the sweep plot with its fit and
// "What about my table?". Screenshots go to LOCKLAB_SCREENSHOT_DIR when set.
#include "SyntheticRuns.h"
#include "app/CompareDialog.h"
#include "app/LatencyPanel.h"
#include "app/PresenterView.h"
#include "app/SessionMenu.h"
#include "app/SessionWindow.h"
#include "app/SweepDialog.h"
#include "charts/ComparisonChart.h"
#include "charts/LatencyChart.h"
#include "charts/SweepChart.h"
#include "core/run/Verdict.h"
#include "core/session/SessionFile.h"

#include <QApplication>
#include <QClipboard>
#include <QLegend>
#include <QLegendMarker>
#include <QListWidget>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;
using namespace locklab::test;

namespace {
void screenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QApplication::processEvents();
    widget->grab().save(dir + "/" + name + ".png");
}

QList<RunRecord> sessionRuns()
{
    const QString series = QStringLiteral("Migrate to 0003");
    return { riskyRun(), safeRun(), sweepRun(10000, 180, series), sweepRun(100000, 1900, series),
             sweepRun(1000000, 21000, series) };
}
} // namespace

class TstWorkshop : public QObject
{
    Q_OBJECT

private slots:
    void sessionOpensWithoutAServer()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("workshop.locklab");
        QString error;
        QVERIFY2(SessionFile::save(sessionRuns(), path, &error), qPrintable(error));
        Session session;
        QVERIFY2(SessionFile::load(path, &session, &error), qPrintable(error));

        SessionWindow window;
        window.setAttribute(Qt::WA_DeleteOnClose, false);
        window.setSession(session, path);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.findChild<QListWidget*>("sessionRunList")->count(), 5);
        QCOMPARE(window.currentRun(), 0);
        QCOMPARE(window.verdictText(), Verdict::describe(RunSummary(riskyRun())));
        LatencyChart direct;
        direct.showRecord(riskyRun());
        QCOMPARE(window.latencyPanel()->chart()->okPointCount(), direct.okPointCount());
        QCOMPARE(window.latencyPanel()->chart()->problemPointCount(), direct.problemPointCount());
        QVERIFY(direct.okPointCount() > 10);
        QCOMPARE(window.lockTable()->rowCount(), int(riskyRun().locks.size()));
        QVERIFY(window.findChild<QAction*>("sweepPlotAction")->isEnabled());
        screenshot(&window, "session-window");
        window.selectRun(1);
        QCOMPARE(window.verdictText(), Verdict::describe(RunSummary(safeRun())));
    }

    void damagedSessionChangesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("broken.locklab");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(SessionFile::encode(sessionRuns()).left(100));
        file.close();
        SessionWindow window;
        window.setAttribute(Qt::WA_DeleteOnClose, false);
        Session session;
        session.runs = { riskyRun() };
        window.setSession(session, "kept.locklab");
        // The message box is answered by closing it as soon as it shows.
        QTimer::singleShot(0, []() {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w)) {
                    QVERIFY(box->text().contains("truncated"));
                    box->accept();
                }
        });
        QVERIFY(!window.sessionMenu()->openFile(path));
        QCOMPARE(window.session().runs.size(), 1);
    }

    void comparisonOfTheClassicPair()
    {
        const QList<RunRecord> runs = sessionRuns();
        CompareDialog dialog(runs);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.selectClassicPair());
        QCOMPARE(dialog.selected().size(), 2);
        const QStringList labels = dialog.chart()->legendLabels();
        QCOMPARE(labels.size(), 2);
        QVERIFY2(labels.join('|').contains("reads blocked") && labels.join('|').contains(": max "),
                 qPrintable(labels.join('|')));
        screenshot(&dialog, "comparison");

        const QImage image = dialog.copyChart();
        QCOMPARE(image.size(), QSize(2400, 1400));
        QCOMPARE(QApplication::clipboard()->image().size(), QSize(2400, 1400));

        QTemporaryDir dir;
        for (const QString suffix : { "png", "svg", "pdf", "csv", "json" }) {
            const QString path = dir.filePath("comparison." + suffix);
            QString error;
            QVERIFY2(dialog.exportTo(path, &error), qPrintable(error));
            QVERIFY(QFileInfo(path).size() > 100);
        }
        QImage png(dir.filePath("comparison.png"));
        QCOMPARE(png.size(), QSize(2400, 1400));
        const QString preview = qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR");
        if (!preview.isEmpty())
            png.save(preview + "/comparison-export.png");
    }

    // The risky run's stall was drawn as a line through its timeouts. Now as
    // in the run chart: the read line breaks where reads went unanswered,
    // timeouts are markers, and every read that waited is a bar.
    void comparisonDrawsAStallLikeTheRunChart()
    {
        const RunRecord risky = riskyRun();
        ComparisonChart chart;
        chart.resize(1200, 700);
        chart.setComparison(RunComparison({ risky, safeRun() }));
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));

        int timeouts = 0, waited = 0;
        for (const ProbeSample& sample : risky.samples) {
            timeouts += sample.outcome == ProbeOutcome::Timeout;
            waited += sample.outcome != ProbeOutcome::NoFreeConnection && sample.latencyMs >= 100;
        }
        QVERIFY(timeouts > 0);
        QCOMPARE(chart.problemMarkerCount(0), timeouts);
        QCOMPARE(chart.waitSpanCount(0), waited);
        QVERIFY2(chart.lineSegmentCount(0) >= 2, qPrintable(QString::number(chart.lineSegmentCount(0))));
        // No point of the line is a timeout: the line never reaches the 3 s give-up.
        for (const QPointF& point : chart.linePoints(0))
            QVERIFY2(point.y() < risky.probeTimeoutMs,
                     qPrintable(QString("%1 s: %2 ms").arg(point.x()).arg(point.y())));
        // The safe run never waited: one unbroken line, no markers, no bars.
        QCOMPARE(chart.lineSegmentCount(1), 1);
        QCOMPARE(chart.problemMarkerCount(1), 0);
        QCOMPARE(chart.waitSpanCount(1), 0);
        // One legend entry per run (and the step start), whatever the pieces.
        int entries = 0;
        for (QLegendMarker* marker : chart.chart()->legend()->markers())
            entries += marker->isVisible();
        QCOMPARE(entries, 3);
        screenshot(&chart, "comparison-chart");
    }

    void sweepPlotFromRecordedRuns()
    {
        SweepDialog dialog(sessionRuns());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.chart()->series().size(), 1);
        QCOMPARE(dialog.chart()->series().first().points.size(), 3);
        // One sweep: the legend names the measures, the step is the title
        // (long step titles were elided mid-word in every entry).
        QCOMPARE(dialog.chart()->legendLabels(), (QStringList { "reads blocked", "ACCESS EXCLUSIVE held" }));
        QCOMPARE(SweepChart::shortName("Migrate to 0003: AlterField makes status NOT NULL", 32),
                 QString("Migrate to 0003: AlterField\u2026"));
        QCOMPARE(SweepChart::shortName(QString(40, 'x'), 32), QString(32, 'x') + QChar(0x2026));
        QCOMPARE(SweepChart::shortName("Short", 32), QString("Short"));
        QVERIFY2(dialog.findingsText().contains(QRegularExpression("about 1[01]x the wait for 10x the rows")),
                 qPrintable(dialog.findingsText()));
        dialog.setEstimateText("200M");
        QVERIFY2(dialog.estimateText().contains("At 200,000,000 rows") && dialog.estimateText().contains("90 % range")
                     && dialog.estimateText().contains("this machine's speed"),
                 qPrintable(dialog.estimateText()));
        dialog.setEstimateText("lots");
        QVERIFY(dialog.estimateText().contains("not a row count"));
        dialog.setEstimateText("200M");
        screenshot(&dialog, "sweep-recorded");
        QTemporaryDir dir;
        for (const QString suffix : { "png", "csv", "json" }) {
            QString error;
            QVERIFY2(dialog.exportTo(dir.filePath("sweep." + suffix), &error), qPrintable(error));
        }
        QString error;
        QVERIFY(!dialog.startSweep(&error));
        QVERIFY(error.contains("opened from a file"));
    }

    void presenterAt1920x1080()
    {
        for (const bool dark : { false, true }) {
            auto* view = new PresenterView;
            view->setAttribute(Qt::WA_DeleteOnClose, false);
            if (dark) {
                QPalette palette;
                palette.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
                palette.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
                palette.setColor(QPalette::Base, QColor(0x2a, 0x2a, 0x2a));
                palette.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
                palette.setColor(QPalette::Button, QColor(0x30, 0x30, 0x30));
                palette.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
                view->setPalette(palette);
            }
            const RunRecord run = riskyRun();
            view->setContent(
                { run.stepTitle, "Reads **wait** for the lock.", "ALTER TABLE large_user ...", &run, nullptr });
            view->resize(1920, 1080);
            view->show();
            QVERIFY(QTest::qWaitForWindowExposed(view));
            QApplication::processEvents();
            QCOMPARE(view->chart()->isDark(), dark);
            // The chart first: at least 60 % of the height.
            QVERIFY2(view->chart()->height() >= 0.6 * view->height(),
                     qPrintable(QString("%1 of %2").arg(view->chart()->height()).arg(view->height())));
            QVERIFY2(view->figuresText().startsWith("p50 ") && view->figuresText().contains("reads blocked 4.2 s"),
                     qPrintable(view->figuresText()));
            QCOMPARE(view->verdictText(), Verdict::describe(RunSummary(run)));
            const double before = view->fontScale();
            QTest::keyClick(view, Qt::Key_Plus, Qt::ControlModifier);
            QVERIFY(view->fontScale() > before);
            // The legend stays at large text sizes, and right after a change
            // (QtCharts hid its entries until the next layout).
            const auto legendEntries = [view]() {
                int shown = 0;
                for (QLegendMarker* marker : view->chart()->chart()->legend()->markers())
                    shown += marker->isVisible() ? 1 : 0;
                return shown;
            };
            for (int i = 0; i < 4; ++i)
                QTest::keyClick(view, Qt::Key_Plus, Qt::ControlModifier);
            QVERIFY2(legendEntries() >= 4, qPrintable(QString::number(legendEntries())));
            QTest::keyClick(view, Qt::Key_0, Qt::ControlModifier);
            QCOMPARE(view->fontScale(), 1.0);
            QVERIFY2(legendEntries() >= 4, qPrintable(QString::number(legendEntries())));
            QVERIFY(!view->findChild<QWidget*>("presenterSql")->isVisible());
            const QString dir = qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR");
            if (!dir.isEmpty()) {
                const QImage full = view->grab().toImage();
                full.save(dir + (dark ? "/presenter-dark.png" : "/presenter.png"));
                full.scaled(960, 540, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                    .save(dir + (dark ? "/presenter-dark-50.png" : "/presenter-50.png"));
            }
            view->setSqlVisible(true);
            QVERIFY(view->findChild<QWidget*>("presenterSql")->isVisible());
            delete view;
        }
    }
};

QTEST_MAIN(TstWorkshop)
#include "tst_workshop.moc"
