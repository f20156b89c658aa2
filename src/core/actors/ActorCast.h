#pragma once

#include "core/lesson/ActorSpec.h"
#include "core/observe/StopHandle.h"
#include "core/run/RunClock.h"
#include "core/run/RunRecord.h"
#include "core/server/ConnectionSettings.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

class QThread;

namespace locklab {

class ActorWorker;

// The background sessions of one step: one ActorWorker per ActorSpec, each
// on its own thread and connection. Started before the step's statements,
// stopped when the step ends or is cancelled. stop() does not wait: the owner
// is the GUI thread, and an actor ends only after its cancel's round trip.
// The cast keeps taking what the actors report while they end (an actor the
// step terminated says so on its way out) and says stopped() once every
// thread has finished, or after a second; a thread still in a connection
// attempt then finishes on its own and its session closes as it ends.
//
// All methods are for the owner's thread.
class ActorCast : public QObject
{
    Q_OBJECT
public:
    ActorCast(const ConnectionSettings& settings, const QList<ActorSpec>& actors, QObject* parent = nullptr);
    ~ActorCast() override;

    void start(const RunClock& clock);
    // Ends every actor's span now and tells the actors to stop; stopped()
    // follows. Does nothing when no actor is running.
    void stop();
    bool isEmpty() const { return m_specs.isEmpty(); }
    bool isStopping() const { return m_stopping; }

    // Every actor that started acting, ended or still running (endMs = now).
    QList<ActorSpan> spans() const;

signals:
    void actorStarted(const QString& name, double atMs);
    void actorEnded(const locklab::ActorSpan& span);
    // "The actor 'forgotten psql' lost its connection: ..." (the step goes on).
    void problem(const QString& message);
    // Every actor has ended and reported; spans() is final.
    void stopped();

private:
    struct Slot
    {
        QThread* thread = nullptr;
        ActorWorker* worker = nullptr;
        // Outlives the worker, which its thread deletes as it ends.
        std::shared_ptr<StopHandle> stop;
        ActorSpan span;
        bool started = false;
        bool ended = false;
        bool threadFinished = false;
    };

    void onStarted(int index, double atMs);
    void onEnded(int index, double atMs, const QString& problem);
    void onThreadFinished(int index);
    void finishStop();

    ConnectionSettings m_settings;
    QList<ActorSpec> m_specs;
    QList<Slot> m_slots;
    QList<ActorSpan> m_finished; // the spans of the last run, kept after stop()
    RunClock m_clock;
    QTimer m_stopBudget;
    int m_generation = 0;
    bool m_stopping = false;
};

} // namespace locklab

Q_DECLARE_METATYPE(locklab::ActorSpan)
