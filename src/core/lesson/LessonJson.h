#pragma once

#include "core/lesson/JsonFieldReader.h"
#include "core/lesson/Lesson.h"

#include <QList>
#include <QString>

// Conversion of the JSON of lessons/migrations.json and lessons/*/lesson.json
// into the lesson model. These functions check everything one object can
// tell on its own (types, required fields, ranges, placeholders, Markdown
// files); references between objects (plan, target, parameters used by
// migrations) are checked by LessonValidator once everything is read.
// lessons/README.md documents the format for lesson authors.
namespace locklab {

// A list of SQL statements: each item is either a string of SQL or an object
// {"sql": "...", "batched": {"table", "key", "batch_size_param", "pause_param"}}.
QList<SqlStatement> readSqlStatementList(const JsonFieldReader& owner, const QString& key, bool required);

// One entry of migrations.json's "migrations" list.
Migration readMigration(const JsonFieldReader& reader);

// A whole lesson.json; Markdown files named by steps are read from `lessonDirectory`.
// Fields that cannot be read stay empty (errors go to the reader's list).
Lesson readLesson(const JsonFieldReader& reader, const QString& lessonDirectory);

// How errors name a step: "step 'apply'" when it has an id, else "step 2" (1-based).
QString stepLabel(const QString& id, qsizetype index);

// How errors name a migration: "migration '0001_initial'", else "migration 3" (1-based).
QString migrationLabel(const QString& name, qsizetype index);

} // namespace locklab
