#pragma once

#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace locklab {

// A bulk load into a fresh table is fastest without its indexes: building an
// index once over sorted rows costs a fraction of maintaining it row by row.
// This reads, from the catalog, what the lesson's migrations created on a
// table (primary key, unique and exclusion constraints, plain indexes, and
// foreign keys on or pointing at it) and gives the statements that drop it
// before the load and re-create it, under the same names, afterwards. The
// restore also moves the table's sequences (serial and identity columns) to
// the largest value loaded, as if the rows had drawn their ids from them.
// No table is named here: the seed step passes the lesson's tables.
class DeferredIndexes
{
public:
    QStringList drop; // run in this order before the load
    QStringList restore; // run in this order after it

    // `table` is resolved through the connection's search_path.
    static bool read(const QSqlDatabase& db, const QString& table, DeferredIndexes* result, QString* error);
};

} // namespace locklab
