#include "core/actors/ActorCast.h"

#include "core/actors/ActorWorker.h"
#include "core/observe/QueuedCall.h"
#include "core/observe/ThreadReaper.h"

#include <QCoreApplication>
#include <QThread>

namespace locklab {

namespace {
constexpr int kStopBudgetMs = 1000;
} // namespace

ActorCast::ActorCast(const ConnectionSettings& settings, const QList<ActorSpec>& actors, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_specs(actors)
{
    qRegisterMetaType<ActorSpan>();
    m_stopBudget.setSingleShot(true);
    m_stopBudget.setInterval(kStopBudgetMs);
    connect(&m_stopBudget, &QTimer::timeout, this, &ActorCast::finishStop);
}

ActorCast::~ActorCast()
{
    // The threads are the reaper's from here: nothing waits for them.
    stop();
}

void ActorCast::start(const RunClock& clock)
{
    stop();
    finishStop();
    m_clock = clock;
    const int generation = ++m_generation;
    for (int i = 0; i < m_specs.size(); ++i) {
        const ActorSpec& spec = m_specs.at(i);
        Slot slot;
        slot.span.name = spec.name;
        slot.span.kind = actorKindName(spec.kind);
        slot.thread = new QThread;
        slot.thread->setObjectName(QStringLiteral("locklab-actor-%1").arg(i + 1));
        slot.worker = new ActorWorker(i, m_settings, spec, m_clock);
        slot.stop = slot.worker->stopHandle();
        slot.worker->moveToThread(slot.thread);
        // Deleted on its own thread as the thread ends: that closes its connection there.
        connect(slot.thread, &QThread::finished, slot.worker, &QObject::deleteLater);
        ActorWorker* worker = slot.worker;
        connect(worker, &ActorWorker::connected, this, [this, generation, worker](int index, int pid) {
            if (generation == m_generation)
                m_slots[index].span.pid = pid;
            reportTaken(worker);
        });
        connect(worker, &ActorWorker::started, this, [this, generation, worker](int index, double atMs) {
            if (generation == m_generation)
                onStarted(index, atMs);
            reportTaken(worker);
        });
        connect(worker, &ActorWorker::ended, this,
                [this, generation, worker](int index, double atMs, const QString& problem) {
                    if (generation == m_generation)
                        onEnded(index, atMs, problem);
                    reportTaken(worker);
                });
        slot.thread->start();
        postCall(slot.worker, [worker = slot.worker] { worker->begin(); });
        m_slots.append(slot);
    }
}

void ActorCast::onStarted(int index, double atMs)
{
    Slot& slot = m_slots[index];
    slot.started = true;
    slot.span.startMs = atMs;
    emit actorStarted(slot.span.name, atMs);
}

void ActorCast::onEnded(int index, double atMs, const QString& problem)
{
    Slot& slot = m_slots[index];
    if (slot.ended) {
        // stop() ended the span first; a failure the actor reports on its way out still counts.
        if (!problem.isEmpty() && slot.span.problem.isEmpty()) {
            slot.span.problem = problem;
            emit this->problem(QStringLiteral("The actor '%1' stopped: %2").arg(slot.span.name, problem));
        }
        return;
    }
    slot.ended = true;
    if (!slot.started)
        slot.span.startMs = atMs;
    slot.span.endMs = atMs;
    slot.span.problem = problem;
    if (!problem.isEmpty())
        emit this->problem(QStringLiteral("The actor '%1' stopped: %2").arg(slot.span.name, problem));
    emit actorEnded(slot.span);
}

void ActorCast::stop()
{
    if (m_slots.isEmpty() || m_stopping)
        return;
    m_stopping = true;
    // What the actors reported before the stop (an actor the step's own
    // statement terminated) is still in the queue: take it in first.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    const double now = m_clock.nowMs();
    const int generation = m_generation;
    for (int i = 0; i < m_slots.size(); ++i) {
        Slot& slot = m_slots[i];
        if (slot.started && !slot.ended) {
            slot.ended = true;
            slot.span.endMs = now;
        }
        // Queued behind whatever the worker reported as it ended, so every report is in when the last thread is done.
        connect(slot.thread, &QThread::finished, this, [this, generation, i] {
            if (generation == m_generation)
                onThreadFinished(i);
        });
        slot.stop->requestStop();
        quitThread(slot.thread);
        ThreadReaper::instance()->retire(slot.thread, slot.stop, kStopBudgetMs,
                                         QStringLiteral("actor thread ") + slot.thread->objectName());
    }
    m_stopBudget.start();
}

void ActorCast::onThreadFinished(int index)
{
    m_slots[index].threadFinished = true;
    for (const Slot& slot : std::as_const(m_slots)) {
        if (!slot.threadFinished)
            return;
    }
    finishStop();
}

void ActorCast::finishStop()
{
    if (!m_stopping)
        return;
    m_stopBudget.stop();
    m_stopping = false;
    ++m_generation;
    m_finished.clear();
    for (const Slot& slot : std::as_const(m_slots)) {
        if (slot.started || !slot.span.problem.isEmpty())
            m_finished.append(slot.span);
    }
    m_slots.clear();
    emit stopped();
}

QList<ActorSpan> ActorCast::spans() const
{
    if (m_slots.isEmpty())
        return m_finished;
    QList<ActorSpan> result;
    const double now = m_clock.nowMs();
    for (const Slot& slot : m_slots) {
        if (!slot.started && slot.span.problem.isEmpty())
            continue;
        ActorSpan span = slot.span;
        if (!slot.ended)
            span.endMs = now;
        result.append(span);
    }
    return result;
}

} // namespace locklab
