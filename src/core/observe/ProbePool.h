#pragma once

#include "core/lesson/ProbeSpec.h"
#include "core/observe/ProbeSettings.h"
#include "core/observe/StopHandle.h"
#include "core/run/RunClock.h"
#include "core/run/RunRecord.h"
#include "core/server/ConnectionSettings.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

class QThread;

namespace locklab {

class ProbeWorker;

// Measures read (or write) latency the way the reference demo's curl loop
// does, from several connections at a fixed rate. Lives on the owner's
// thread (the GUI or the runner); each probe connection is a worker on its
// own QThread with its own DatabaseConnection, because a probe blocked by a
// lock blocks its thread. The owner side only schedules and records: it
// never touches a connection except to cancel it.
//
// Ticks keep their schedule: tick k is due at t0 + k / rateHz. A tick that
// finds every connection busy is recorded as a NoFreeConnection sample, so
// the rate of samples stays the configured rate while reads are blocked.
//
// All methods are for the owner's thread.
class ProbePool : public QObject
{
    Q_OBJECT
public:
    // `spec` says what the probes run; every sample is tagged with its kind.
    ProbePool(const ConnectionSettings& settings, const ProbeSettings& probeSettings, const ProbeSpec& spec,
              QObject* parent = nullptr);
    ~ProbePool() override;

    // Opens the connections on their threads and starts ticking once each
    // has made its first attempt (ready()). Clears the samples of an earlier
    // run. Invalid settings are reported through connectionProblem().
    void start(const RunClock& clock);
    // Stops ticking, cancels the probes in flight and hands the threads to
    // the ThreadReaper, which ends them: returns without waiting for them.
    // Probes still unanswered are recorded with inFlight set.
    void stop();
    bool isRunning() const { return m_running; }

    // The step id put on the samples scheduled from now on (by their
    // scheduledMs, so a tick handled late still gets the step of its time).
    void setStep(const QString& step);
    QString step() const { return m_steps.isEmpty() ? QString() : m_steps.constLast().step; }

    ProbeSettings probeSettings() const { return m_probeSettings; }
    ProbeSpec spec() const { return m_spec; }
    QList<ProbeSample> samples() const { return m_samples; }

signals:
    void sampleRecorded(const locklab::ProbeSample& sample);
    void connectionProblem(const QString& message);
    // Every connection made its first attempt and ticking has begun; a
    // connection that failed was reported through connectionProblem() and
    // keeps retrying (its ticks record "reconnecting" errors).
    void ready();

private:
    struct StepChange
    {
        double sinceMs;
        QString step;
    };
    struct Slot
    {
        QThread* thread = nullptr;
        ProbeWorker* worker = nullptr; // deleted as its thread ends: stop it through `stop`
        std::shared_ptr<StopHandle> stop;
        bool busy = false;
        bool attempted = false; // the first connection attempt has reported
        ProbeSample pending; // the probe handed over while busy
    };

    void onOpened(int probe, bool ok, const QString& error);
    void onFinished(int probe, const ProbeSample& sample);
    void tick();
    void dispatch(double scheduledMs);
    void armTimer();
    void record(const ProbeSample& sample);
    double deadlineMs(qint64 tick) const { return m_t0 + double(tick) * m_periodMs; }
    QString stepAt(double ms) const;
    QString seriesLabel() const; // "Read" / "Write", to start a message

    ConnectionSettings m_settings;
    ProbeSettings m_probeSettings;
    ProbeSpec m_spec;
    RunClock m_clock;
    QList<Slot> m_slots;
    QList<ProbeSample> m_samples;
    QTimer m_timer;
    QList<StepChange> m_steps; // the latest few, oldest first
    bool m_running = false;
    bool m_ticking = false;
    int m_generation = 0; // bumped per start/stop: late signals of old workers are dropped
    int m_next = 0; // round robin position
    double m_periodMs = 50;
    double m_t0 = 0;
    qint64 m_tick = 0;
};

} // namespace locklab
