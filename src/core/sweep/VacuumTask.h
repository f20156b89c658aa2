#pragma once

#include "core/server/ConnectionSettings.h"

#include <QObject>
#include <QThread>

namespace locklab {

// VACUUM ANALYZE of the sandbox database on a thread of its own with its own
// connection, so every size of a sweep starts from the same conditions
// (visibility map set, fresh statistics) without blocking the caller's
// thread. One run per object; finished() comes back on the caller's thread.
class VacuumTask : public QObject
{
    Q_OBJECT
public:
    explicit VacuumTask(const ConnectionSettings& sandbox, QObject* parent = nullptr);
    ~VacuumTask() override;

    void start();

signals:
    void finished(bool ok, const QString& error);

private:
    ConnectionSettings m_sandbox;
    QThread m_thread;
};

} // namespace locklab
