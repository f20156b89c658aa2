#include "app/SettingsDialog.h"
#include "core/server/SavedSettings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;

// The settings dialog refuses bad values with a message that names the field
// and what is allowed, keeps good ones, and never stores a password.
class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    static void set(SettingsDialog& dialog, const char* name, const QString& text)
    {
        auto* edit = dialog.findChild<QLineEdit*>(name);
        QVERIFY2(edit, name);
        edit->setText(text);
    }

    static void clickOk(SettingsDialog& dialog)
    {
        QTest::mouseClick(dialog.findChild<QDialogButtonBox*>("buttons")->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }

private slots:
    void initTestCase()
    {
        // Keep the user's real settings out of it.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_home.path());
        QCoreApplication::setOrganizationName("LockLabTest");
        QCoreApplication::setApplicationName("tst_settingsdialog");
    }

    void refusesBadValues_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("rate 0") << "rateEdit"
                                << "0"
                                << "between 1 and 100 probes per second";
        QTest::newRow("rate 10000") << "rateEdit"
                                    << "10000"
                                    << "between 1 and 100 probes per second";
        QTest::newRow("rate text") << "rateEdit"
                                   << "fast"
                                   << "Probes per second: 'fast' is not a number";
        QTest::newRow("timeout tiny") << "timeoutEdit"
                                      << "5"
                                      << "between 100 ms and 60000 ms";
        QTest::newRow("timeout text") << "timeoutEdit"
                                      << "soon"
                                      << "Timeout: 'soon'";
        QTest::newRow("port") << "portEdit"
                              << "70000"
                              << "Port: '70000' is not a port number";
    }

    void refusesBadValues()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        SettingsDialog dialog(SavedSettings {});
        dialog.show();
        dialog.findChild<QRadioButton*>("serverRadio")->setChecked(true);
        set(dialog, "hostEdit", "db.example.org");
        set(dialog, field.toLatin1().constData(), value);
        clickOk(dialog);
        QVERIFY(dialog.isVisible()); // not accepted
        const QString shown = dialog.findChild<QLabel*>("errorLabel")->text();
        QVERIFY2(shown.contains(message), qPrintable(shown));
    }

    void serverNeedsAHost()
    {
        SettingsDialog dialog(SavedSettings {});
        dialog.show();
        dialog.findChild<QRadioButton*>("serverRadio")->setChecked(true);
        clickOk(dialog);
        QVERIFY(dialog.isVisible());
        QVERIFY(dialog.findChild<QLabel*>("errorLabel")->text().contains("Host"));
    }

    void keepsGoodValuesAndNeverSavesThePassword()
    {
        SettingsDialog dialog(SavedSettings {});
        dialog.show();
        set(dialog, "rateEdit", "50");
        set(dialog, "timeoutEdit", "1,500");
        dialog.findChild<QRadioButton*>("serverRadio")->setChecked(true);
        set(dialog, "hostEdit", "db.example.org");
        set(dialog, "portEdit", "6543");
        set(dialog, "userEdit", "ann");
        set(dialog, "passwordEdit", "hunter2");
        if (!qEnvironmentVariableIsEmpty("LOCKLAB_SCREENSHOT_DIR")) {
            const QString dir = qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR");
            dialog.grab().save(QDir(dir).filePath("settings-probes.png"));
            auto* tabs = dialog.findChild<QTabWidget*>("tabs");
            tabs->setCurrentIndex(1);
            dialog.grab().save(QDir(dir).filePath("settings-server.png"));
        }
        clickOk(dialog);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const SavedSettings chosen = dialog.settings();
        QCOMPARE(chosen.probes.rateHz, 50.0);
        QCOMPARE(chosen.probes.timeoutMs, 1500);
        QVERIFY(chosen.useServer);
        QCOMPARE(chosen.server.port, 6543);
        QVERIFY(dialog.serverChanged());
        QCOMPARE(dialog.password(), QString("hunter2"));
        QVERIFY(chosen.server.password.isEmpty());
        chosen.save();

        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("db.example.org"));
        QVERIFY(!stored.contains("hunter2"));
        const SavedSettings loaded = SavedSettings::load();
        QCOMPARE(loaded.server.user, QString("ann"));
        QCOMPARE(loaded.probes.rateHz, 50.0);
        QVERIFY(!loaded.serverConnectionString().contains("password"));
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
