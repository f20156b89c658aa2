#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace locklab {

// Help > About LockLab: the icon, LockLab's version, the Qt version it runs
// on, the PostgreSQL server it talks to, and the licence (MIT).
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    // serverVersion: as ServerSession::serverVersion() reports it ("15.8"); empty when not connected.
    explicit AboutDialog(const QString& serverVersion, QWidget* parent = nullptr);

    // For tests and screenshots: the version lines as shown, and the licence text.
    QString versionText() const;
    QString licenceText() const;
    // The icon as the dialog shows it (null if the resource is missing).
    QPixmap iconPixmap() const;

    // The licence, compiled in from installer/LICENSE.
    static QString licence();

private:
    QLabel* m_icon = nullptr;
    QLabel* m_versions = nullptr;
    QPlainTextEdit* m_licence = nullptr;
};

} // namespace locklab
