#pragma once

#include "core/observe/LockRow.h"

#include <QWidget>

class QTableView;
class QTextBrowser;
class QLabel;

namespace locklab {

class LockTableModel;

// The lock table, live while a step runs, with an explanation of the
// selected lock mode: what takes it and what it blocks.
class LockPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LockPanel(QWidget* parent = nullptr);

    void setRows(const QList<LockRow>& rows, double atMs);
    void clear();
    LockTableModel* model() const { return m_model; }
    void explainMode(const QString& mode);
    QString explanationText() const;
    // The documentation link follows the connected server's major version.
    void setServerVersion(const QString& version) { m_serverVersion = version; }

private:
    LockTableModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QTextBrowser* m_explanation = nullptr;
    QLabel* m_caption = nullptr;
    QString m_selectedMode;
    QString m_serverVersion;
};

} // namespace locklab
