#include "app/VersionPicker.h"

#include "core/server/EmbeddedServer.h"

#include <QComboBox>
#include <QLabel>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace locklab {

VersionPicker::VersionPicker(QWidget* parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_note(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);
    layout->addWidget(m_note);
    m_note->setWordWrap(true);
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(30);
    m_combo->addItem(tr("Looking for PostgreSQL installations ..."), QString());
    m_combo->setEnabled(false);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &VersionPicker::updateNote);
    connect(&m_watcher, &QFutureWatcher<QList<PostgresInstall>>::finished, this,
            [this]() { setInstalls(m_watcher.result()); });
    m_watcher.setFuture(QtConcurrent::run([]() { return PostgresInstalls::findAll(); }));
}

// The search captures nothing of ours: it may finish after the picker is gone.
VersionPicker::~VersionPicker() = default;

void VersionPicker::setBinDir(const QString& binDir)
{
    m_wanted = binDir;
    const int index = m_combo->findData(binDir);
    if (index >= 0)
        m_combo->setCurrentIndex(index);
}

QString VersionPicker::binDir() const
{
    return m_combo->isEnabled() ? m_combo->currentData().toString() : m_wanted;
}

void VersionPicker::setInstalls(const QList<PostgresInstall>& installs)
{
    m_combo->blockSignals(true);
    m_combo->clear();
    m_combo->addItem(tr("The newest PostgreSQL found (default)"), QString());
    bool wantedFound = m_wanted.isEmpty();
    for (const PostgresInstall& install : installs) {
        m_combo->addItem(install.label(), install.binDir);
        m_combo->setItemData(m_combo->count() - 1,
                             install.runs() ? tr("Cluster: %1").arg(EmbeddedServer::clusterDirFor(install.major))
                                            : tr("postgres --version failed here: it cannot run on this machine."),
                             Qt::ToolTipRole);
        if (!install.runs()) {
            if (auto* model = qobject_cast<QStandardItemModel*>(m_combo->model()))
                model->item(m_combo->count() - 1)->setEnabled(false);
        }
        wantedFound = wantedFound || install.binDir == m_wanted;
    }
    if (!wantedFound) // a saved choice that is gone stays visible, so the user sees why it changed
        m_combo->addItem(tr("%1 (not found any more)").arg(m_wanted), m_wanted);
    m_combo->setEnabled(true);
    m_combo->setCurrentIndex(qMax(0, m_combo->findData(m_wanted)));
    m_combo->blockSignals(false);
    updateNote();
    emit installsFound();
}

void VersionPicker::updateNote()
{
    if (!m_combo->isEnabled()) {
        m_note->clear();
        return;
    }
    const int installs = m_combo->count() - 1;
    m_note->setText(tr("%1 found in PATH, pg_config, /usr/lib/postgresql/*/bin, /usr/local/pgsql/bin, "
                       "$LOCKLAB_PG_BINDIRS and installer/fetch-postgres.sh's cache. Each major version keeps "
                       "its own cluster.")
                        .arg(installs == 1 ? tr("1 installation") : tr("%1 installations").arg(installs)));
}

} // namespace locklab
