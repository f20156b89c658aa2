#include "app/AboutDialog.h"

#include <QApplication>
#include <QIcon>
#include <QImage>
#include <QtTest>

using namespace locklab;

class TestAboutDialog : public QObject
{
    Q_OBJECT
private slots:
    void showsVersionsAndLicence()
    {
        AboutDialog dialog("15.8 (Debian 15.8-0+deb12u1)");
        const QString text = dialog.versionText();
        QVERIFY2(text.contains(QString("LockLab %1").arg(LOCKLAB_VERSION)), qPrintable(text));
        QVERIFY2(text.contains(QString("Qt %1").arg(qVersion())), qPrintable(text));
        QVERIFY2(text.contains("PostgreSQL server 15.8 (Debian 15.8-0+deb12u1)"), qPrintable(text));
        QVERIFY2(text.contains("MIT"), qPrintable(text));
        QVERIFY(dialog.licenceText().startsWith("MIT License"));
        QVERIFY(dialog.licenceText().contains("Permission is hereby granted, free of charge"));
        QCOMPARE(dialog.windowTitle(), QString("About LockLab"));
        // For the eye: LOCKLAB_SCREENSHOT_DIR=/tmp/shots ctest -R tst_aboutdialog
        const QString shots = qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            dialog.adjustSize();
            QVERIFY(dialog.grab().save(shots + "/about-dialog.png"));
        }
    }

    void saysWhenNotConnected()
    {
        AboutDialog dialog(QString {});
        QVERIFY2(dialog.versionText().contains("PostgreSQL server not connected"), qPrintable(dialog.versionText()));
    }

    void showsTheIcon()
    {
        AboutDialog dialog("16.4");
        const QImage image = dialog.iconPixmap().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 96);
        // The padlock body fills the middle of the icon; the corners stay transparent.
        QVERIFY(qAlpha(image.pixel(image.width() / 2, image.height() * 3 / 4)) == 255);
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
    }

    void iconReadsAtSixteenPixels()
    {
        // The window icon comes from the same resource; the SVG icon engine must render it small too.
        const QIcon icon(":/icons/locklab.svg");
        QVERIFY(!icon.isNull());
        const QImage small = icon.pixmap(16, 16).toImage();
        QCOMPARE(small.size(), QSize(16, 16));
        int opaque = 0;
        for (int y = 0; y < 16; ++y)
            for (int x = 0; x < 16; ++x)
                opaque += qAlpha(small.pixel(x, y)) > 200;
        QVERIFY2(opaque > 16 * 16 / 3, qPrintable(QString::number(opaque)));
    }
};

QTEST_MAIN(TestAboutDialog)
#include "tst_aboutdialog.moc"
