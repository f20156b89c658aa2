#include "core/observe/ProbePool.h"

#include "core/observe/ProbeWorker.h"
#include "core/observe/QueuedCall.h"
#include "core/observe/ThreadReaper.h"

#include <QThread>

#include <algorithm>
#include <cmath>

namespace locklab {

namespace {
constexpr int kStopBudgetMs = 1000;
} // namespace

ProbePool::ProbePool(const ConnectionSettings& settings, const ProbeSettings& probeSettings, const ProbeSpec& spec,
                     QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_probeSettings(probeSettings)
    , m_spec(spec)
    , m_timer(this)
{
    qRegisterMetaType<ProbeSample>();
    m_timer.setSingleShot(true);
    // A coarse timer may be off by 5% of the interval; a precise one keeps each
    // probe's start close to its scheduled time.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ProbePool::tick);
}

ProbePool::~ProbePool()
{
    stop();
}

void ProbePool::start(const RunClock& clock)
{
    stop();
    QString error;
    if (!ProbeSettings::validate(m_probeSettings, &error)) {
        emit connectionProblem(error);
        return;
    }
    if (m_spec.sql.trimmed().isEmpty()) {
        emit connectionProblem(QStringLiteral("The %1 probe has no SQL statement.").arg(probeKindName(m_spec.kind)));
        return;
    }
    m_clock = clock;
    m_samples.clear();
    // Times of an earlier run are on another clock; the current step covers this run's start.
    if (!m_steps.isEmpty())
        m_steps = { { -1e300, m_steps.constLast().step } };
    m_running = true;
    m_ticking = false;
    m_next = 0;
    m_periodMs = 1000.0 / m_probeSettings.rateHz;
    const int generation = ++m_generation;
    for (int i = 0; i < m_probeSettings.connections; ++i) {
        Slot slot;
        slot.thread = new QThread;
        slot.thread->setObjectName(ProbeWorker::applicationName(m_spec.kind, i + 1));
        slot.stop = StopHandle::create();
        slot.worker = new ProbeWorker(i + 1, m_settings, m_probeSettings, m_spec, m_clock, slot.stop);
        slot.worker->moveToThread(slot.thread);
        // The worker (and its connection) is deleted on its own thread as the thread ends.
        connect(slot.thread, &QThread::finished, slot.worker, &QObject::deleteLater);
        // Queued across threads; the generation check drops what an old run's workers still send.
        connect(slot.worker, &ProbeWorker::opened, this, [this, generation](int probe, bool ok, const QString& e) {
            if (generation == m_generation)
                onOpened(probe, ok, e);
        });
        connect(slot.worker, &ProbeWorker::finished, this, [this, generation](int probe, const ProbeSample& s) {
            if (generation == m_generation)
                onFinished(probe, s);
        });
        connect(slot.worker, &ProbeWorker::problem, this, [this, generation](int probe, const QString& e) {
            if (generation == m_generation)
                emit connectionProblem(QStringLiteral("%1 probe %2 %3").arg(seriesLabel()).arg(probe).arg(e));
        });
        slot.thread->start();
        postCall(slot.worker, [worker = slot.worker] { worker->open(); });
        m_slots.append(slot);
    }
}

void ProbePool::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_ticking = false;
    m_timer.stop();
    ++m_generation;
    const double stopMs = m_clock.nowMs();
    for (Slot& slot : m_slots) {
        if (slot.busy) {
            // Kept so a read stuck at the end of a run still counts as blocked.
            ProbeSample sample = slot.pending;
            sample.inFlight = true;
            sample.latencyMs = std::max(0.0, stopMs - sample.startMs);
            sample.message = QStringLiteral("still waiting when probing stopped");
            record(sample);
        }
        // Late answers are dropped anyway (the generation changed); disconnected here, on this thread, while
        // the worker is alive: not as it is deleted on its thread while this pool may be going too.
        disconnect(slot.worker, nullptr, this, nullptr);
        slot.stop->requestStop();
        quitThread(slot.thread);
    }
    // The threads end on their own: a probe blocked by a lock needs its cancel's round trip first.
    for (Slot& slot : m_slots)
        ThreadReaper::instance()->retire(slot.thread, slot.stop, kStopBudgetMs,
                                         QStringLiteral("probe thread ") + slot.thread->objectName());
    m_slots.clear();
}

void ProbePool::onOpened(int probe, bool ok, const QString& error)
{
    Slot& slot = m_slots[probe - 1];
    slot.attempted = true;
    if (!ok)
        emit connectionProblem(
            QStringLiteral("%1 probe %2 could not connect: %3").arg(seriesLabel()).arg(probe).arg(error));
    const bool allAttempted = std::all_of(m_slots.cbegin(), m_slots.cend(), [](const Slot& s) { return s.attempted; });
    if (!allAttempted || m_ticking)
        return;
    // Tick 0 is now: ticking before the connections exist would record
    // NoFreeConnection samples that only measure connection set-up.
    m_ticking = true;
    m_t0 = m_clock.nowMs();
    m_tick = 0;
    emit ready();
    tick();
}

void ProbePool::onFinished(int probe, const ProbeSample& sample)
{
    m_slots[probe - 1].busy = false;
    record(sample);
}

void ProbePool::tick()
{
    if (!m_ticking)
        return;
    // Every deadline that has passed gets its tick, even when the event loop
    // was late, so the rate does not drift; the 0.5 ms covers a timer that
    // fires a hair early.
    const double now = m_clock.nowMs();
    while (m_ticking && deadlineMs(m_tick) <= now + 0.5) {
        dispatch(deadlineMs(m_tick));
        ++m_tick;
    }
    armTimer();
}

void ProbePool::dispatch(double scheduledMs)
{
    ProbeSample sample;
    sample.scheduledMs = scheduledMs;
    sample.step = stepAt(scheduledMs);
    sample.kind = m_spec.kind;
    const int count = int(m_slots.size());
    for (int k = 0; k < count; ++k) {
        const int i = (m_next + k) % count;
        Slot& slot = m_slots[i];
        if (slot.busy)
            continue;
        m_next = (i + 1) % count;
        slot.busy = true;
        sample.probe = i + 1;
        sample.startMs = m_clock.nowMs(); // the worker replaces it with the moment it sends the query
        slot.pending = sample;
        ProbeWorker* worker = slot.worker;
        postCall(worker, [worker, sample] { worker->probe(sample); });
        return;
    }
    sample.startMs = scheduledMs;
    sample.outcome = ProbeOutcome::NoFreeConnection;
    sample.message = QStringLiteral("all %1 probe connections were busy with earlier probes").arg(count);
    record(sample);
}

void ProbePool::armTimer()
{
    if (!m_ticking)
        return;
    const double wait = deadlineMs(m_tick) - m_clock.nowMs();
    m_timer.start(std::max(0, int(std::ceil(wait))));
}

void ProbePool::setStep(const QString& step)
{
    // Before start() the step covers everything; a few changes back are
    // enough for ticks the event loop handled late.
    const double since = m_running ? m_clock.nowMs() : -1e300;
    m_steps.append({ since, step });
    while (m_steps.size() > 8)
        m_steps.removeFirst();
}

QString ProbePool::stepAt(double ms) const
{
    for (auto it = m_steps.crbegin(); it != m_steps.crend(); ++it) {
        if (it->sinceMs <= ms)
            return it->step;
    }
    return m_steps.isEmpty() ? QString() : m_steps.constFirst().step;
}

QString ProbePool::seriesLabel() const
{
    return m_spec.kind == ProbeKind::Write ? QStringLiteral("Write") : QStringLiteral("Read");
}

void ProbePool::record(const ProbeSample& sample)
{
    m_samples.append(sample);
    emit sampleRecorded(sample);
}

} // namespace locklab
