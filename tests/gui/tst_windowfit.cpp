#include "EmbeddedWindowFixture.h"
#include "app/MainWindow.h"
#include "core/lesson/LessonLoader.h"

#include <QApplication>
#include <QLabel>
#include <QtTest>

using namespace locklab;

namespace {
// A 1920 x 1080 screen at 150 %: what the window has, in logical pixels.
constexpr double kScale = 1.5;
const QSize kScreen(int(1920 / kScale), int(1080 / kScale));
} // namespace

// The window fits a 1920 x 1080 screen scaled to 150 %: its minimum size is
// no larger than the screen, so panels shrink or scroll rather than spill.
// The status line forgets the last step once another one is selected.
class TestWindowFit : public QObject
{
    Q_OBJECT

private slots:
    void fitsA1080pScreenAt150Percent()
    {
        QCOMPARE(qApp->devicePixelRatio(), kScale);
        test::EmbeddedWindowFixture fixture;
        QString error;
        QVERIFY2(fixture.startUp("locklab-fit", &error), qPrintable(error));
        MainWindow& window = *fixture.createWindow(LessonLoader::loadBuiltIn());
        QVERIFY(fixture.show(QSize()));
        const QSize hint = window.minimumSizeHint();
        const QSize minimum = window.minimumSize().expandedTo(hint);
        QVERIFY2(minimum.width() <= kScreen.width() && minimum.height() <= kScreen.height(),
                 qPrintable(QString("minimum %1 x %2, screen %3 x %4 logical px")
                                .arg(minimum.width())
                                .arg(minimum.height())
                                .arg(kScreen.width())
                                .arg(kScreen.height())));
        // The status line beside the progress bar speaks of the step shown:
        // another step selected, the last step's "Done in ..." goes.
        auto* status = window.findChild<QLabel*>("progressLabel");
        QVERIFY(status);
        window.selectStep(0, 0);
        status->setText(QStringLiteral("Done in 1.2 s")); // as StepProgress::finished leaves it
        window.selectStep(1, 0);
        QCOMPARE(status->text(), QString());

        window.resize(kScreen);
        QTRY_COMPARE(window.size(), kScreen);
        const QString dir = qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            QVERIFY(window.grab().save(dir + "/window-1080p-150.png"));
    }
};

int main(int argc, char** argv)
{
    // Before QApplication: the scale factor is read once, at start-up.
    qputenv("QT_SCALE_FACTOR", QByteArray::number(kScale));
    QApplication app(argc, argv);
    TestWindowFit test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_windowfit.moc"
