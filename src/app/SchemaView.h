#pragma once

#include "core/migration/SchemaSnapshot.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace locklab {

// What `\d <table>` shows for the lesson's main table (columns, types,
// nullability, defaults), the indexes and constraints of every lesson table
// (INVALID indexes and NOT VALID constraints marked, since a failed
// concurrent build or a NOT VALID step leaves them so) and the row counts,
// with what the last step changed highlighted.
class SchemaView : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaView(QWidget* parent = nullptr);

    // Shows `name` from now on (the last snapshot again, nothing marked as changed).
    void setTableName(const QString& name);
    void setSnapshot(const SchemaSnapshot& snapshot);

    // For tests and screenshots: the rows as "name | type | null | default", changed ones prefixed with '*'.
    QStringList structureLines() const;
    QString rowCountsText() const;
    // For tests: the indexes and constraints section as plain text.
    QString objectsText() const;

private:
    QString objectLines(const TableInfo& table, const TableInfo* before) const;

    QString m_tableName; // the lesson's main table
    QLabel* m_heading = nullptr;
    QTableWidget* m_columns = nullptr;
    QLabel* m_constraints = nullptr;
    QLabel* m_rowCounts = nullptr;
    SchemaSnapshot m_previous;
    bool m_hasPrevious = false;
};

} // namespace locklab
