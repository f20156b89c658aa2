#pragma once

#include "core/run/RunRecord.h"

#include <QTableWidget>

namespace locklab {

// Per-statement timings of a step: the statement, how long it took, the rows
// it touched, and its result (errors in red with the server's message).
class StatementTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit StatementTable(QWidget* parent = nullptr);

    void append(const StatementTiming& timing);
    void showAll(const QList<StatementTiming>& statements);
};

} // namespace locklab
