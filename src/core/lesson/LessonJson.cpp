#include "core/lesson/LessonJson.h"

#include "core/lesson/LessonCastJson.h"
#include "core/lesson/LessonParameterJson.h"
#include "core/lesson/RowTemplate.h"
#include "core/lesson/TeachingJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <utility>

namespace locklab {

namespace {

QString quoted(const QString& text)
{
    return "'" + text + "'";
}

// A field's string value when it is a non-empty string: used to name an item
// in error messages before the item itself has been checked.
QString nameOf(const QJsonObject& object, const char* key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    return value.isString() ? value.toString().trimmed() : QString();
}

// :first and :last are the bounds the worker binds for each batch or chunk.
// The lookbehind skips casts such as x::first (not that anyone names a type so).
bool usesPlaceholder(const QString& sql, const char* name)
{
    const QRegularExpression placeholder(QString("(?<![:\\w]):%1\\b").arg(QLatin1String(name)));
    return placeholder.match(sql).hasMatch();
}

void checkPlaceholders(const JsonFieldReader& reader, const QString& sql, bool needsBounds, const QString& what)
{
    for (const char* name : { "first", "last" }) {
        const bool used = usesPlaceholder(sql, name);
        if (needsBounds && !used)
            reader.addError(QString("%1 must use the placeholder :%2").arg(what, QLatin1String(name)));
        else if (!needsBounds && used)
            reader.addError(QString("%1 uses :%2, which only batched statements get; add \"batched\"")
                                .arg(what, QLatin1String(name)));
    }
}

SqlStatement readStatementObject(const JsonFieldReader& reader)
{
    reader.rejectUnknownKeys({ "sql", "batched" });
    SqlStatement statement;
    statement.sql = reader.requiredString("sql");
    if (reader.has("batched")) {
        statement.batched = true;
        if (const std::optional<QJsonObject> object = reader.requiredObject("batched")) {
            const JsonFieldReader batched = reader.nested(*object, "'batched'");
            batched.rejectUnknownKeys({ "table", "key", "batch_size_param", "pause_param" });
            statement.batchTable = batched.requiredString("table");
            statement.batchKey = batched.optionalString("key", statement.batchKey);
            statement.batchSizeParameter = batched.requiredString("batch_size_param");
            statement.pauseParameter = batched.optionalString("pause_param");
        }
    }
    if (!statement.sql.trimmed().isEmpty())
        checkPlaceholders(reader, statement.sql, statement.batched, "'sql'");
    return statement;
}

SeedTable readSeedTable(const JsonFieldReader& reader)
{
    reader.rejectUnknownKeys({ "table", "rows", "rows_param", "chunk_rows", "insert", "columns", "values" });
    SeedTable table;
    table.table = reader.requiredString("table");
    const bool fixed = reader.has("rows");
    const bool parameterised = reader.has("rows_param");
    if (fixed && parameterised)
        reader.addError("give either 'rows' or 'rows_param', not both");
    else if (!fixed && !parameterised)
        reader.addError("'rows' (a fixed count) or 'rows_param' (a step parameter) is missing");
    if (fixed) {
        table.fixedRows = reader.optionalInteger("rows", 0);
        if (table.fixedRows < 0)
            reader.addError(QString("'rows' %1 is negative").arg(table.fixedRows));
    }
    if (parameterised)
        table.rowsParameter = reader.requiredString("rows_param");
    table.chunkRows = reader.optionalInteger("chunk_rows", table.chunkRows);
    if (table.chunkRows < 1)
        reader.addError(QString("'chunk_rows' %1 must be at least 1").arg(table.chunkRows));
    const bool copied = reader.has("columns") || reader.has("values");
    if (copied && reader.has("insert")) {
        reader.addError("give either 'insert' (SQL the server runs) or 'columns' and 'values' (rows LockLab "
                        "generates), not both");
    } else if (copied) {
        table.columns = reader.stringList("columns", true);
        table.values = reader.stringList("values", true);
        RowTemplate rows;
        QString error;
        if (table.columns.isEmpty())
            reader.addError("'columns' is empty; name the columns the rows give, e.g. [\"id\", \"name\"]");
        else if (table.columns.size() != table.values.size())
            reader.addError(QString("'columns' names %1 column(s) but 'values' gives %2; give one value per column")
                                .arg(table.columns.size())
                                .arg(table.values.size()));
        else if (!RowTemplate::parse(table.values, &rows, &error))
            reader.addError("'values': " + error);
    } else {
        table.insertSql = reader.requiredString("insert");
        if (!table.insertSql.trimmed().isEmpty())
            checkPlaceholders(reader, table.insertSql, true, "'insert'");
    }
    return table;
}

void readSeed(const JsonFieldReader& step, LessonStep* result)
{
    const std::optional<QJsonObject> object = step.requiredObject("seed");
    if (!object)
        return;
    const JsonFieldReader seed = step.nested(*object, "'seed'");
    seed.rejectUnknownKeys({ "reset", "reset_to", "tables" });
    result->resetStatements = seed.stringList("reset", false);
    result->resetTo = seed.optionalString("reset_to");
    const std::optional<QJsonArray> tables = seed.requiredArray("tables");
    if (!tables)
        return;
    if (tables->isEmpty())
        seed.addError("'tables' is empty; list at least one table to fill");
    for (qsizetype i = 0; i < tables->size(); ++i) {
        const QString name = nameOf(tables->at(i).toObject(), "table");
        const QString label = name.isEmpty() ? QString("table %1").arg(i + 1) : "table " + quoted(name);
        if (!tables->at(i).isObject())
            seed.addError(label + " must be an object ({...})");
        else
            result->seedTables.append(readSeedTable(seed.nested(tables->at(i).toObject(), label)));
    }
}

void rejectFieldsOfOtherKinds(const JsonFieldReader& step, const QString& kind)
{
    struct KindField
    {
        const char* field;
        const char* kind;
    };
    const KindField kindFields[] = {
        { "target", "migrate" }, { "plan", "migrate" }, { "sql", "sql" }, { "transaction", "sql" }, { "seed", "seed" }
    };
    for (const KindField& kindField : kindFields) {
        if (step.has(QLatin1String(kindField.field)) && kind != QLatin1String(kindField.kind))
            step.addError(QString("'%1' is only used by steps of kind '%2'")
                              .arg(QLatin1String(kindField.field), QLatin1String(kindField.kind)));
    }
}

LessonStep readStep(const JsonFieldReader& reader, const QString& lessonDirectory, LessonParameterJson& parameters)
{
    // clang-format off
    reader.rejectUnknownKeys(
        { "id",         "title",  "explanation",   "look_for",    "kind",   "probes",           "parameters",
          "target",     "plan",   "sql",           "transaction", "seed",   "actors",           "lead_ms",
          "prediction", "django", "version_notes", "size_notes",  "answer", "instructor_notes", "expected_error",
          "min_server_version" });
    // clang-format on
    LessonStep step;
    step.id = reader.requiredString("id");
    step.title = reader.requiredString("title");
    step.explanation = readLessonFile(reader, "explanation", true, lessonDirectory);
    step.lookFor = readLessonFile(reader, "look_for", false, lessonDirectory);
    // "probes": true/false switches them; a list declares the step's own series.
    if (reader.object().value("probes").isArray())
        step.probeSpecs = readProbeSpecs(reader, "probes");
    else
        step.probes = reader.optionalBool("probes", step.probes);
    step.actors = readActorSpecs(reader, "actors");
    step.leadMs = reader.optionalInteger("lead_ms", step.leadMs);
    if (reader.has("lead_ms") && (step.leadMs < 0 || step.leadMs > 60000))
        reader.addError(QString("'lead_ms' %1 must be between 0 and 60000").arg(step.leadMs));
    step.parameters = parameters.readStep(reader);
    step.teaching = readStepTeaching(reader, lessonDirectory);
    step.expectedError = readExpectedError(reader);
    step.minServerVersion = int(reader.optionalInteger("min_server_version", 0));
    if (reader.has("min_server_version") && (step.minServerVersion < 10 || step.minServerVersion > 99))
        reader.addError(QString("'min_server_version' %1 must be a PostgreSQL major version between 10 and 99 "
                                "(18, not 180000)")
                            .arg(step.minServerVersion));

    const QString kind = reader.requiredString("kind");
    if (kind == "migrate") {
        step.kind = StepKind::Migrate;
        step.target = reader.requiredString("target");
        step.plan = reader.stringList("plan", false);
    } else if (kind == "sql") {
        step.kind = StepKind::Sql;
        step.statements = readSqlStatementList(reader, "sql", true);
        step.transaction = reader.optionalBool("transaction", false);
        bool batched = false;
        for (const SqlStatement& statement : std::as_const(step.statements))
            batched = batched || statement.batched;
        if (batched && step.transaction)
            reader.addError("a batched statement commits every batch, so it cannot run with 'transaction': true");
    } else if (kind == "seed") {
        step.kind = StepKind::Seed;
        readSeed(reader, &step);
    } else if (reader.has("kind") && !kind.isEmpty()) {
        reader.addError(QString("'kind' must be \"seed\", \"migrate\" or \"sql\", not \"%1\"").arg(kind));
    }
    rejectFieldsOfOtherKinds(reader, kind);
    return step;
}

} // namespace

QString stepLabel(const QString& id, qsizetype index)
{
    return id.isEmpty() ? QString("step %1").arg(index + 1) : "step " + quoted(id);
}

QString migrationLabel(const QString& name, qsizetype index)
{
    return name.isEmpty() ? QString("migration %1").arg(index + 1) : "migration " + quoted(name);
}

QList<SqlStatement> readSqlStatementList(const JsonFieldReader& owner, const QString& key, bool required)
{
    QList<SqlStatement> statements;
    if (!required && !owner.has(key))
        return statements;
    const std::optional<QJsonArray> array = owner.requiredArray(key);
    if (!array)
        return statements;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QJsonValue item = array->at(i);
        const QString label = QString("%1 statement %2").arg(quoted(key)).arg(i + 1);
        if (item.isString()) {
            SqlStatement statement;
            statement.sql = item.toString();
            if (statement.sql.trimmed().isEmpty())
                owner.addError(label + " is empty");
            else
                checkPlaceholders(owner, statement.sql, false, label);
            statements.append(statement);
        } else if (item.isObject()) {
            statements.append(readStatementObject(owner.nested(item.toObject(), label)));
        } else {
            owner.addError(label + " must be a string of SQL or an object ({\"sql\": ...})");
        }
    }
    return statements;
}

