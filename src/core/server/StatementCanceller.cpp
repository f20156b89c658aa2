#include "core/server/StatementCanceller.h"

#include "core/observe/QueuedCall.h"

#include <QThreadPool>

#include <libpq-fe.h>

namespace locklab {

namespace {
// PQcancel has no timeout: a cancel to a server that accepts and never
// answers holds its thread until the connection breaks.
Q_GLOBAL_STATIC(QThreadPool, cancelPool)
} // namespace

void StatementCanceller::cancelInBackground(const std::shared_ptr<StatementCanceller>& canceller)
{
    if (!canceller || !canceller->m_inFlight.testAndSetOrdered(0, 1))
        return;
    cancelPool()->setMaxThreadCount(8);
    startInPool(cancelPool(), [canceller]() {
        canceller->cancel();
        canceller->m_inFlight.storeRelease(0);
    });
}

StatementCanceller::~StatementCanceller()
{
    if (m_cancel)
        PQfreeCancel(m_cancel);
}

void StatementCanceller::attach(const void* owner, pg_conn* connection)
{
    PGcancel* cancel = connection ? PQgetCancel(connection) : nullptr;
    QMutexLocker locker(&m_mutex);
    if (m_cancel)
        PQfreeCancel(m_cancel);
    m_cancel = cancel;
    m_owner = owner;
}

void StatementCanceller::detach(const void* owner)
{
    QMutexLocker locker(&m_mutex);
    if (owner != m_owner)
        return;
    if (m_cancel)
        PQfreeCancel(m_cancel);
    m_cancel = nullptr;
    m_owner = nullptr;
}

bool StatementCanceller::cancel(QString* error)
{
    QMutexLocker locker(&m_mutex);
    if (!m_cancel) {
        if (error)
            *error = "the connection is not open";
        return false;
    }
    char buffer[256] = {};
    if (!PQcancel(m_cancel, buffer, sizeof buffer)) {
        if (error)
            *error = QString::fromUtf8(buffer).trimmed();
        return false;
    }
    return true;
}

} // namespace locklab
