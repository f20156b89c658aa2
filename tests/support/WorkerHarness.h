#pragma once

#include "core/lesson/LessonLoader.h"
#include "core/migration/MigrationWorker.h"

#include <QSignalSpy>
#include <QThread>

#include <functional>

namespace locklab::test {

// Runs lesson steps on a real MigrationWorker on its own thread, the way the
// app does, and waits for each to finish.
class WorkerHarness
{
public:
    explicit WorkerHarness(const ConnectionSettings& sandbox);
    ~WorkerHarness();

    const LessonLibrary& library() const { return m_library; }
    MigrationWorker* worker() const { return m_worker; }

    struct Result
    {
        StepOutcome outcome;
        SchemaSnapshot snapshot;
        QList<StatementTiming> statements;
        bool finished = false;
    };

    // Runs step `stepId` of lesson `lessonId`. `whileRunning` is called on
    // the test thread after the step has started (e.g. to cancel it).
    Result run(const QString& lessonId, const QString& stepId, const QVariantMap& parameters = {},
               const std::function<void()>& whileRunning = {}, int timeoutMs = 120000);
    // Runs a step made up by the test, as a step of `lesson`.
    Result run(const Lesson& lesson, const LessonStep& step, const QVariantMap& parameters = {},
               const std::function<void()>& whileRunning = {}, int timeoutMs = 120000);

    SchemaSnapshot snapshot(int timeoutMs = 30000);

private:
    LessonLibrary m_library;
    QThread m_thread;
    MigrationWorker* m_worker = nullptr;
};

} // namespace locklab::test
