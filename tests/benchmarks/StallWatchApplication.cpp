#include "StallWatchApplication.h"

#include <QEvent>
#include <QMetaEnum>
#include <QThread>

#include <cstdio>
#include <ctime>

namespace locklab::bench {

namespace {
qint64 threadCpuNs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}
} // namespace

StallWatchApplication::StallWatchApplication(int& argc, char** argv)
    : QApplication(argc, argv)
{
    m_clock.start();
}

StallWatchApplication* StallWatchApplication::instance()
{
    return static_cast<StallWatchApplication*>(QCoreApplication::instance());
}

bool StallWatchApplication::notify(QObject* receiver, QEvent* event)
{
    // Other threads' events are not the GUI's; one dispatched inside an event being timed is part of it.
    if (QThread::currentThread() != thread())
        return QApplication::notify(receiver, event);
    if (!m_watching || m_depth > 0) {
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        return result;
    }
    // Taken before: the event may delete its receiver (DeferredDelete).
    Event timed;
    timed.receiverClass = receiver->metaObject()->className();
    timed.parentClass = receiver->parent() ? receiver->parent()->metaObject()->className() : nullptr;
    timed.receiverName = receiver->objectName();
    timed.type = int(event->type());
    timed.startNs = m_clock.nsecsElapsed();
    const qint64 cpuStart = threadCpuNs();
    ++m_depth;
    const bool result = QApplication::notify(receiver, event);
    --m_depth;
    timed.durationNs = m_clock.nsecsElapsed() - timed.startNs;
    timed.cpuNs = threadCpuNs() - cpuStart;
    if (m_logThresholdNs >= 0 && timed.durationNs >= m_logThresholdNs)
        std::fprintf(stderr, "locklab-bench child: at %.0f ms: %s\n", double(timed.startNs) / 1e6,
                     qPrintable(describe(timed)));
    m_latest[m_next] = timed;
    m_next = (m_next + 1) % int(m_latest.size());
    return result;
}

std::optional<StallWatchApplication::Event> StallWatchApplication::longestBetween(qint64 fromNs, qint64 toNs) const
{
    std::optional<Event> longest;
    for (const Event& event : m_latest) {
        if (event.durationNs < 0 || event.startNs > toNs || event.startNs + event.durationNs < fromNs)
            continue;
        if (!longest || event.durationNs > longest->durationNs)
            longest = event;
    }
    return longest;
}

QString StallWatchApplication::describe(const Event& event)
{
    const char* type = QMetaEnum::fromType<QEvent::Type>().valueToKey(event.type);
    QString text = QStringLiteral("%1 to %2")
                       .arg(type ? QString::fromLatin1(type) : QString::number(event.type),
                            QString::fromLatin1(event.receiverClass ? event.receiverClass : "?"));
    if (!event.receiverName.isEmpty())
        text += QStringLiteral(" '%1'").arg(event.receiverName);
    if (event.parentClass)
        text += QStringLiteral(" (child of %1)").arg(QString::fromLatin1(event.parentClass));
    return text
        + QStringLiteral(", %1 ms (CPU %2 ms)")
              .arg(double(event.durationNs) / 1e6, 0, 'f', 1)
              .arg(double(event.cpuNs) / 1e6, 0, 'f', 1);
}

} // namespace locklab::bench
