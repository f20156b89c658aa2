#include "app/LockTableModel.h"

#include "core/observe/LockGroups.h"
#include "core/observe/LockModes.h"

#include <QBrush>
#include <QFont>

namespace locklab {

namespace {
bool isAccessExclusive(const LockRow& row)
{
    return row.mode == QLatin1String("AccessExclusiveLock");
}

QString displayMode(const QString& mode)
{
    const auto parsed = LockModes::fromName(mode);
    return parsed ? LockModes::displayName(*parsed) : mode;
}
} // namespace

LockTableModel::LockTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LockTableModel::setRows(const QList<LockRow>& rows)
{
    beginResetModel();
    m_rows = LockGroups::grouped(rows); // a table and its indexes: one row
    // Holders first, then the queue behind them; the migration on top.
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const LockRow& a, const LockRow& b) {
        if (a.granted != b.granted)
            return a.granted;
        return (a.who == QLatin1String("migration")) > (b.who == QLatin1String("migration"));
    });
    endResetModel();
}

const LockRow* LockTableModel::row(int index) const
{
    return index >= 0 && index < m_rows.size() ? &m_rows.at(index) : nullptr;
}

int LockTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LockTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LockTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Pid:
        return tr("pid");
    case Who:
        return tr("Who");
    case Relation:
        return tr("Relation");
    case Mode:
        return tr("Lock mode");
    case State:
        return tr("Granted");
    case WaitingSince:
        return tr("Waiting");
    case BlockedBy:
        return tr("Blocked by");
    case Why:
        return tr("Why it is there");
    case Query:
        return tr("Query");
    }
    return {};
}

QVariant LockTableModel::data(const QModelIndex& index, int role) const
{
    const LockRow* lock = row(index.row());
    if (!lock)
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Pid:
            return lock->pid;
        case Who:
            return lock->who;
        case Relation:
            return lock->relation;
        case Mode:
            return displayMode(lock->mode);
        case State:
            return lock->granted ? tr("granted") : tr("waiting");
        case WaitingSince:
            return lock->granted ? QString() : QString::number(lock->waitingMs / 1000.0, 'f', 1) + " s";
        case BlockedBy: {
            QStringList pids;
            for (int pid : lock->blockedBy)
                pids << QString::number(pid);
            return pids.join(", ");
        }
        case Why:
            return LockGroups::why(*lock);
        case Query:
            return role == Qt::ToolTipRole ? lock->query : lock->query.simplified();
        }
    }
    if (role == Qt::BackgroundRole && isAccessExclusive(*lock) && lock->granted)
        return QBrush(QColor(0xff, 0xcd, 0xd2));
    if (role == Qt::ForegroundRole && !lock->granted)
        return QBrush(QColor(0xb2, 0x4a, 0x00));
    if (role == Qt::FontRole && isAccessExclusive(*lock)) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

} // namespace locklab
