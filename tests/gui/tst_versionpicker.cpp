#include "app/SettingsDialog.h"
#include "app/VersionPicker.h"
#include "core/server/PostgresBinaries.h"

#include <QComboBox>
#include <QRadioButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;

// The version picker in Settings > Server lists every PostgreSQL found
// (filled off the GUI thread), keeps the choice, and is only for the embedded server.
class TestVersionPicker : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QTemporaryDir m_fake;

private slots:
    void initTestCase()
    {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
        QCoreApplication::setOrganizationName("LockLabTest");
        QCoreApplication::setApplicationName("tst_versionpicker");
        // One install that exists only through LOCKLAB_PG_BINDIRS, answering like PostgreSQL 13 would.
        const QString bin = m_fake.filePath("pg13/bin");
        QVERIFY(QDir().mkpath(bin));
        for (const QString& program : PostgresBinaries::requiredPrograms()) {
            QFile file(QDir(bin).filePath(program));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("#!/bin/sh\necho 'postgres (PostgreSQL) 13.99'\n");
            file.close();
            QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        }
        qputenv("LOCKLAB_PG_BINDIRS", bin.toUtf8());
    }

    void listsEveryInstallAndKeepsTheChoice()
    {
        SavedSettings saved;
        SettingsDialog dialog(saved);
        VersionPicker* picker = dialog.versionPicker();
        QComboBox* combo = picker->comboBox();
        QSignalSpy found(picker, &VersionPicker::installsFound);
        QVERIFY(found.wait(20000));
        // The default entry, the fake 13 and the system's PostgreSQL.
        QVERIFY2(combo->count() >= 3, qPrintable(QString::number(combo->count())));
        QCOMPARE(combo->itemData(0).toString(), QString());
        const int fake = combo->findData(m_fake.filePath("pg13/bin"));
        QVERIFY(fake > 0);
        QVERIFY(combo->itemText(fake).startsWith("PostgreSQL 13.99"));
        QVERIFY(combo->itemText(fake).contains("LOCKLAB_PG_BINDIRS"));
        const PostgresBinaries system = PostgresBinaries::discover();
        QVERIFY(combo->findData(system.binDir()) > 0);

        dialog.findChild<QTabWidget*>()->setCurrentIndex(1);
        dialog.resize(dialog.sizeHint().expandedTo(QSize(720, 0)));
        dialog.show();
        const QString shots = qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            dialog.grab().save(QDir(shots).filePath("settings-version-picker.png"));

        combo->setCurrentIndex(fake);
        QString error;
        QVERIFY2(dialog.validate(&error), qPrintable(error));
        QCOMPARE(dialog.settings().pgBinDir, m_fake.filePath("pg13/bin"));
        QVERIFY(dialog.serverChanged());

        // Saved and read back, the choice is selected again when the dialog opens.
        dialog.settings().save();
        SettingsDialog again(SavedSettings::load());
        QSignalSpy foundAgain(again.versionPicker(), &VersionPicker::installsFound);
        QVERIFY(foundAgain.wait(20000));
        QCOMPARE(again.versionPicker()->binDir(), m_fake.filePath("pg13/bin"));

        // Only the embedded server has a version to choose.
        again.findChild<QRadioButton*>("serverRadio")->setChecked(true);
        QVERIFY(!again.versionPicker()->isEnabled());
    }
};

QTEST_MAIN(TestVersionPicker)
#include "tst_versionpicker.moc"
