#pragma once

#include "core/migration/SchemaSnapshot.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QListWidget;
class QPushButton;

namespace locklab {

// The migration ledger as `showmigrations` prints it, for the current
// lesson's plan, with a way to migrate forward or back to a chosen target.
class LedgerView : public QWidget
{
    Q_OBJECT
public:
    explicit LedgerView(QWidget* parent = nullptr);

    // The path of the step shown, and every migration of its lesson (to tell
    // another path of the lesson from another lesson).
    void setPlan(const QStringList& plan, const QStringList& lessonMigrations = {});
    void setSnapshot(const SchemaSnapshot& snapshot);
    void setBusy(bool busy);

    QStringList lines() const; // "[X] 0001_initial", as shown

signals:
    void migrateRequested(const QString& target);

private:
    void rebuild();

    QStringList m_plan;
    QStringList m_lessonMigrations;
    QStringList m_applied;
    QListWidget* m_list = nullptr;
    QComboBox* m_target = nullptr;
    QPushButton* m_migrate = nullptr;
};

} // namespace locklab
