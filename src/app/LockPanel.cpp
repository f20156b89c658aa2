#include "app/LockPanel.h"

#include "app/LockTableModel.h"
#include "core/observe/LockModes.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace locklab {

LockPanel::LockPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new LockTableModel(this))
{
    auto* layout = new QVBoxLayout(this);
    m_caption = new QLabel(this);
    m_caption->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    layout->addWidget(m_caption);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_table = new QTableView(splitter);
    m_table->setObjectName("lockTable");
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(LockTableModel::Query, QHeaderView::Stretch);
    // The reasons are sentences: a fixed width, the whole line in the tooltip.
    m_table->horizontalHeader()->setSectionResizeMode(LockTableModel::Why, QHeaderView::Interactive);
    m_table->setColumnWidth(LockTableModel::Why, 320);
    m_explanation = new QTextBrowser(splitter);
    m_explanation->setObjectName("lockExplanation");
    m_explanation->setOpenExternalLinks(true);
    m_explanation->setMinimumWidth(180);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (const LockRow* row = m_model->row(current.row()))
                    explainMode(row->mode);
            });
    clear();
    explainMode("AccessExclusiveLock");
}

void LockPanel::clear()
{
    m_model->setRows({});
    m_caption->setText(tr("Locks on this database, polled 10 times a second while a step runs."));
}

void LockPanel::setRows(const QList<LockRow>& rows, double atMs)
{
    // Keep the selected mode selected across refreshes.
    m_model->setRows(rows);
    int waiting = 0;
    for (const LockRow& row : rows)
        waiting += row.granted ? 0 : 1;
    m_caption->setText(
        tr("At %1 s: %2 locks, %3 waiting.").arg(atMs / 1000.0, 0, 'f', 1).arg(rows.size()).arg(waiting));
}

void LockPanel::explainMode(const QString& mode)
{
    if (mode == m_selectedMode)
        return;
    m_selectedMode = mode;
    const auto parsed = LockModes::fromName(mode);
    if (!parsed) {
        m_explanation->setPlainText(mode);
        return;
    }
    const QString conflicts = LockModes::conflictingModes(mode).join(", ");
    const QString docsVersion = LockModes::documentationVersion(m_serverVersion);
    m_explanation->setHtml(
        tr("<h3>%1</h3><p>%2</p><p><b>Conflicts with:</b> %3</p>"
           "<p><b>Taken by:</b> %4</p><p><a href='%5'>%6: explicit locking</a></p>")
            .arg(LockModes::displayName(*parsed), LockModes::explanation(*parsed).toHtmlEscaped(),
                 conflicts.isEmpty() ? tr("nothing") : conflicts.toHtmlEscaped(),
                 LockModes::commands(*parsed).join(", ").toHtmlEscaped(), LockModes::documentationUrl(m_serverVersion),
                 docsVersion == QLatin1String("current") ? tr("PostgreSQL") : tr("PostgreSQL %1").arg(docsVersion)));
}

QString LockPanel::explanationText() const
{
    return m_explanation->toPlainText();
}

} // namespace locklab
