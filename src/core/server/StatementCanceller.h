#pragma once

#include <QMutex>
#include <QString>

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

private:
    QMutex m_mutex;
    pg_cancel* m_cancel = nullptr;
    const void* m_owner = nullptr;
};

} // namespace locklab
