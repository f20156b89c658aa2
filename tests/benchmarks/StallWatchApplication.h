#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QString>

#include <array>
#include <optional>

namespace locklab::bench {

// The benchmark's application object. While watching, it times every event
// the GUI thread dispatches from its event loop (not the events sent from
// inside another one) and keeps the latest few, so a stall the benchmark
// measured can be pinned on the event that ran during it: which receiver
// (class, object name, parent's class) got which event type.
class StallWatchApplication : public QApplication
{
public:
    struct Event
    {
        qint64 startNs = 0;
        qint64 durationNs = -1; // -1: none
        // CPU time of the GUI thread in it: on a busy machine the wall time
        // also holds the time the thread waited for a core.
        qint64 cpuNs = 0;
        const char* receiverClass = nullptr;
        const char* parentClass = nullptr;
        QString receiverName;
        int type = 0;
    };

    StallWatchApplication(int& argc, char** argv);
    static StallWatchApplication* instance();

    void setWatching(bool watching) { m_watching = watching; }
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    // The longest event among the latest ones that ran at any time in [fromNs, toNs].
    std::optional<Event> longestBetween(qint64 fromNs, qint64 toNs) const;
    // "MetaCall to LessonRunner 'name' (child of MainWindow), 12.3 ms (CPU 11.9 ms)"
    static QString describe(const Event& event);
    // Every watched event of at least `ms` is also written to stderr as it
    // ends (LOCKLAB_BENCH_LOG_EVENTS_MS), to see all the long ones of a run.
    void setLogThresholdMs(double ms) { m_logThresholdNs = qint64(ms * 1e6); }

protected:
    bool notify(QObject* receiver, QEvent* event) override;

private:
    QElapsedTimer m_clock;
    bool m_watching = false;
    int m_depth = 0;
    std::array<Event, 512> m_latest;
    int m_next = 0;
    qint64 m_logThresholdNs = -1;
};

} // namespace locklab::bench
