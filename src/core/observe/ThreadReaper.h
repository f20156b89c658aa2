#pragma once

#include "core/observe/StopHandle.h"

#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class QThread;

namespace locklab {

// Ends observer threads (probes, the lock monitor) without the owner waiting
// for them: the owner is the GUI thread, and a thread whose worker is stuck
// in a statement or a connection attempt can take up to its stop budget to
// end. The reaper takes the thread, asks its worker to stop again every
// 50 ms (a cancel sent just before the worker sent its statement is lost),
// deletes the thread once it has finished and says allStopped() when none is
// left. Past the budget it warns once and keeps waiting.
//
// Created on first use on the calling thread (the GUI thread); at
// application exit it waits for the threads still running, so the process
// leaves no thread mid-statement behind.
class ThreadReaper : public QObject
{
    Q_OBJECT
public:
    static ThreadReaper* instance();

    // `thread` has been told to quit and its worker to stop through `stop`.
    void retire(QThread* thread, std::shared_ptr<StopHandle> stop, int budgetMs, const QString& name);
    int pending() const { return int(m_threads.size()); }
    // Blocking, for application exit and tests: waits until every retired
    // thread has finished or `budgetMs` has passed. True when none is left.
    bool waitForAll(int budgetMs);

signals:
    void allStopped();

private:
    struct Retired
    {
        QThread* thread = nullptr;
        std::shared_ptr<StopHandle> stop;
        QDeadlineTimer deadline;
        QString name;
        bool warned = false;
    };

    ThreadReaper();
    void poll();

    QList<Retired> m_threads;
    QTimer m_timer;
};

} // namespace locklab
