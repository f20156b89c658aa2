#include "app/AboutDialog.h"

#include "core/server/ConnectionBudget.h"
#include "core/server/SavedSettings.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace locklab {

AboutDialog::AboutDialog(const QString& serverVersion, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About LockLab"));
    setObjectName("aboutDialog");

    m_icon = new QLabel(this);
    m_icon->setObjectName("aboutIcon");
    m_icon->setPixmap(QIcon(":/icons/locklab.svg").pixmap(96, 96));
    m_icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);

    auto* title = new QLabel(
        QString("<h2>LockLab</h2><p>%1</p>").arg(tr("Learn zero-downtime PostgreSQL migrations by doing them.")), this);
    title->setWordWrap(true);

    const QString server = serverVersion.isEmpty() ? tr("not connected") : serverVersion;
    m_versions = new QLabel(this);
    m_versions->setObjectName("aboutVersions");
    m_versions->setTextFormat(Qt::PlainText);
    m_versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_versions->setText(tr("LockLab %1\nQt %2 (built with %3)\nPostgreSQL server %4\nLicence: MIT")
                            .arg(LOCKLAB_VERSION, qVersion(), QT_VERSION_STR, server));

    auto* text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(m_versions);
    auto* connections = new QLabel(ConnectionBudget::describe(SavedSettings::load().probes), this);
    connections->setObjectName("aboutConnections");
    connections->setWordWrap(true);
    text->addWidget(connections);
    text->addStretch();
    auto* top = new QHBoxLayout;
    top->addWidget(m_icon);
    top->addLayout(text, 1);

    m_licence = new QPlainTextEdit(licence(), this);
    m_licence->setObjectName("aboutLicence");
    m_licence->setReadOnly(true);
    m_licence->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_licence->setMinimumWidth(m_licence->fontMetrics().horizontalAdvance(QString(82, 'x')));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_licence, 1);
    layout->addWidget(buttons);
    setWindowIcon(QIcon(":/icons/locklab.svg"));
}

QString AboutDialog::versionText() const
{
    return m_versions->text();
}

QString AboutDialog::licenceText() const
{
    return m_licence->toPlainText();
}

QPixmap AboutDialog::iconPixmap() const
{
    return m_icon->pixmap();
}

QString AboutDialog::licence()
{
    QFile file(":/licence/LICENSE");
    if (!file.open(QIODevice::ReadOnly))
        return tr("MIT License (the licence text is missing from this build).");
    return QString::fromUtf8(file.readAll());
}

} // namespace locklab
