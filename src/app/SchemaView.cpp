#include "app/SchemaView.h"

#include "core/lesson/CountParser.h"
#include "core/migration/TableHealth.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QTextDocument>
#include <QVBoxLayout>

namespace locklab {

namespace {
const QColor kChanged(0xff, 0xf1, 0x9c);

// The counts are the planner's estimate (pg_class.reltuples): a count(*)
// over 50M rows after every step would take seconds.
QString rowsText(const TableInfo& table)
{
    if (table.rowCount < 0)
        return QStringLiteral("rows not estimated yet (no ANALYZE or VACUUM so far)");
    const QString rows = QStringLiteral("%1 rows").arg(CountParser::format(table.rowCount));
    return table.rowCountEstimated ? rows + QStringLiteral(" (estimate)") : rows;
}
} // namespace

SchemaView::SchemaView(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_heading = new QLabel(this);
    layout->addWidget(m_heading);
    m_columns = new QTableWidget(0, 4, this);
    m_columns->setObjectName("structureTable");
    m_columns->setHorizontalHeaderLabels({ tr("Column"), tr("Type"), tr("Null"), tr("Default") });
    m_columns->verticalHeader()->hide();
    m_columns->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_columns->horizontalHeader()->setStretchLastSection(true);
    m_columns->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_columns->setSelectionMode(QAbstractItemView::NoSelection);
    m_columns->setMinimumWidth(220);
    m_columns->setMaximumHeight(150);
    layout->addWidget(m_columns);
    m_constraints = new QLabel(this);
    m_constraints->setWordWrap(true);
    m_constraints->setTextFormat(Qt::RichText);
    layout->addWidget(m_constraints);
    m_rowCounts = new QLabel(this);
    m_rowCounts->setObjectName("rowCountsLabel");
    m_rowCounts->setWordWrap(true);
    m_rowCounts->setToolTip(tr("Row counts marked (estimate) are PostgreSQL's own estimate (pg_class.reltuples), "
                               "as of the last ANALYZE or VACUUM of the table."));
    layout->addWidget(m_rowCounts);
    layout->addStretch(1);
    setSnapshot({});
}

void SchemaView::setTableName(const QString& name)
{
    if (name == m_tableName)
        return;
    m_tableName = name;
    m_hasPrevious = false;
    setSnapshot(m_previous);
}

void SchemaView::setSnapshot(const SchemaSnapshot& snapshot)
{
    m_heading->setText(tr("<b>%1</b> <span style='color:gray'>(\\d %1)</span>").arg(m_tableName));
    const TableInfo* table = snapshot.table(m_tableName);
    const TableInfo* before = m_hasPrevious ? m_previous.table(m_tableName) : nullptr;
    m_columns->setRowCount(0);

    if (!snapshot.error.isEmpty()) {
        m_constraints->setText(
            tr("<span style='color:#b02020'>Could not read the table: %1</span>").arg(snapshot.error.toHtmlEscaped()));
    } else if (!table || !table->exists) {
        m_constraints->setText(tr("<i>The table does not exist yet. Seed it in lesson 1.</i>"));
    } else {
        for (const ColumnInfo& column : table->columns) {
            const int row = m_columns->rowCount();
            m_columns->insertRow(row);
            const QStringList cells = { column.name, column.type, column.nullable ? tr("yes") : tr("NOT NULL"),
                                        column.defaultValue };
            const ColumnInfo* old = before ? before->column(column.name) : nullptr;
            const bool changed = before && before->exists && (!old || !(*old == column));
            for (int c = 0; c < cells.size(); ++c) {
                auto* item = new QTableWidgetItem(cells.at(c));
                if (changed) {
                    item->setBackground(kChanged);
                    item->setToolTip(old ? tr("Changed by the last step") : tr("Added by the last step"));
                }
                m_columns->setItem(row, c, item);
            }
        }
        QStringList sections;
        for (const TableInfo& each : snapshot.tables) {
            if (!each.exists)
                continue;
            const TableInfo* eachBefore = m_hasPrevious ? m_previous.table(each.name) : nullptr;
            const QString lines = objectLines(each, eachBefore);
            if (!lines.isEmpty())
                sections << tr("<b>%1</b><br>%2").arg(each.name.toHtmlEscaped(), lines);
        }
        m_constraints->setText(sections.join("<br>"));
    }

    QStringList counts;
    const QLocale english(QLocale::English);
    for (const TableInfo& t : snapshot.tables) {
        if (!t.exists) {
            counts << QString("%1: no table").arg(t.name);
            continue;
        }
        // Dead rows, size and dropped columns: why a later run can be slower than the first.
        QStringList parts { rowsText(t) };
        if (t.deadRows >= 0)
            parts << QString("%1 dead").arg(english.toString(t.deadRows));
        if (t.sizeBytes >= 0) {
            QString size = TableHealth::formatBytes(t.sizeBytes);
            if (t.seededBytes > 0)
                size += QString(" (seeded %1)").arg(TableHealth::formatBytes(t.seededBytes));
            const bool grown = t.seededBytes > 0 && t.sizeBytes > TableHealth::kGrowthFactor * double(t.seededBytes);
            parts << (grown ? QString("<span style='color:#b02020'>%1</span>").arg(size) : size);
        }
        if (t.droppedColumns > 0)
            parts << (t.droppedColumns == 1 ? QString("1 dropped column")
                                            : QString("%1 dropped columns").arg(t.droppedColumns));
        counts << QString("%1: %2").arg(t.name, parts.join(", "));
    }
    m_rowCounts->setText(counts.join("<br>"));
    m_columns->resizeRowsToContents();
    m_previous = snapshot;
    m_hasPrevious = snapshot.error.isEmpty() && !snapshot.tables.isEmpty();
}

QString SchemaView::objectLines(const TableInfo& table, const TableInfo* before) const
{
    const bool compare = before && before->exists;
    auto marked = [&](QString line, bool isNew) {
        return isNew ? QString("<span style='background:%1'>%2</span>").arg(kChanged.name(), line) : line;
    };
    QStringList lines;
    for (const IndexInfo& index : table.indexes) {
        QString line = tr("index %1").arg(index.name.toHtmlEscaped());
        if (index.definition.startsWith("CREATE UNIQUE"))
            line += tr(" (unique)");
        if (!index.valid)
            line += tr(" <b style='color:#b02020'>INVALID</b>: not used by queries, may still cost writes; "
                       "drop it (CONCURRENTLY) or REINDEX it");
        lines << marked(line, compare && !before->indexes.contains(index));
    }
    for (const ConstraintInfo& constraint : table.constraints) {
        QString line = QString("%1: %2").arg(constraint.name, constraint.definition).toHtmlEscaped();
        if (!constraint.validated)
            line = line.replace("NOT VALID", "<b style='color:#b06000'>NOT VALID</b>")
                + tr(" (new rows checked, old rows not yet)");
        lines << marked(line, compare && !before->constraints.contains(constraint));
    }
    if (compare) {
        for (const IndexInfo& old : before->indexes) {
            if (!std::any_of(table.indexes.cbegin(), table.indexes.cend(),
                             [&](const IndexInfo& i) { return i.name == old.name; }))
                lines << tr("<s style='color:gray'>index %1</s> (dropped)").arg(old.name.toHtmlEscaped());
        }
        for (const ConstraintInfo& old : before->constraints) {
            if (!std::any_of(table.constraints.cbegin(), table.constraints.cend(),
                             [&](const ConstraintInfo& c) { return c.name == old.name; }))
                lines << tr("<s style='color:gray'>%1</s> (dropped)").arg(old.name.toHtmlEscaped());
        }
    }
    return lines.join("<br>");
}

QString SchemaView::objectsText() const
{
    QTextDocument document;
    document.setHtml(m_constraints->text());
    return document.toPlainText();
}

QStringList SchemaView::structureLines() const
{
    QStringList lines;
    for (int row = 0; row < m_columns->rowCount(); ++row) {
        QStringList cells;
        for (int c = 0; c < m_columns->columnCount(); ++c)
            cells << (m_columns->item(row, c) ? m_columns->item(row, c)->text() : QString());
        const bool changed = m_columns->item(row, 0) && m_columns->item(row, 0)->background().color() == kChanged;
        lines << (changed ? "*" : "") + cells.join(" | ");
    }
    return lines;
}

QString SchemaView::rowCountsText() const
{
    return m_rowCounts->text();
}

} // namespace locklab
