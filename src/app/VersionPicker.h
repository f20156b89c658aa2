#pragma once

#include "core/server/PostgresInstalls.h"

#include <QFutureWatcher>
#include <QWidget>

class QComboBox;
class QLabel;

namespace locklab {

// Chooses the PostgreSQL that runs the embedded server: "newest found" or
// any installation PostgresInstalls finds. The search runs `postgres
// --version` per candidate, so it happens on a pool thread; the list fills
// in when it is done.
class VersionPicker : public QWidget
{
    Q_OBJECT
public:
    explicit VersionPicker(QWidget* parent = nullptr);
    ~VersionPicker() override;

    // "" = the newest found.
    void setBinDir(const QString& binDir);
    QString binDir() const;

    // For tests: fill the list from these installs instead of searching.
    void setInstalls(const QList<PostgresInstall>& installs);
    bool isSearching() const { return m_watcher.isRunning(); }
    QComboBox* comboBox() const { return m_combo; }

signals:
    void installsFound();

private:
    void updateNote();

    QComboBox* m_combo = nullptr;
    QLabel* m_note = nullptr;
    QString m_wanted;
    QFutureWatcher<QList<PostgresInstall>> m_watcher;
};

} // namespace locklab
