#include "core/observe/ThreadReaper.h"

#include <QCoreApplication>
#include <QThread>

namespace locklab {

namespace {
ThreadReaper* g_reaper = nullptr;

void reapAtExit()
{
    // The budget covers a probe stuck in a connection attempt nobody can cancel.
    if (g_reaper && !g_reaper->waitForAll(5000))
        qWarning("LockLab: %d observer thread(s) still running at exit", g_reaper->pending());
    delete g_reaper;
    g_reaper = nullptr;
}
} // namespace

ThreadReaper* ThreadReaper::instance()
{
    if (!g_reaper) {
        g_reaper = new ThreadReaper;
        qAddPostRoutine(reapAtExit);
    }
    return g_reaper;
}

ThreadReaper::ThreadReaper()
{
    m_timer.setInterval(50);
    connect(&m_timer, &QTimer::timeout, this, &ThreadReaper::poll);
}

void ThreadReaper::retire(QThread* thread, std::shared_ptr<StopHandle> stop, int budgetMs, const QString& name)
{
    m_threads.append({ thread, std::move(stop), QDeadlineTimer(budgetMs), name, false });
    // Queued: finished is emitted on the thread itself, and the thread may finish before this connect.
    connect(thread, &QThread::finished, this, &ThreadReaper::poll, Qt::QueuedConnection);
    if (thread->isFinished())
        QMetaObject::invokeMethod(this, &ThreadReaper::poll, Qt::QueuedConnection);
    if (!m_timer.isActive())
        m_timer.start();
}

void ThreadReaper::poll()
{
    for (auto it = m_threads.begin(); it != m_threads.end();) {
        if (it->thread->isFinished()) {
            delete it->thread;
            it = m_threads.erase(it);
            continue;
        }
        if (it->deadline.hasExpired() && !it->warned) {
            it->warned = true;
            qWarning("LockLab: %s did not stop in time; leaving it to finish", qPrintable(it->name));
        }
        it->stop->requestStop();
        ++it;
    }
    if (m_threads.isEmpty() && m_timer.isActive()) {
        m_timer.stop();
        emit allStopped();
    }
}

bool ThreadReaper::waitForAll(int budgetMs)
{
    const QDeadlineTimer deadline(budgetMs);
    for (Retired& retired : m_threads) {
        while (!retired.thread->wait(QDeadlineTimer(std::min<qint64>(50, deadline.remainingTime())))) {
            if (deadline.hasExpired())
                break;
            retired.stop->requestStop();
        }
    }
    poll();
    return m_threads.isEmpty();
}

} // namespace locklab
