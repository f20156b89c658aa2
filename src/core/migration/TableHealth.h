#pragma once

#include "core/lesson/Lesson.h"
#include "core/migration/SchemaSnapshot.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace locklab {

// What to do before a measured step so that it stays comparable with the
// first run: the tables to rebuild, how, and why in words.
struct RebuildAdvice
{
    enum class Remedy {
        VacuumFull, // the table grew: rewrite it compactly (in the sandbox; pg_repack in production)
        Reseed, // dropped columns piled up: only creating the table again clears them
    };
    Remedy remedy = Remedy::VacuumFull;
    QStringList tables;
    QString summary; // one sentence: what is wrong and what it does to the next run
    QString reason; // the paragraph behind it: why, and what to do in production
};

// Runs of the lessons leave traces that make later runs slower: every UPDATE
// of every row (lesson 3) leaves a dead version of each row, which plain
// VACUUM marks reusable but does not return, so scans read more pages; and
// every ADD/DROP COLUMN cycle (lessons 2 and 4) leaves a dropped column in
// the catalog, which VACUUM FULL keeps too.
class TableHealth
{
public:
    // A table past this many times its freshly seeded size gets a rebuild offered.
    static constexpr double kGrowthFactor = 1.5;
    // A table with this many dropped columns gets a fresh seed offered.
    static constexpr int kDroppedColumns = 10;

    static std::optional<RebuildAdvice> advice(const SchemaSnapshot& snapshot);

    // A step that rewrites `tables` with VACUUM FULL and analyzes them: run
    // like any step, shown and timed, without probes.
    static LessonStep rebuildStep(const QStringList& tables);

    // "42 MB", "512 kB", "1.2 GB".
    static QString formatBytes(qint64 bytes);
};

} // namespace locklab
