#include "app/SettingsDialog.h"

#include "app/VersionPicker.h"
#include "core/lesson/CountParser.h"
#include "ui_SettingsDialog.h"

#include <QPushButton>

namespace locklab {

SettingsDialog::SettingsDialog(const SavedSettings& current, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_initial(current)
    , m_result(current)
{
    m_ui->setupUi(this);
    m_versionPicker = new VersionPicker(this);
    m_ui->serverForm->insertRow(1, tr("Version"), m_versionPicker);
    fillForm(current);
    connect(m_ui->serverRadio, &QRadioButton::toggled, this, &SettingsDialog::updateEnabled);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this]() {
        SavedSettings defaults = m_initial;
        defaults.probes = ProbeSettings();
        fillForm(defaults);
    });
    updateEnabled();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::fillForm(const SavedSettings& settings)
{
    m_ui->rateEdit->setText(QString::number(settings.probes.rateHz));
    m_ui->timeoutEdit->setText(CountParser::format(settings.probes.timeoutMs));
    m_ui->connectionsSpin->setValue(settings.probes.connections);
    m_ui->embeddedRadio->setChecked(!settings.useServer);
    m_ui->serverRadio->setChecked(settings.useServer);
    m_ui->hostEdit->setText(settings.server.host);
    m_ui->portEdit->setText(settings.server.port > 0 ? QString::number(settings.server.port) : QString());
    m_ui->userEdit->setText(settings.server.user);
    m_ui->databaseEdit->setText(settings.server.database);
    m_versionPicker->setBinDir(settings.pgBinDir);
}

void SettingsDialog::updateEnabled()
{
    const bool server = m_ui->serverRadio->isChecked();
    for (QWidget* w : { static_cast<QWidget*>(m_ui->hostEdit), static_cast<QWidget*>(m_ui->portEdit),
                        static_cast<QWidget*>(m_ui->userEdit), static_cast<QWidget*>(m_ui->databaseEdit),
                        static_cast<QWidget*>(m_ui->passwordEdit) })
        w->setEnabled(server);
    m_versionPicker->setEnabled(!server);
}

QString SettingsDialog::password() const
{
    return m_ui->serverRadio->isChecked() ? m_ui->passwordEdit->text() : QString();
}

bool SettingsDialog::validate(QString* error)
{
    SavedSettings result = m_initial;
    bool ok = false;
    result.probes.rateHz = m_ui->rateEdit->text().trimmed().toDouble(&ok);
    if (!ok) {
        *error = tr("Probes per second: '%1' is not a number. Enter a number from %2 to %3.")
                     .arg(m_ui->rateEdit->text())
                     .arg(ProbeSettings::minRateHz)
                     .arg(ProbeSettings::maxRateHz);
        return false;
    }
    qint64 timeout = 0;
    if (!CountParser::parse(m_ui->timeoutEdit->text(), &timeout) || timeout > INT_MAX || timeout < INT_MIN) {
        *error = tr("Timeout: '%1' is not a whole number of milliseconds. Enter a number from %2 to %3.")
                     .arg(m_ui->timeoutEdit->text())
                     .arg(ProbeSettings::minTimeoutMs)
                     .arg(ProbeSettings::maxTimeoutMs);
        return false;
    }
    result.probes.timeoutMs = int(timeout);
    result.probes.connections = m_ui->connectionsSpin->value();
    if (!ProbeSettings::validate(result.probes, error))
        return false;

    result.useServer = m_ui->serverRadio->isChecked();
    result.server.host = m_ui->hostEdit->text().trimmed();
    result.server.user = m_ui->userEdit->text().trimmed();
    result.server.database = m_ui->databaseEdit->text().trimmed();
    result.server.port = 0;
    const QString port = m_ui->portEdit->text().trimmed();
    if (!port.isEmpty()) {
        result.server.port = port.toInt(&ok);
        if (!ok || result.server.port < 1 || result.server.port > 65535) {
            *error = tr("Port: '%1' is not a port number. Enter a number from 1 to 65535, or leave it empty for "
                        "5432.")
                         .arg(port);
            return false;
        }
    }
    if (result.useServer && result.server.host.isEmpty()) {
        *error = tr("Host: enter the server's host name or address (or choose the embedded PostgreSQL).");
        return false;
    }
    result.pgBinDir = m_versionPicker->binDir();
    m_serverChanged = result.useServer != m_initial.useServer || !(result.server == m_initial.server)
        || !password().isEmpty() || (!result.useServer && result.pgBinDir != m_initial.pgBinDir);
    m_result = result;
    return true;
}

void SettingsDialog::accept()
{
    QString error;
    if (!validate(&error)) {
        m_ui->errorLabel->setText(error);
        return;
    }
    m_ui->errorLabel->clear();
    QDialog::accept();
}

} // namespace locklab
