#pragma once

#include "core/server/StatementCanceller.h"

#include <QAtomicInteger>

#include <memory>

class QDeadlineTimer;
class QThread;

namespace locklab {

// How the owner of an observer worker (a probe, the lock monitor) tells it to
// stop. Shared by the owner and the worker, so the owner can stop it again
// after its wait timed out, even while the worker is being deleted. The
// server-side cancel of the statement in flight runs on a pool thread: it is
// a network round trip and the owner is the GUI thread.
class StopHandle
{
public:
    static std::shared_ptr<StopHandle> create() { return std::make_shared<StopHandle>(); }

    void requestStop();
    bool isStopping() const { return m_stopping.loadRelaxed() != 0; }
    // For the worker's connections, so requestStop() reaches the one open now.
    std::shared_ptr<StatementCanceller> canceller() const { return m_canceller; }

    // Waits for `thread` (already told to quit) to finish, asking it to stop
    // again every 50 ms: a cancel sent just before the worker sent its
    // statement is lost. Deletes the thread, or, past `deadline` (stuck in a
    // connection attempt nobody can cancel), warns and leaves it to delete
    // itself when it finishes. `name` says which thread in that warning.
    void joinThread(QThread* thread, const QDeadlineTimer& deadline, const QString& name);

private:
    QAtomicInteger<int> m_stopping = 0;
    const std::shared_ptr<StatementCanceller> m_canceller = std::make_shared<StatementCanceller>();
};

} // namespace locklab
