#pragma once

#include "core/lesson/JsonFieldReader.h"
#include "core/lesson/StepTeaching.h"

#include <QList>
#include <QString>

// The teaching fields of lesson.json (prediction, django, version_notes,
// size_notes, answer, instructor_notes, pages): read and checked here so
// that LessonJson stays about what a step runs. lessons/README.md documents them.
namespace locklab {

// Reads the text file a step names in `key`, relative to the lesson directory.
QString readLessonFile(const JsonFieldReader& owner, const QString& key, bool required, const QString& lessonDirectory);

// A step's "expected_error": a five-character SQLSTATE, or empty.
QString readExpectedError(const JsonFieldReader& step);

StepTeaching readStepTeaching(const JsonFieldReader& step, const QString& lessonDirectory);

QList<LessonPage> readLessonPages(const JsonFieldReader& lesson, const QString& lessonDirectory);

} // namespace locklab