// "lock_timeout_ms", "retry" and "lock_timeout_applies_to" of a migration.
LockRetry readLockRetry(const JsonFieldReader& reader, const Migration& migration)
{
    LockRetry retry;
    const auto inRange = [&](const JsonFieldReader& where, const QString& key, qint64 value, qint64 low, qint64 high) {
        if (value < low || value > high) {
            where.addError(QString("'%1' must be from %2 to %3 (got %4)").arg(key).arg(low).arg(high).arg(value));
            return false;
        }
        return true;
    };
    if (reader.has("lock_timeout_ms")) {
        const std::optional<qint64> ms = reader.requiredInteger("lock_timeout_ms");
        if (ms && inRange(reader, "lock_timeout_ms", *ms, 1, 60000))
            retry.lockTimeoutMs = int(*ms);
    }
    if (reader.has("retry")) {
        if (!reader.has("lock_timeout_ms"))
            reader.addError("'retry' needs 'lock_timeout_ms': only a lock that was not granted in time is retried");
        if (const std::optional<QJsonObject> object = reader.requiredObject("retry")) {
            const JsonFieldReader nested = reader.nested(*object, "'retry'");
            nested.rejectUnknownKeys({ "attempts", "backoff_ms", "max_backoff_ms" });
            const qint64 attempts = nested.optionalInteger("attempts", retry.attempts);
            const qint64 backoff = nested.optionalInteger("backoff_ms", retry.backoffMs);
            const qint64 maxBackoff = nested.optionalInteger("max_backoff_ms",
                                                             std::max<qint64>(backoff, retry.maxBackoffMs));
            if (inRange(nested, "attempts", attempts, 1, 20))
                retry.attempts = int(attempts);
            if (inRange(nested, "backoff_ms", backoff, 0, 60000))
                retry.backoffMs = int(backoff);
            if (inRange(nested, "max_backoff_ms", maxBackoff, 0, 60000)) {
                if (maxBackoff < backoff)
                    nested.addError("'max_backoff_ms' must not be smaller than 'backoff_ms'");
                retry.maxBackoffMs = int(maxBackoff);
            }
        }
    }
    if (reader.has("lock_timeout_applies_to")) {
        const QString scope = reader.requiredString("lock_timeout_applies_to");
        if (!reader.has("lock_timeout_ms"))
            reader.addError("'lock_timeout_applies_to' needs 'lock_timeout_ms'");
        if (scope == "forward")
            retry.backward = false;
        else if (scope == "backward")
            retry.forward = false;
        else if (scope != "both" && !scope.isEmpty())
            reader.addError(
                QString(R"('lock_timeout_applies_to' must be "both", "forward" or "backward", not "%1")").arg(scope));
    }
    // Two lock timeouts would disagree about which one the SQL view shows.
    if (retry.lockTimeoutMs > 0) {
        static const QRegularExpression handWritten(R"(^\s*SET\s+(LOCAL\s+|SESSION\s+)?lock_timeout\b)",
                                                    QRegularExpression::CaseInsensitiveOption);
        for (const auto* list : { &migration.forward, &migration.backward }) {
            for (const SqlStatement& statement : *list) {
                if (handWritten.match(statement.sql).hasMatch()) {
                    reader.addError("remove the hand-written '" + statement.sql.simplified()
                                    + "': 'lock_timeout_ms' makes LockLab set the lock timeout itself");
                    return retry;
                }
            }
        }
    }
    return retry;
}

