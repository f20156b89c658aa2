#pragma once

#include "core/analysis/PgParser.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace locklab {

// A constant of a CHECK, as its SQL text and, when it is one, its number.
struct CheckLiteral
{
    QString sql; // 42, 2.5, 'active' (quoted as SQL)
    std::optional<double> number;
};

// What the simple CHECK constraints of a table allow in one of its columns:
// a range, a list of values, a length. Several checks on one column narrow it.
struct ColumnCheck
{
    std::optional<CheckLiteral> low, high;
    bool lowInclusive = true;
    bool highInclusive = true;
    QList<CheckLiteral> allowed; // IN (...), = ANY (ARRAY[...]), = constant; empty: any
    bool allowedSet = false; // an IN list was read (an empty intersection allows nothing)
    int minLength = 0; // length(col) >= n, col <> ''
    int maxLength = -1; // length(col) <= n; -1: no limit
    bool notNull = false; // col IS NOT NULL
    bool hasRange() const { return low || high; }
    QStringList checks; // the checks' text, for notes: "CHECK (balance >= 0)"
};

// Reads the CHECK constraints of a CREATE TABLE from PostgreSQL's parse tree
// into per-column conditions the row generator can respect: comparisons of a
// column with a constant (<, <=, >, >=, =), BETWEEN, IN / = ANY (ARRAY[...]),
// length(col) / char_length(col) against a number, col <> '', col IS NOT
// NULL, AND of those, and "col IS NULL OR <one of those>". Casts around a
// column or a constant (pg_dump writes them) are looked through. A check
// with anything else is not read at all, and a note names it.
class CheckConstraintReader
{
public:
    // `statement`: the CREATE TABLE's text (UTF-8), where the tree's locations point.
    explicit CheckConstraintReader(const QByteArray& statement);

    // Reads one Constraint node (its fields) of type CONSTR_CHECK. True when
    // every condition of it was understood and added to columns().
    bool add(const QJsonObject& constraint);
    // The constraint's text, e.g. "CONSTRAINT positive CHECK (balance > 0)".
    QString text(const QJsonObject& constraint) const;

    const QMap<QString, ColumnCheck>& columns() const { return m_columns; }

private:
    bool read(const QJsonObject& expr, QMap<QString, ColumnCheck>* columns) const;
    bool comparison(const QJsonObject& fields, QMap<QString, ColumnCheck>* columns) const;
    std::optional<CheckLiteral> literal(const QJsonObject& node) const;
    QString tokenAt(int location, int* next = nullptr) const;

    QByteArray m_statement;
    QList<ScanToken> m_tokens;
    QMap<QString, ColumnCheck> m_columns;
};

} // namespace locklab
