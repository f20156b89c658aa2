#pragma once

#include "core/lesson/ActorSpec.h"
#include "core/lesson/ProbeSpec.h"
#include "core/lesson/StepTeaching.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace locklab {

// A value the attendee may change before running a step (row count, batch size...).
struct LessonParameter
{
    QString name; // "rows", "batch_size", "pause_ms": referenced by seed tables and batched statements
    QString label; // "Rows"
    QString unit; // "rows", "ms" (may be empty)
    QString description;
    qint64 defaultValue = 0;
    qint64 minimum = 0;
    qint64 maximum = 0;
};

// One SQL statement of a migration or step. A batched statement is run
// repeatedly over primary-key ranges, each batch in its own transaction; its
// SQL uses the named placeholders :first and :last (inclusive bounds).
struct SqlStatement
{
    QString sql;
    bool batched = false;
    QString batchTable; // table whose key range is walked, e.g. "large_user"
    QString batchKey = "id"; // integer key column
    QString batchSizeParameter; // step parameter giving rows per batch, e.g. "batch_size"
    QString pauseParameter; // step parameter giving a pause between batches in ms (optional)
};

// A short lock_timeout for a migration's transactions, and what to do when it
// runs out: roll the whole transaction back and try it again after a
// jittered, growing pause. Declared in migrations.json ("lock_timeout_ms",
// "retry", "lock_timeout_applies_to"); the planner turns it into the
// SET LOCAL lock_timeout the SQL view shows and the worker runs.
struct LockRetry
{
    static constexpr int kDefaultAttempts = 5;
    static constexpr int kDefaultBackoffMs = 200;
    static constexpr int kDefaultMaxBackoffMs = 2000;

    int lockTimeoutMs = 0; // 0: LockLab sets no lock_timeout
    int attempts = kDefaultAttempts; // tries in all, the first included
    int backoffMs = kDefaultBackoffMs; // pause before the second try; doubles each time
    int maxBackoffMs = kDefaultMaxBackoffMs;
    bool forward = true; // applies when the migration is applied...
    bool backward = true; // ...and when it is rolled back

    bool appliesTo(bool forwardDirection) const { return lockTimeoutMs > 0 && (forwardDirection ? forward : backward); }
};

// A named schema change with forward and backward SQL, like a Django migration.
struct Migration
{
    QString name; // "0003_status_not_null"
    QString title; // "Make status NOT NULL (as Django emits it)"
    bool atomic = true; // forward/backward each run in one transaction with the ledger update
    // The backward may differ ("backward_atomic"): undoing a safe change can
    // need steps that commit apart, like VALIDATE after ADD ... NOT VALID.
    bool backwardAtomic = true;
    QList<SqlStatement> forward;
    QList<SqlStatement> backward;
    LockRetry lockRetry;

    bool isAtomic(bool forwardDirection) const { return forwardDirection ? atomic : backwardAtomic; }
};

// One table filled by a seed step, in chunks (one statement each, all in the
// seed's one transaction) so progress can be shown and cancel keeps control.
// The rows come either from `columns` + `values` (LockLab generates them and
// sends them with COPY: the fast way) or from `insertSql` run by the server.
struct SeedTable
{
    QString table;
    qint64 fixedRows = 0; // used when rowsParameter is empty
    QString rowsParameter; // step parameter giving the row count
    qint64 chunkRows = 100000;
    QString insertSql; // uses :first and :last, e.g. INSERT ... SELECT ... FROM generate_series(:first, :last)
    QStringList columns; // COPY: the columns given, in order
    QStringList values; // COPY: one RowTemplate value per column, e.g. "user_{n}"
};

enum class StepKind {
    Seed, // reset the lesson tables, migrate to resetTo, fill seedTables
    Migrate, // move the ledger to `target` (forward or backward)
    Sql, // run `statements` (in one transaction when `transaction`)
};

