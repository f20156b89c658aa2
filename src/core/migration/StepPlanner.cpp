#include "core/migration/StepPlanner.h"

#include "core/lesson/CountParser.h"
#include "core/migration/MigrationLedger.h"
#include "core/migration/SeededSizes.h"
#include "core/server/SqlUtil.h"

namespace locklab {

bool StepPlanner::validateParameters(const LessonStep& step, const QVariantMap& parameters, QString* error)
{
    for (auto it = parameters.cbegin(); it != parameters.cend(); ++it) {
        const LessonParameter* parameter = step.parameter(it.key());
        if (!parameter) {
            *error = QString("The step '%1' has no parameter '%2'.").arg(step.title, it.key());
            return false;
        }
        bool ok = false;
        const qint64 value = it.value().toString().trimmed().toLongLong(&ok);
        if (!ok) {
            *error = QString("%1: '%2' is not a whole number. Enter a number from %3 to %4.")
                         .arg(parameter->label, it.value().toString(), CountParser::format(parameter->minimum),
                              CountParser::format(parameter->maximum));
            return false;
        }
        if (value < parameter->minimum || value > parameter->maximum) {
            *error = QString("%1: %2 is out of range. Enter a number from %3 to %4.")
                         .arg(parameter->label, CountParser::format(value), CountParser::format(parameter->minimum),
                              CountParser::format(parameter->maximum));
            return false;
        }
    }
    return true;
}

QString StepPlanner::retryComment(const LockRetry& retry)
{
    QString text = QString("-- lock_timeout %1 ms: a lock not granted in time (SQLSTATE 55P03) rolls the transaction "
                           "back")
                       .arg(retry.lockTimeoutMs);
    if (retry.attempts > 1)
        text += QString(";\n-- it is tried again, %1 tries in all, after a pause of up to %2 ms that doubles "
                        "each time "
                        "(at most %3 ms), jittered")
                    .arg(retry.attempts)
                    .arg(retry.backoffMs)
                    .arg(retry.maxBackoffMs);
    return text;
}

QList<Operation> StepPlanner::retriedBegin(const LockRetry& retry)
{
    Operation begin = Operation::of(Operation::Kind::Begin);
    begin.attempts = retry.attempts;
    begin.backoffMs = retry.backoffMs;
    begin.maxBackoffMs = retry.maxBackoffMs;
    // SET LOCAL: the timeout ends with the transaction, even when a statement fails.
    return { begin,
             Operation::of(Operation::Kind::Sql, QString("SET LOCAL lock_timeout = '%1ms'").arg(retry.lockTimeoutMs)) };
}

void StepPlanner::appendMigration(const Migration& migration, bool forward, const QVariantMap& parameters,
                                  QList<Operation>* operations)
{
    const bool retried = migration.lockRetry.appliesTo(forward);
    Operation start;
    start.kind = Operation::Kind::MigrationStart;
    start.name = migration.name;
    start.forward = forward;
    if (retried)
        start.sql = retryComment(migration.lockRetry);
    operations->append(start);
    const bool atomic = migration.isAtomic(forward);
    if (atomic)
        operations->append(retried ? retriedBegin(migration.lockRetry)
                                   : QList { Operation::of(Operation::Kind::Begin) });
    for (const SqlStatement& statement : forward ? migration.forward : migration.backward) {
        Operation op;
        op.sql = statement.sql;
        if (statement.batched) {
            op.kind = Operation::Kind::Batched;
            op.table = statement.batchTable;
            op.key = statement.batchKey;
            op.batchSize = parameters.value(statement.batchSizeParameter, 10000).toLongLong();
            op.pauseMs = statement.pauseParameter.isEmpty() ? 0
                                                            : parameters.value(statement.pauseParameter).toLongLong();
            operations->append(op);
        } else if (retried && !atomic) {
            // Not atomic: each statement commits on its own, so each is its own retried transaction.
            operations->append(retriedBegin(migration.lockRetry));
            operations->append(op);
            operations->append(Operation::of(Operation::Kind::Commit));
        } else {
            operations->append(op);
        }
    }
    Operation ledger;
    ledger.kind = forward ? Operation::Kind::LedgerRecord : Operation::Kind::LedgerForget;
    ledger.name = migration.name;
    operations->append(ledger);
    if (atomic)
        operations->append(Operation::of(Operation::Kind::Commit));
}

bool StepPlanner::build(const Lesson& lesson, const LessonStep& step, const QMap<QString, Migration>& catalog,
                        const QStringList& appliedNames, const QVariantMap& givenParameters, ExecutionPlan* plan,
                        QString* error)
{
    *plan = {};
    if (!validateParameters(step, givenParameters, error))
        return false;
    const QVariantMap parameters = step.resolvedParameters(givenParameters);
    plan->tables = lesson.tables;

    switch (step.kind) {
    case StepKind::Migrate: {
        QList<PlannedMigration> migrations;
        if (!MigrationLedger::plan(catalog, lesson.planFor(step), appliedNames, step.target, &migrations, error))
            return false;
        for (const PlannedMigration& planned : migrations)
            appendMigration(planned.migration, planned.forward, parameters, &plan->operations);
        return true;
    }
    case StepKind::Sql: {
        if (step.transaction)
            plan->operations.append(Operation::of(Operation::Kind::Begin));
        for (const SqlStatement& statement : step.statements) {
            Operation op;
            op.sql = statement.sql;
            if (statement.batched) { // e.g. the safe rewrite of "try your own": batches commit one by one
                op.kind = Operation::Kind::Batched;
                op.table = statement.batchTable;
                op.key = statement.batchKey;
                op.batchSize = parameters.value(statement.batchSizeParameter, 10000).toLongLong();
            }
            plan->operations.append(op);
        }
        if (step.transaction)
            plan->operations.append(Operation::of(Operation::Kind::Commit));
        return true;
    }
    case StepKind::Seed:
        break;
    }

    // Seeding builds the new tables in a staging schema in one transaction
    // that also creates them: with wal_level = minimal (the embedded server)
    // their rows are written without WAL, and the indexes are built once
    // after the load instead of row by row. The chunks are statements in that
    // transaction, so progress shows and a cancel rolls everything back. A
    // second short transaction swaps the tables in: until it commits, the
    // previous tables and the ledger are untouched.
    const QString staging = quoteIdentifier(stagingSchema());
    auto sql = [](const QString& text) { return Operation::of(Operation::Kind::Sql, text); };
    plan->operations << sql("DROP SCHEMA IF EXISTS " + staging + " CASCADE") << Operation::of(Operation::Kind::Begin)
                     << sql("CREATE SCHEMA " + staging) << sql("SET LOCAL search_path = " + staging);
    const int resetIndex = lesson.plan.indexOf(step.resetTo);
    const QStringList chain = resetIndex >= 0 ? lesson.plan.mid(0, resetIndex + 1) : QStringList { step.resetTo };
    for (const QString& name : chain) {
        if (!catalog.contains(name)) {
            *error = QString("The seed step names the unknown migration '%1'.").arg(name);
            return false;
        }
        for (const SqlStatement& statement : catalog.value(name).forward)
            plan->operations << sql(statement.sql);
    }
    for (const SeedTable& table : step.seedTables) {
        Operation fill;
        fill.kind = Operation::Kind::Fill;
        fill.table = table.table;
        fill.sql = table.insertSql;
        fill.columns = table.columns;
        fill.values = table.values;
        fill.rows = table.rowsParameter.isEmpty() ? table.fixedRows
                                                  : parameters.value(table.rowsParameter).toLongLong();
        fill.batchSize = qMax<qint64>(1, table.chunkRows);
        plan->totalRows += fill.rows;
        Operation defer;
        defer.kind = Operation::Kind::DeferIndexes;
        defer.table = table.table;
        Operation restore = defer;
        restore.kind = Operation::Kind::RestoreIndexes;
        plan->operations << defer << fill << restore;
    }
    plan->operations << Operation::of(Operation::Kind::Commit) << Operation::of(Operation::Kind::Begin);
    for (const QString& statement : step.resetStatements)
        plan->operations << sql(statement);
    for (const SeedTable& table : step.seedTables)
        plan->operations << sql(
            QString("ALTER TABLE %1.%2 SET SCHEMA public").arg(staging, quoteIdentifier(table.table)));
    plan->operations << sql("DROP SCHEMA " + staging) << Operation::of(Operation::Kind::LedgerClear);
    for (const QString& name : chain) {
        Operation record;
        record.kind = Operation::Kind::LedgerRecord;
        record.name = name;
        plan->operations << record;
    }
    plan->operations << Operation::of(Operation::Kind::Commit);
    for (const SeedTable& table : step.seedTables) {
        plan->onSuccess << sql("ANALYZE " + quoteIdentifier(table.table));
        // The fresh size, against which later runs' bloat is measured (TableHealth).
        plan->onSuccess << sql(SeededSizes::recordSql(table.table));
    }
    plan->onFailure << sql("DROP SCHEMA IF EXISTS " + staging + " CASCADE");
    return true;
}

} // namespace locklab
