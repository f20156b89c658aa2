#include "cli/CliLibrary.h"

#include <QStringList>

namespace locklab {

const Lesson* CliLibrary::findLesson(const LessonLibrary& library, const QString& idOrNumber)
{
    if (const Lesson* byId = library.lesson(idOrNumber))
        return byId;
    bool isNumber = false;
    const int number = idOrNumber.toInt(&isNumber);
    if (!isNumber)
        return nullptr;
    for (const Lesson& lesson : library.lessons) {
        if (lesson.number == number)
            return &lesson;
    }
    return nullptr;
}

int CliLibrary::findStep(const Lesson& lesson, const QString& idOrNumber)
{
    for (int i = 0; i < lesson.steps.size(); ++i) {
        if (lesson.steps.at(i).id == idOrNumber)
            return i;
    }
    bool isNumber = false;
    const int number = idOrNumber.toInt(&isNumber);
    return isNumber && number >= 1 && number <= lesson.steps.size() ? number - 1 : -1;
}

const LessonParameter* CliLibrary::parameter(const LessonLibrary& library, const QString& name)
{
    for (const Lesson& lesson : library.lessons) {
        if (!lesson.isValid())
            continue;
        for (const LessonStep& step : lesson.steps) {
            if (const LessonParameter* found = step.parameter(name))
                return found;
        }
    }
    return nullptr;
}

const Lesson* CliLibrary::seedLesson(const LessonLibrary& library, int* stepIndex)
{
    for (const Lesson& lesson : library.lessons) {
        if (!lesson.isValid())
            continue;
        for (int i = 0; i < lesson.steps.size(); ++i) {
            if (lesson.steps.at(i).kind == StepKind::Seed) {
                *stepIndex = i;
                return &lesson;
            }
        }
    }
    return nullptr;
}

const Lesson* CliLibrary::lessonForMigration(const LessonLibrary& library, const QString& migration,
                                             const QString& lessonId)
{
    for (const Lesson& lesson : library.lessons) {
        if (!lesson.isValid() || !lesson.plan.contains(migration))
            continue;
        if (lessonId.isEmpty() || lesson.id == lessonId)
            return &lesson;
    }
    return nullptr;
}

QString CliLibrary::lessonList(const LessonLibrary& library)
{
    QStringList names;
    for (const Lesson& lesson : library.lessons) {
        if (lesson.isValid())
            names << QString("%1 (%2)").arg(lesson.id).arg(lesson.number);
    }
    return names.isEmpty() ? QString("none") : names.join(", ");
}

} // namespace locklab
