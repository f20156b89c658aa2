#pragma once

#include "core/server/SavedSettings.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace locklab {

// Probe settings and the server to use. Checks every value before it
// closes and says which one is wrong; never stores a password.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const SavedSettings& current, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    SavedSettings settings() const { return m_result; }
    QString password() const; // typed for this session only
    bool serverChanged() const { return m_serverChanged; }
    class VersionPicker* versionPicker() const { return m_versionPicker; }

    // Validates the form into settings(); the error names the field.
    bool validate(QString* error);

    void accept() override;

private:
    void fillForm(const SavedSettings& settings);
    void updateEnabled();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    class VersionPicker* m_versionPicker = nullptr;
    SavedSettings m_initial;
    SavedSettings m_result;
    bool m_serverChanged = false;
};

} // namespace locklab
