#pragma once

#include <QAtomicInteger>
#include <QMutex>
#include <QString>

#include <memory>

struct pg_cancel;
struct pg_conn;

namespace locklab {

// Cancels the statement in flight on a connection, from any thread. Held by
// std::shared_ptr by the connection's owner and by whoever may cancel, so a
// cancel that arrives after the owner (or the connection) is gone finds an
// empty handle instead of freed memory. cancel() is a network round trip:
// never call it on the GUI thread (cancelInBackground() is for that).
class StatementCanceller
{
public:
    StatementCanceller() = default;
    ~StatementCanceller();
    StatementCanceller(const StatementCanceller&) = delete;
    StatementCanceller& operator=(const StatementCanceller&) = delete;

    // Called by the connection's thread when `owner` opens and closes its
    // connection. A reconnect opens the new connection before the old one
    // closes: detaching the old owner leaves the new one's handle alone.
    void attach(const void* owner, pg_conn* connection);
    void detach(const void* owner);

    // Asks the server to cancel what the attached connection runs now.
    bool cancel(QString* error = nullptr);
    // The same from a thread of a pool kept for cancels, and returns at once.
    // At most one is in flight per canceller: a re-ask while the last cancel
    // still waits for its answer (a server that does not answer) is dropped,
    // so re-asking every 50 ms cannot pile up threads; and Qt's global pool,
    // which starts and stops the server, is never used up by cancels.
    static void cancelInBackground(const std::shared_ptr<StatementCanceller>& canceller);

private:
    QMutex m_mutex;
    pg_cancel* m_cancel = nullptr;
    const void* m_owner = nullptr;
    QAtomicInteger<int> m_inFlight = 0;
};

} // namespace locklab
