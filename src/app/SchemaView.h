#pragma once

#include "core/migration/SchemaSnapshot.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace locklab {

// What `\d large_user` shows (columns, types, nullability, defaults,
// constraints) and the row counts of both tables, with what the last step
// changed highlighted.
class SchemaView : public QWidget
{
    Q_OBJECT
public:
    explicit SchemaView(QWidget* parent = nullptr);

    void setTableName(const QString& name) { m_tableName = name; }
    void setSnapshot(const SchemaSnapshot& snapshot);

    // For tests and screenshots: the rows as "name | type | null | default", changed ones prefixed with '*'.
    QStringList structureLines() const;
    QString rowCountsText() const;

private:
    QString m_tableName = "large_user";
    QLabel* m_heading = nullptr;
    QTableWidget* m_columns = nullptr;
    QLabel* m_constraints = nullptr;
    QLabel* m_rowCounts = nullptr;
    SchemaSnapshot m_previous;
    bool m_hasPrevious = false;
};

} // namespace locklab
