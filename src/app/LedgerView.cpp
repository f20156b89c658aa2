#include "app/LedgerView.h"

#include "core/migration/MigrationLedger.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace locklab {

LedgerView::LedgerView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Migrations</b> <span style='color:gray'>(showmigrations)</span>"), this));
    m_list = new QListWidget(this);
    m_list->setObjectName("ledgerList");
    m_list->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    // Below the schema view it takes the rest of the column, so no gap opens between the two.
    m_list->setMinimumHeight(90);
    layout->addWidget(m_list);
    auto* row = new QHBoxLayout;
    m_target = new QComboBox(this);
    m_target->setObjectName("migrateTarget");
    m_migrate = new QPushButton(tr("Migrate to"), this);
    m_migrate->setObjectName("migrateButton");
    m_migrate->setToolTip(tr("Apply or roll back migrations until the ledger is at the chosen one"));
    row->addWidget(m_migrate);
    row->addWidget(m_target, 1);
    layout->addLayout(row);
    connect(m_migrate, &QPushButton::clicked, this, [this]() {
        if (!m_target->currentText().isEmpty())
            emit migrateRequested(m_target->currentText());
    });
}

void LedgerView::setPlan(const QStringList& plan, const QStringList& lessonMigrations)
{
    m_plan = plan;
    m_lessonMigrations = lessonMigrations;
    m_target->clear();
    m_target->addItems(plan);
    rebuild();
}

void LedgerView::setSnapshot(const SchemaSnapshot& snapshot)
{
    m_applied.clear();
    for (const AppliedMigration& m : snapshot.applied)
        m_applied << m.name;
    rebuild();
}

void LedgerView::setBusy(bool busy)
{
    m_migrate->setEnabled(!busy && !m_plan.isEmpty());
}

void LedgerView::rebuild()
{
    // Offer the migration the ledger is at, so "Migrate to" starts from here.
    for (auto it = m_applied.crbegin(); it != m_applied.crend(); ++it) {
        if (m_plan.contains(*it)) {
            m_target->setCurrentText(*it);
            break;
        }
    }
    m_list->clear();
    const QStringList lines = MigrationLedger::describe(m_plan, m_applied, m_lessonMigrations);
    for (const QString& line : lines) {
        auto* item = new QListWidgetItem(line, m_list);
        item->setToolTip(line); // long names are cut at the column's edge
        if (line.startsWith("[X]"))
            item->setForeground(QColor(0x2e, 0x7d, 0x32));
    }
    m_migrate->setEnabled(!m_plan.isEmpty());
}

QStringList LedgerView::lines() const
{
    QStringList result;
    for (int i = 0; i < m_list->count(); ++i)
        result << m_list->item(i)->text();
    return result;
}

} // namespace locklab
