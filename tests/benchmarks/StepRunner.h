#pragma once

#include "core/run/LessonRunner.h"

#include <QObject>

namespace locklab::bench {

// Runs lesson steps through a LessonRunner (probes, lock monitor, worker
// thread: the same path as the window and the CLI) and waits for each.
class StepRunner
{
public:
    explicit StepRunner(const ConnectionSettings& sandbox, const QString& serverVersion,
                        const ProbeSettings& probes = ProbeSettings());

    struct Result
    {
        bool ok = false;
        QString error;
        RunRecord record;
        StepOutcome outcome;
        double migrationMs() const { return outcome.endMs - outcome.startMs; }
    };

    Result run(const LessonLibrary& library, const QString& lessonId, const QString& stepId,
               const QVariantMap& parameters = {});
    LessonRunner& runner() { return m_runner; }

private:
    LessonRunner m_runner;
};

} // namespace locklab::bench
