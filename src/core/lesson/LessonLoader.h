#pragma once

#include "core/lesson/Lesson.h"

#include <QString>

namespace locklab {

// Reads lessons from a directory: `migrations.json` plus one sub-directory per
// lesson holding `lesson.json` and the Markdown files its steps name (format:
// lessons/README.md). Works on real directories (an instructor's own lessons,
// `--lessons DIR`) and on the built-in copy compiled into the binary.
//
// Loading never fails as a whole: a broken lesson stays in the library with
// its `error` set (so the navigator can show why it cannot run) and the other
// lessons load; problems not tied to one lesson go to `LessonLibrary::errors`.
// Every message names the file and the field, e.g.
//   lessons/03-not-null/lesson.json: step 'apply': 'sql' is missing
class LessonLoader
{
public:
    static LessonLibrary loadDirectory(const QString& directory);
    static LessonLibrary loadBuiltIn();
    // The Qt resource directory the built-in lessons are compiled into.
    static QString builtInPath();
};

} // namespace locklab
