#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace locklab {

// One table of the user's schema, and how its rows are generated.
struct TableSeed
{
    QString table; // lower case, as the schema names it
    QString keyColumn; // an integer key numbered 1..rows (for batches and probes); may be empty
    QStringList columns; // column names, in order
    qint64 rows = 0;
    QString insertSql; // INSERT ... SELECT ... FROM generate_series(1, rows) AS g
};

struct SeedPlan
{
    QStringList ddl; // the schema's statements, as written, in order
    QList<TableSeed> tables; // referenced tables first
    QStringList problems; // what makes the schema unusable (nothing may run)
    QStringList notes; // what the generated rows cannot respect, said plainly
};

// Generated rows for the "try your own" tables, planned from the CREATE
// TABLE statements (PostgreSQL's parser): a value per column type that
// respects NOT NULL and UNIQUE (numbered values), FOREIGN KEY to another
// generated table (a valid key of it) and simple CHECKs (ranges, BETWEEN,
// IN lists, lengths, <> '': CheckConstraintReader); what it cannot respect
// is said in notes (naming the check) or problems.
class SeedPlanner
{
public:
    static SeedPlan plan(const QString& schemaSql, const QMap<QString, qint64>& rows, qint64 defaultRows);
};

} // namespace locklab
