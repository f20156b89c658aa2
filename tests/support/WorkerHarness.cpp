#include "WorkerHarness.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTest>

namespace locklab::test {

WorkerHarness::WorkerHarness(const ConnectionSettings& sandbox)
    : m_library(LessonLoader::loadBuiltIn())
{
    m_worker = new MigrationWorker(sandbox);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

WorkerHarness::~WorkerHarness()
{
    m_worker->requestCancel();
    QMetaObject::invokeMethod(m_worker, &MigrationWorker::close, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

WorkerHarness::Result WorkerHarness::run(const QString& lessonId, const QString& stepId, const QVariantMap& parameters,
                                         const std::function<void()>& whileRunning, int timeoutMs)
{
    Result result;
    const Lesson* lesson = m_library.lesson(lessonId);
    if (!lesson) {
        result.outcome.error = "no lesson " + lessonId;
        return result;
    }
    int index = -1;
    for (int i = 0; i < lesson->steps.size(); ++i) {
        if (lesson->steps.at(i).id == stepId)
            index = i;
    }
    if (index < 0) {
        result.outcome.error = "no step " + stepId;
        return result;
    }
    return run(*lesson, lesson->steps.value(index), parameters, whileRunning, timeoutMs);
}

WorkerHarness::Result WorkerHarness::run(const Lesson& lesson, const LessonStep& step, const QVariantMap& parameters,
                                         const std::function<void()>& whileRunning, int timeoutMs)
{
    Result result;
    StepRequest request { lesson, step, m_library.migrations, parameters };
    QSignalSpy finished(m_worker, &MigrationWorker::finished);
    QSignalSpy snapshot(m_worker, &MigrationWorker::snapshotReady);
    QObject receiver;
    QObject::connect(m_worker, &MigrationWorker::statementFinished, &receiver,
                     [&result](const StatementTiming& timing) { result.statements.append(timing); });
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, request]() { worker->runStep(request, RunClock()); }, Qt::QueuedConnection);
    if (whileRunning)
        whileRunning();
    // The spies fill from the worker thread; poll them instead of wait(), which
    // would miss an emission that happened before it was called.
    QDeadlineTimer deadline(timeoutMs);
    if (!QTest::qWaitFor([&finished]() { return !finished.isEmpty(); }, int(deadline.remainingTime())))
        return result;
    result.finished = true;
    // Deliver the queued statementFinished events posted before finished().
    QCoreApplication::processEvents();
    result.outcome = finished.first().first().value<StepOutcome>();
    if (QTest::qWaitFor([&snapshot]() { return !snapshot.isEmpty(); }, int(deadline.remainingTime())))
        result.snapshot = snapshot.first().first().value<SchemaSnapshot>();
    return result;
}

SchemaSnapshot WorkerHarness::snapshot(int timeoutMs)
{
    QSignalSpy spy(m_worker, &MigrationWorker::snapshotReady);
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker]() {
            worker->readSnapshot({ "small_user", "large_user" });
        },
        Qt::QueuedConnection);
    (void)QTest::qWaitFor([&spy]() { return !spy.isEmpty(); }, timeoutMs); // an empty snapshot says it timed out
    return spy.isEmpty() ? SchemaSnapshot() : spy.first().first().value<SchemaSnapshot>();
}

} // namespace locklab::test
