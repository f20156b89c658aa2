#pragma once

#include "core/analysis/AnalysisReport.h"
#include "core/lesson/Lesson.h"
#include "core/lesson/ProbeSpec.h"
#include "core/observe/ProbeSettings.h"
#include "core/server/ConnectionSettings.h"
#include "core/tryout/SafeRewriter.h"
#include "core/tryout/SeedPlanner.h"

#include <QMap>
#include <QSet>
#include <QString>
#include <optional>

namespace locklab {

struct TryRequest
{
    QString migrationSql;
    QString schemaSql; // CREATE TABLE ... of the tables it touches
    QMap<QString, qint64> rows; // table (lower case) -> rows; others get defaultRows
    qint64 defaultRows = 100000;
    bool writeProbe = false; // probe writes instead of reads
    bool safeRewrite = false; // run the generated safe rewrite instead of the migration
    // The sandbox database's extensions; nullopt until a server is asked:
    // then TryRunner checks TryPlan::extensions before anything runs.
    std::optional<QSet<QString>> installedExtensions;
    int pgVersion = 0;
};

// A CREATE EXTENSION of the migration or the schema: it may run only when the
// extension is already installed in the sandbox database.
struct NeededExtension
{
    QString name;
    QString statement; // "Statement 2" or "The schema statement 'CREATE EXTENSION ...'"
};

// "Try your own", planned before anything runs: the prediction (the
// analyser, in sandbox mode), the refusals, the generated rows, and a lesson
// of three steps the LessonRunner runs like any other: prepare (schema of
// its own, tables, rows; no probes), the migration (probes + lock monitor)
// and cleanup (drop the schema; no probes).
struct TryPlan
{
    static constexpr const char* schema = "locklab_try";
    static constexpr const char* lessonId = "try-your-own";
    enum Step { Prepare = 0, Migrate = 1, Cleanup = 2 };

    QString error; // non-empty: nothing may run (refusals, parse errors, unusable schema)
    AnalysisReport prediction; // of what runs: the migration or its rewrite
    AnalysisReport original; // of the migration as given
    SeedPlan seed;
    QList<NeededExtension> extensions;
    SafeRewrite rewrite;
    LessonLibrary library;
    ProbeSettings probes; // rate, connections, timeout
    ProbeSpec probe; // what the migration step's probes run: reads, or writes with writeProbe
    bool writeProbe = false;
    QString probeTable;

    bool ok() const { return error.isEmpty(); }

    static TryPlan build(const TryRequest& request, const ProbeSettings& baseProbes);
    // The sandbox connection with the try schema first on every connection's
    // search_path, then `extensionSchemas` (where the extensions the migration
    // uses keep their types, functions and operator classes).
    static ConnectionSettings connection(const ConnectionSettings& sandbox, const QStringList& extensionSchemas = {});
    // The CREATE TABLE statements of the lesson tables: those of the first
    // migration of the lesson plan that creates tables (lesson data).
    static QString lessonSchema(const LessonLibrary& library);
    // Why the plan must not run on a database with `installed` extensions
    // (`available`: those the server could install), one line per statement; empty when it may.
    QStringList extensionRefusals(const QSet<QString>& installed, const QSet<QString>& available) const;
};

} // namespace locklab