struct LessonStep
{
    QString id;
    QString title;
    QString explanation; // Markdown: what will happen and why
    QString lookFor; // Markdown: what to watch on the chart and the lock table
    StepKind kind = StepKind::Sql;
    QList<LessonParameter> parameters;
    bool probes = true; // run latency probes and the lock monitor during the step
    StepTeaching teaching; // prediction, Django code, version notes, answers (lessons/README.md)
    QString expectedError; // SQLSTATE this step is meant to fail with ("23514"); empty: it should succeed
    // The probe series this step runs: its own "probes" list, else the
    // lesson's, else probes.json's (filled in by the loader).
    QList<ProbeSpec> probeSpecs;
    QList<ActorSpec> actors; // background sessions started before the statements
    qint64 leadMs = -1; // probes and actors run this long before the statements (-1: the settings' lead)
    // "min_server_version": the oldest PostgreSQL major the step's SQL runs on
    // (18 for ADD CONSTRAINT ... NOT NULL ... NOT VALID); 0: any.
    int minServerVersion = 0;

    // Migrate
    QString target;
    // The migrations this step walks, when it differs from the lesson's plan:
    // a lesson that contrasts a risky and a safe migration gives each step its
    // own path, so reaching the safe one rolls the risky one back first.
    QStringList plan;

    // Sql
    QList<SqlStatement> statements;
    bool transaction = false;

    // Seed
    QStringList resetStatements; // e.g. DROP TABLE IF EXISTS large_user
    QString resetTo; // migration applied after the reset, e.g. "0001_initial"
    QList<SeedTable> seedTables;

    const LessonParameter* parameter(const QString& name) const;
    // Parameter values with defaults filled in for those not given.
    QVariantMap resolvedParameters(const QVariantMap& given) const;
    // Why this step cannot run on a server of this major version ("needs
    // PostgreSQL 18 or newer; this server is 15"); empty when it can, or when
    // the major is not known (0).
    QString versionShortfall(int serverMajor) const;
};

struct Lesson;

// The JSON name of a step kind: "seed", "migrate" or "sql".
QString stepKindName(StepKind kind);

// A step that moves the ledger to `target` within `lesson`'s plan (the ledger
// view's "Migrate to", the CLI's migrate): planned, probed and recorded like
// any other step, with the batch parameters the lesson's migrate steps declare.
LessonStep migrationStep(const Lesson& lesson, const QString& target);

struct Lesson
{
    QString id; // "not-null"
    int number = 0; // position in the navigator
    QString title;
    QString summary;
    QString group; // navigator heading the lesson is listed under ("Basics", "Locks", "Catalogue"); may be empty
    QString source; // the lesson.json path, for error messages
    QStringList plan; // migrations of this lesson's app, in order, for the ledger view
    // The tables the lesson works on ("tables" in lesson.json). The first is
    // the one it is about: the schema view shows it and a run records its rows.
    // A lesson that leaves "tables" out works on the tables its library seeds.
    QStringList tables;
    QList<ProbeSpec> probeSpecs; // the lesson's probe series (empty: probes.json's)
    QList<LessonStep> steps;
    QList<LessonPage> pages; // extra pages, e.g. a production checklist
    QString error; // non-empty: the lesson is broken and cannot run

    bool isValid() const { return error.isEmpty(); }
    QString mainTable() const { return tables.value(0); }
    // The migrations `step` walks: its own plan, or the lesson's.
    const QStringList& planFor(const LessonStep& step) const { return step.plan.isEmpty() ? plan : step.plan; }
    // Every migration of the lesson's plan and its steps' own plans, first seen first.
    QStringList allMigrations() const;
};

// All lessons and the migrations they define.
struct LessonLibrary
{
    QList<Lesson> lessons; // sorted by number; broken lessons included with their error
    QMap<QString, Migration> migrations;
    QList<ProbeSpec> defaultProbes; // probes.json: for lessons that declare none
    QStringList errors; // problems not tied to one lesson (e.g. a broken migrations.json)

    const Lesson* lesson(const QString& id) const;
    const Migration* migration(const QString& name) const;
};

} // namespace locklab
