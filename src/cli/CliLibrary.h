#pragma once

#include "core/lesson/Lesson.h"

#include <QString>

namespace locklab {

// Lookups in the lesson library the way a command line names things:
// lessons and steps by id or by 1-based number, parameter limits by name.
class CliLibrary
{
public:
    // "not-null" or "3"; nullptr when there is no such lesson.
    static const Lesson* findLesson(const LessonLibrary& library, const QString& idOrNumber);
    // "apply" or "1" (1-based); -1 when the lesson has no such step.
    static int findStep(const Lesson& lesson, const QString& idOrNumber);

    // The first declaration of parameter `name` in a runnable lesson (the
    // limits the help text shows and the options are checked against).
    static const LessonParameter* parameter(const LessonLibrary& library, const QString& name);

    // The lesson with the seed step (which fills the lessons' tables), and that step's index.
    static const Lesson* seedLesson(const LessonLibrary& library, int* stepIndex);

    // The first runnable lesson whose plan contains `migration` (or the one
    // named by `lessonId` when it is not empty and its plan does).
    static const Lesson* lessonForMigration(const LessonLibrary& library, const QString& migration,
                                            const QString& lessonId = QString());

    // "seed, nullable, not-null" (runnable lessons) for error messages.
    static QString lessonList(const LessonLibrary& library);
};

} // namespace locklab
