#pragma once

#include <QString>
#include <optional>

class QSqlDatabase;

namespace locklab {

// How big each lesson table was right after it was seeded
// (locklab.seeded_sizes in the sandbox), so LockLab can tell when later runs
// have bloated it: an UPDATE of every row leaves a dead version of every row
// behind, and plain VACUUM makes that space reusable without giving it back.
class SeededSizes
{
public:
    static bool ensureTable(QSqlDatabase& db, QString* error);
    // The statement a seed runs after filling `table`: records its size now.
    static QString recordSql(const QString& table);
    // The size recorded for `table`, if any (no table yet: none).
    static std::optional<qint64> read(const QSqlDatabase& db, const QString& table);
};

} // namespace locklab
