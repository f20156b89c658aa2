#include "app/StatementTable.h"

#include "app/StepProgress.h"
#include "core/lesson/CountParser.h"

#include <QHeaderView>

namespace locklab {

StatementTable::StatementTable(QWidget* parent)
    : QTableWidget(parent)
{
    setColumnCount(4);
    setHorizontalHeaderLabels({ tr("Statement"), tr("Duration"), tr("Rows"), tr("Result") });
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
}

void StatementTable::append(const StatementTiming& timing)
{
    const int row = rowCount();
    insertRow(row);
    auto* sql = new QTableWidgetItem(StepProgress::firstLine(timing.sql));
    sql->setToolTip(timing.sql);
    setItem(row, 0, sql);
    setItem(row, 1, new QTableWidgetItem(StepProgress::duration(timing.durationMs())));
    setItem(row, 2,
            new QTableWidgetItem(timing.rowsAffected >= 0 ? CountParser::format(timing.rowsAffected) : QString()));
    QString outcome = timing.error.isEmpty() ? tr("ok") : timing.error;
    // Each try of a transaction retried after a lock timeout is its own rows.
    if (timing.attempt > 0)
        outcome = tr("try %1: %2").arg(timing.attempt).arg(outcome);
    auto* result = new QTableWidgetItem(outcome);
    if (!timing.error.isEmpty())
        result->setForeground(QColor(0xb0, 0x20, 0x20));
    setItem(row, 3, result);
    scrollToBottom();
}

void StatementTable::showAll(const QList<StatementTiming>& statements)
{
    setRowCount(0);
    for (const StatementTiming& timing : statements)
        append(timing);
}

} // namespace locklab