Migration readMigration(const JsonFieldReader& reader)
{
    reader.rejectUnknownKeys({ "name", "title", "atomic", "forward", "backward", "lock_timeout_ms", "retry",
                               "lock_timeout_applies_to", "backward_atomic" });
    Migration migration;
    migration.name = reader.requiredString("name");
    migration.title = reader.requiredString("title");
    migration.atomic = reader.optionalBool("atomic", migration.atomic);
    migration.backwardAtomic = reader.optionalBool("backward_atomic", migration.atomic);
    migration.forward = readSqlStatementList(reader, "forward", true);
    const QJsonValue forward = reader.object().value("forward");
    if (forward.isArray() && forward.toArray().isEmpty())
        reader.addError("'forward' is empty; a migration must change something");
    // An empty backward list is allowed: undoing a data backfill changes nothing.
    migration.backward = readSqlStatementList(reader, "backward", true);
    migration.lockRetry = readLockRetry(reader, migration);
    for (const bool forwardDirection : { true, false }) {
        if (!migration.isAtomic(forwardDirection))
            continue;
        for (const SqlStatement& statement : forwardDirection ? migration.forward : migration.backward) {
            if (statement.batched) {
                reader.addError(forwardDirection
                                    ? "a batched statement commits every batch, so its migration needs 'atomic': false"
                                    : "a batched statement commits every batch, so its migration needs "
                                      "'backward_atomic': false");
                return migration;
            }
        }
    }
    return migration;
}

