#include "core/observe/LockMonitor.h"

#include "core/observe/LockMonitorWorker.h"
#include "core/observe/QueuedCall.h"
#include "core/observe/ThreadReaper.h"

#include <QThread>

namespace locklab {

namespace {
constexpr int kStopBudgetMs = 1000;
} // namespace

LockMonitor::LockMonitor(const ConnectionSettings& settings, int intervalMs, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_intervalMs(std::clamp(intervalMs, 20, 10000))
{
    qRegisterMetaType<LockRow>();
    qRegisterMetaType<QList<LockRow>>();
}

LockMonitor::~LockMonitor()
{
    stop();
}

void LockMonitor::start(const RunClock& clock)
{
    stop();
    m_tracker.clear();
    m_lastRows.clear();
    m_lastMs = 0;
    m_running = true;
    const int generation = ++m_generation;
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("locklab-monitor"));
    m_stop = StopHandle::create();
    m_worker = new LockMonitorWorker(m_settings, m_intervalMs, clock, m_stop);
    m_worker->moveToThread(m_thread);
    // The worker (and its connection) is deleted on its own thread as the thread ends.
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &LockMonitorWorker::opened, this, [this, generation](bool ok, const QString& error) {
        if (generation != m_generation)
            return;
        if (ok)
            emit ready();
        else
            emit connectionProblem(QStringLiteral("The lock monitor cannot connect: %1").arg(error));
    });
    connect(m_worker, &LockMonitorWorker::snapshot, this, [this, generation](const QList<LockRow>& rows, double atMs) {
        if (generation == m_generation)
            onSnapshot(rows, atMs);
    });
    connect(m_worker, &LockMonitorWorker::problem, this, [this, generation](const QString& message) {
        if (generation == m_generation)
            emit connectionProblem(message);
    });
    m_thread->start();
    postCall(m_worker, [worker = m_worker] { worker->begin(); });
}

void LockMonitor::stop()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_generation;
    // Its reports would be dropped from now on anyway. Disconnected here, on
    // this thread, while the worker is alive: not as it is deleted on its
    // thread while this object may be going too.
    disconnect(m_worker, nullptr, this, nullptr);
    m_stop->requestStop();
    quitThread(m_thread);
    // Ends on its own: a poll in flight needs its cancel's round trip first.
    ThreadReaper::instance()->retire(m_thread, m_stop, kStopBudgetMs, QStringLiteral("the lock monitor thread"));
    m_thread = nullptr;
    m_worker = nullptr;
    // What the last poll saw lasted at least until then.
    m_tracker.finish(m_lastMs);
}

void LockMonitor::pollClosely()
{
    if (m_running)
        postCall(m_worker, [worker = m_worker] { worker->pollClosely(kCloseMs, kCloseForMs); });
}

void LockMonitor::onSnapshot(const QList<LockRow>& rows, double atMs)
{
    m_lastRows = rows;
    m_lastMs = atMs;
    m_tracker.feed(rows, atMs);
    emit snapshot(rows, atMs);
}

} // namespace locklab
