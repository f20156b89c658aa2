#include "StepRun.h"

#include "core/lesson/LessonLoader.h"

#include <QSignalSpy>
#include <functional>

namespace locklab::test {

namespace {

RunRecord startAndWait(LessonRunner& runner, const QString& what, int timeoutMs,
                       const std::function<bool(QString*)>& start)
{
    QSignalSpy finished(&runner, &LessonRunner::stepFinished);
    QString error;
    if (!start(&error)) {
        qWarning("cannot run %s: %s", qPrintable(what), qPrintable(error));
        return {};
    }
    if (!finished.wait(timeoutMs)) {
        qWarning("%s did not end within %d ms", qPrintable(what), timeoutMs);
        return {};
    }
    return finished.first().at(0).value<RunRecord>();
}

} // namespace

QString prepareStepRuns(TestServer** server, LessonLibrary* library)
{
    qRegisterMetaType<RunRecord>();
    QString error;
    *server = TestServer::instance(&error);
    if (!*server)
        return error;
    if (library) {
        *library = LessonLoader::loadBuiltIn();
        if (!library->errors.isEmpty())
            return library->errors.join('\n');
    }
    return QString();
}

RunRecord runStepAndWait(LessonRunner& runner, const LessonLibrary& library, const QString& lessonId, int step,
                         const QVariantMap& parameters, int timeoutMs)
{
    return startAndWait(runner, QString("%1 step %2").arg(lessonId).arg(step + 1), timeoutMs,
                        [&](QString* error) { return runner.runStep(library, lessonId, step, parameters, error); });
}

RunRecord runStepAndWait(LessonRunner& runner, const Lesson& lesson, const LessonStep& step,
                         const QMap<QString, Migration>& catalog, const QVariantMap& parameters, int timeoutMs)
{
    return startAndWait(runner, QString("%1/%2").arg(lesson.id, step.id), timeoutMs,
                        [&](QString* error) { return runner.runStep(lesson, step, catalog, parameters, error); });
}

} // namespace locklab::test
