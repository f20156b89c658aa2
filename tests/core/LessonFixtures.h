#pragma once

#include "core/lesson/Lesson.h"

#include <QJsonValue>
#include <QString>

// Helpers for tests of lesson files: comparing loaded libraries, and copying
// and breaking lesson trees on purpose.
namespace locklab::test {

// "seed", "migrate" or "sql", as lesson.json spells the kind.

// Everything the loader produced except where the files were, so that two
// loads of the same lessons from different places compare equal.
QString describe(const LessonLibrary& library);

// Copies a lesson tree (also from a Qt resource) into `to`, writing the
// contents rather than using QFile::copy, which keeps resources read-only.
bool copyTree(const QString& from, const QString& to);

// Rewrites the JSON file `file` with the value at `path` ("steps/@backfill/probes")
// replaced by `value`, or removed when `value` is undefined. A path segment is
// an object key, an array index, or "@x" for the array element whose "name",
// "id" or "table" is x (robust against reordering). Returns an error, or an
// empty string on success.
QString editJsonFile(const QString& file, const QString& path, const QJsonValue& value);

} // namespace locklab::test
