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
    return runWith([&](QString* error) { return m_runner->runStep(library, lessonId, stepIndex, parameters, error); });
}

StepDriver::Result StepDriver::run(const Lesson& lesson, const LessonStep& step,
                                   const QMap<QString, Migration>& catalog, const QVariantMap& parameters)
{
    return runWith([&](QString* error) { return m_runner->runStep(lesson, step, catalog, parameters, error); });
}

StepDriver::Result StepDriver::runWith(const std::function<bool(QString*)>& start)
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
    result.started = start(&result.error);
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
