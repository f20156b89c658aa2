#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <string>

namespace locklab {

// The rows of a seed table as the lesson declares them: one text template per
// column, "{n}" standing for the row number ("user_{n}" -> user_42). LockLab
// writes the rows itself and sends them with COPY, which keeps the server
// busy parsing while this side generates (two cores at work, not one), and
// COPY into a table created in the same transaction writes no WAL with
// wal_level = minimal on every supported PostgreSQL version.
class RowTemplate
{
public:
    // False with a message naming the bad template when one uses braces other than {n}, {{ or }}.
    static bool parse(const QStringList& values, RowTemplate* result, QString* error);

    bool isEmpty() const { return m_columns.isEmpty(); }
    int columnCount() const { return int(m_columns.size()); }

    // Appends row `n` in COPY's text format (tab-separated, newline-terminated).
    void appendRow(qint64 n, std::string* out) const;

    // How a column's value is built, in SQL terms for the SQL view: 'user_' || n.
    QString describeColumn(int column) const;

private:
    struct Piece
    {
        std::string text; // already escaped for COPY's text format
        QString literal; // as written, for describeColumn()
        bool number = false;
    };
    QList<QList<Piece>> m_columns;
};

} // namespace locklab
