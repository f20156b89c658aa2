#pragma once

#include "core/lesson/JsonFieldReader.h"
#include "core/lesson/Lesson.h"

#include <QList>
#include <QMap>
#include <QSet>
#include <QString>

namespace locklab {

// The parameters of a lesson's steps, read from lesson data. Steps that
// share parameters (every step of lesson 5 that may run the batched
// backfill declares batch_size and pause_ms) name a block the lesson
// declares once:
//
//   "parameter_blocks": {"backfill": [{"name": "batch_size", ...}, {...}]},
//   "steps": [{"id": "validate", "parameters": ["backfill"], ...}]
//
// An entry of a step's "parameters" is a parameter object or the name of a
// block; a block's parameters take its place in the list.
class LessonParameterJson
{
public:
    // The lesson's "parameter_blocks" (absent: none). Problems are reported
    // on `lesson` with the block and the parameter.
    explicit LessonParameterJson(const JsonFieldReader& lesson);

    // One step's "parameters", blocks expanded; notes which blocks it used.
    QList<LessonParameter> readStep(const JsonFieldReader& step);

    // Reports blocks no step names (a typo in a step leaves one unused).
    void reportUnused(const JsonFieldReader& lesson) const;

private:
    QMap<QString, QList<LessonParameter>> m_blocks;
    QSet<QString> m_used;
};

} // namespace locklab
