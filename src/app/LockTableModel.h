#pragma once

#include "core/observe/LockRow.h"

#include <QAbstractTableModel>

namespace locklab {

// The lock monitor's latest snapshot as a table: who holds or waits for
// which lock. ACCESS EXCLUSIVE rows stand out; waiting rows say what they
// wait for.
class LockTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Pid, Who, Relation, Mode, State, WaitingSince, BlockedBy, Why, Query, ColumnCount };

    explicit LockTableModel(QObject* parent = nullptr);

    void setRows(const QList<LockRow>& rows);
    const LockRow* row(int index) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<LockRow> m_rows;
};

} // namespace locklab