Lesson readLesson(const JsonFieldReader& reader, const QString& lessonDirectory)
{
    reader.rejectUnknownKeys({ "id", "number", "title", "summary", "group", "plan", "tables", "steps", "pages",
                               "probes", "parameter_blocks" });
    Lesson lesson;
    lesson.id = reader.requiredString("id");
    lesson.number = static_cast<int>(reader.requiredInteger("number").value_or(0));
    if (reader.has("number") && JsonFieldReader::toInteger(reader.object().value("number")).value_or(1) < 1)
        reader.addError("'number' must be 1 or more");
    lesson.title = reader.requiredString("title");
    lesson.summary = reader.optionalString("summary");
    lesson.group = reader.optionalString("group");
    lesson.plan = reader.stringList("plan", false);
    lesson.tables = reader.stringList("tables", false);
    QSet<QString> tables;
    for (const QString& table : lesson.tables) {
        if (table.trimmed().isEmpty())
            reader.addError("'tables' holds an empty name; list the names of the tables the lesson works on");
        else if (tables.contains(table))
            reader.addError(QString("'tables' lists '%1' twice").arg(table));
        tables.insert(table);
    }
    lesson.pages = readLessonPages(reader, lessonDirectory);
    lesson.probeSpecs = readProbeSpecs(reader, "probes");
    LessonParameterJson parameters(reader);

    const std::optional<QJsonArray> steps = reader.requiredArray("steps");
    if (!steps)
        return lesson;
    if (steps->isEmpty())
        reader.addError("'steps' is empty; a lesson needs at least one step");
    QMap<QString, qsizetype> indexOfStepId;
    for (qsizetype i = 0; i < steps->size(); ++i) {
        const QString id = nameOf(steps->at(i).toObject(), "id");
        const QString label = stepLabel(id, i);
        if (!steps->at(i).isObject()) {
            reader.addError(label + " must be an object ({...})");
            continue;
        }
        if (!id.isEmpty() && indexOfStepId.contains(id))
            reader.addError(QString("%1: 'id' is not unique: steps %2 and %3 both use it")
                                .arg(label)
                                .arg(indexOfStepId.value(id) + 1)
                                .arg(i + 1));
        if (!indexOfStepId.contains(id))
            indexOfStepId.insert(id, i);
        lesson.steps.append(readStep(reader.nested(steps->at(i).toObject(), label), lessonDirectory, parameters));
    }
    parameters.reportUnused(reader);
    return lesson;
}

} // namespace locklab
