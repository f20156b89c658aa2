#include "StepRunner.h"

#include <QEventLoop>

namespace locklab::bench {

StepRunner::StepRunner(const ConnectionSettings& sandbox, const QString& serverVersion, const ProbeSettings& probes)
    : m_runner(sandbox)
{
    m_runner.setServerVersion(serverVersion);
    m_runner.setProbeSettings(probes);
}

StepRunner::Result StepRunner::run(const LessonLibrary& library, const QString& lessonId, const QString& stepId,
                                   const QVariantMap& parameters)
{
    Result result;
    const Lesson* lesson = library.lesson(lessonId);
    int index = -1;
    for (int i = 0; lesson && i < lesson->steps.size(); ++i) {
        if (lesson->steps.at(i).id == stepId)
            index = i;
    }
    if (index < 0) {
        result.error = QString("no step %1/%2").arg(lessonId, stepId);
        return result;
    }
    // The row count of the record comes from the runner's snapshot: read it first.
    {
        QEventLoop loop;
        QObject::connect(&m_runner, &LessonRunner::snapshotChanged, &loop, &QEventLoop::quit);
        m_runner.refreshSnapshot();
        loop.exec();
    }
    QEventLoop loop;
    QObject::connect(&m_runner, &LessonRunner::stepFinished, &loop,
                     [&](const RunRecord& record, const StepOutcome& outcome) {
                         result.record = record;
                         result.outcome = outcome;
                         loop.quit();
                     });
    if (!m_runner.runStep(library, lessonId, index, parameters, &result.error))
        return result;
    loop.exec();
    result.ok = result.outcome.succeeded;
    if (!result.ok)
        result.error = result.outcome.error.isEmpty() ? result.outcome.summary : result.outcome.error;
    return result;
}

} // namespace locklab::bench
