#pragma once

#include "core/lesson/ActorSpec.h"
#include "core/observe/StopHandle.h"
#include "core/run/RunClock.h"
#include "core/run/RunRecord.h"
#include "core/server/ConnectionSettings.h"

#include <QList>
#include <QObject>

#include <memory>

class QThread;

namespace locklab {

class ActorWorker;

// The background sessions of one step: one ActorWorker per ActorSpec, each
// on its own thread and connection. Started before the step's statements,
// stopped when the step ends or is cancelled; stop() returns within about a
// second and leaves no session behind (a session still in a connection
// attempt is left to finish on its own and closes as its thread ends).
//
// All methods are for the owner's thread.
class ActorCast : public QObject
{
    Q_OBJECT
public:
    ActorCast(const ConnectionSettings& settings, const QList<ActorSpec>& actors, QObject* parent = nullptr);
    ~ActorCast() override;

    void start(const RunClock& clock);
    void stop();
    bool isEmpty() const { return m_specs.isEmpty(); }

    // Every actor that started acting, ended or still running (endMs = now).
    QList<ActorSpan> spans() const;

signals:
    void actorStarted(const QString& name, double atMs);
    void actorEnded(const locklab::ActorSpan& span);
    // "The actor 'forgotten psql' lost its connection: ..." (the step goes on).
    void problem(const QString& message);

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
    };

    void onStarted(int index, double atMs);
    void onEnded(int index, double atMs, const QString& problem);

    ConnectionSettings m_settings;
    QList<ActorSpec> m_specs;
    QList<Slot> m_slots;
    QList<ActorSpan> m_finished; // the spans of the last run, kept after stop()
    RunClock m_clock;
    int m_generation = 0;
};

} // namespace locklab

Q_DECLARE_METATYPE(locklab::ActorSpan)
