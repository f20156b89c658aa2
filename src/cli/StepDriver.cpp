#include "cli/StepDriver.h"

#include <QEventLoop>

namespace locklab {

StepDriver::StepDriver(LessonRunner* runner, QObject* parent)
    : QObject(parent)
    , m_runner(runner)
{
}

void StepDriver::interrupt()
{
    m_interrupted = true;
    m_runner->cancel();
}

StepDriver::Result StepDriver::run(const LessonLibrary& library, const QString& lessonId, int stepIndex,
                                   const QVariantMap& parameters)
{
    Result result;
    if (m_interrupted) {
        result.error = "Interrupted before the step started.";
        return result;
    }
    QEventLoop loop;
    const auto connection = connect(m_runner, &LessonRunner::stepFinished, &loop,
                                    [&](const RunRecord& record, const StepOutcome& outcome) {
                                        result.record = record;
                                        result.outcome = outcome;
                                        loop.quit();
                                    });
    result.started = m_runner->runStep(library, lessonId, stepIndex, parameters, &result.error);
    if (result.started)
        loop.exec();
    disconnect(connection);
    if (result.started)
        result.snapshot = snapshot();
    return result;
}

SchemaSnapshot StepDriver::snapshot()
{
    SchemaSnapshot snapshot;
    QEventLoop loop;
    const auto connection = connect(m_runner, &LessonRunner::snapshotChanged, &loop, [&](const SchemaSnapshot& read) {
        snapshot = read;
        loop.quit();
    });
    m_runner->refreshSnapshot();
    loop.exec();
    disconnect(connection);
    return snapshot;
}

} // namespace locklab
