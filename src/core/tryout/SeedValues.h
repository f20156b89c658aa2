#pragma once

#include <QList>
#include <QString>

namespace locklab {

struct ColumnCheck;

// A column of a table "try your own" fills, as its CREATE TABLE gives it.
struct SeedColumn
{
    QString name;
    QString type; // base type name: "int4", "varchar", "numeric"
    QList<int> mods; // varchar(20) -> {20}, numeric(12,2) -> {12, 2}
    bool notNull = false;
    bool unique = false;
    bool generatedByDefault = false; // DEFAULT, serial, identity, generated: left to the server
    QString refTable;
};

// The SQL of a generated value per column type, for row g of 1..rows:
// numbered (g) where the column is unique, a few repeating values where not,
// kept inside what the table's simple CHECKs allow.
class SeedValues
{
public:
    // Empty, with `problem` said, when no value can be generated. `check`
    // (may be null): the conditions of the table's CHECKs on this column;
    // when the value cannot keep to them, `unrespected` says why.
    static QString valueFor(const SeedColumn& c, qint64 rows, const ColumnCheck* check, QString* problem,
                            QString* unrespected);
};

} // namespace locklab
