#pragma once

#include "TestServer.h"
#include "core/lesson/Lesson.h"
#include "core/run/LessonRunner.h"
#include "core/run/RunRecord.h"

#include <QString>
#include <QVariantMap>

// Running one lesson step in a test and waiting for its record.
namespace locklab::test {

// What a test that runs lesson steps starts with: RunRecord registered for
// queued signals, the test server in *server and, when `library` is given,
// the built-in lessons in it. What went wrong, or empty.
QString prepareStepRuns(TestServer** server, LessonLibrary* library = nullptr);

// Runs step `step` of lesson `lessonId` on `runner` and waits up to
// `timeoutMs` for stepFinished. An empty record when the step did not start
// (with a warning saying why) or did not end in time.
RunRecord runStepAndWait(LessonRunner& runner, const LessonLibrary& library, const QString& lessonId, int step,
                         const QVariantMap& parameters = {}, int timeoutMs = 180000);

// The same for a step given as it is (a lesson directory of the test's own).
RunRecord runStepAndWait(LessonRunner& runner, const Lesson& lesson, const LessonStep& step,
                         const QMap<QString, Migration>& catalog, const QVariantMap& parameters = {},
                         int timeoutMs = 180000);

} // namespace locklab::test
