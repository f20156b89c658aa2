#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QPointer>
#include <QRunnable>
#include <QThread>
#include <QThreadPool>

#include <utility>

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);
#endif

namespace locklab {

#if defined(__SANITIZE_THREAD__)
// Declares Qt's queued signal deliveries to TSan (QtHandoffsForTsan.cpp),
// once, as the first file that hands work to a thread is loaded.
bool declareQtHandoffsToTsan();
inline const bool kQtHandoffsDeclared = declareQtHandoffsToTsan();
#endif

// Hands work to another thread: postCall() runs `call` on `receiver`'s
// thread from its event loop (a queued call; dropped if the receiver is
// gone by then), startInPool() on a pool thread.
//
// Qt passes such calls through its posted-event queue or its pool's queue,
// guarded by locks inside the distribution's Qt that ThreadSanitizer cannot
// see: the call's captures, written on this thread and read on the other,
// were reported as races by `installer/test-sanitized.sh --thread` whenever
// the other thread happened to be awake (locklab-cli, whose worker threads
// start as the first calls arrive). In a ThreadSanitizer build the call is
// wrapped in an object made here, the hand-off declared to TSan once that
// object is complete, and taken over there before the call is touched. In
// every other build these are QMetaObject::invokeMethod(receiver, call,
// Qt::QueuedConnection) and QThreadPool::start(call).
#if defined(__SANITIZE_THREAD__)
namespace queued {

template<class Call> class CallEvent : public QObject
{
public:
    CallEvent(QObject* receiver, Call&& call)
        : m_receiver(receiver)
        , m_call(std::move(call))
    {
        moveToThread(receiver->thread());
    }

    bool event(QEvent* event) override
    {
        __tsan_acquire(this); // before the event, made on the sender's thread, is read
        if (event->type() != QEvent::User)
            return QObject::event(event);
        if (m_receiver)
            m_call();
        deleteLater();
        return true;
    }

private:
    QPointer<QObject> m_receiver;
    Call m_call;
};

template<class Call> class CallRunnable : public QRunnable
{
public:
    explicit CallRunnable(Call&& call)
        : m_call(std::move(call))
    {
    }
    void run() override
    {
        __tsan_acquire(this);
        m_call();
    }

private:
    Call m_call;
};

} // namespace queued

template<class Call> void postCall(QObject* receiver, Call call)
{
    auto* carrier = new queued::CallEvent<Call>(receiver, std::move(call));
    auto* event = new QEvent(QEvent::User);
    __tsan_release(carrier); // the carrier and its event are complete
    QCoreApplication::postEvent(carrier, event);
}

template<class Call> void startInPool(QThreadPool* pool, Call call)
{
    auto* runnable = new queued::CallRunnable<Call>(std::move(call));
    __tsan_release(runnable);
    pool->start(runnable);
}

// The owner's last use of a worker (disconnecting from it) comes before the
// worker's thread ends and deletes it: Qt orders that through its event
// loop's wake-up, which TSan does not see either. The owner ends the thread
// with quitThread(); the worker's destructor starts with ownerDone(this).
inline void quitThread(QThread* thread)
{
    __tsan_release(thread);
    thread->quit();
}

inline void ownerDone(QObject* worker)
{
    __tsan_acquire(worker->thread());
    __tsan_acquire(worker);
}

// An owner that keeps taking a worker's reports while the worker's thread
// ends (ActorCast) ends each report's slot with reportTaken(worker): the
// worker's destructor, on its own thread, deletes those slots, after the
// owner's last call of them as Qt orders it by a reference count TSan does
// not see.
inline void reportTaken(QObject* worker)
{
    __tsan_release(worker);
}
#else
template<class Call> void postCall(QObject* receiver, Call&& call)
{
    QMetaObject::invokeMethod(receiver, std::forward<Call>(call), Qt::QueuedConnection);
}

template<class Call> void startInPool(QThreadPool* pool, Call&& call)
{
    pool->start(std::forward<Call>(call));
}

inline void quitThread(QThread* thread)
{
    thread->quit();
}

inline void ownerDone(QObject*) { }

inline void reportTaken(QObject*) { }
#endif

} // namespace locklab
