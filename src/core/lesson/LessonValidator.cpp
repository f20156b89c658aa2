#include "core/lesson/LessonValidator.h"

#include "core/lesson/LessonJson.h"

namespace locklab {

LessonValidator::LessonValidator(const QMap<QString, Migration>& migrations, const QSet<QString>& brokenMigrations,
                                 const QString& migrationsSource, bool migrationsUnreadable)
    : m_migrations(migrations)
    , m_brokenMigrations(brokenMigrations)
    , m_migrationsSource(migrationsSource)
    , m_migrationsUnreadable(migrationsUnreadable)
{
}

QString LessonValidator::migrationProblem(const QString& field, const QString& name) const
{
    // Without migrations.json every name is unknown; validate() said so once per lesson.
    if (m_migrations.contains(name) || m_migrationsUnreadable)
        return {};
    if (m_brokenMigrations.contains(name))
        return QString("'%1' names the migration '%2', which is broken in %3").arg(field, name, m_migrationsSource);
    return QString("'%1' names the unknown migration '%2'").arg(field, name);
}

bool LessonValidator::usesMigrations(const Lesson& lesson)
{
    bool uses = !lesson.plan.isEmpty();
    for (const LessonStep& step : lesson.steps)
        uses = uses || !step.target.isEmpty() || !step.resetTo.isEmpty() || !step.plan.isEmpty();
    return uses;
}

void LessonValidator::validate(const Lesson& lesson, const QString& context, QStringList* errors) const
{
    if (m_migrationsUnreadable && usesMigrations(lesson))
        errors->append(
            QString("%1: the lesson uses migrations, but %2 could not be loaded").arg(context, m_migrationsSource));
    QSet<QString> planned;
    for (const QString& name : lesson.plan) {
        if (planned.contains(name))
            errors->append(QString("%1: 'plan' lists '%2' twice").arg(context, name));
        planned.insert(name);
        const QString problem = migrationProblem("plan", name);
        if (!problem.isEmpty())
            errors->append(context + ": " + problem);
    }
    for (qsizetype i = 0; i < lesson.steps.size(); ++i) {
        const LessonStep& step = lesson.steps.at(i);
        QSet<QString> stepPlanned;
        for (const QString& name : step.plan) {
            const QString stepContext = context + ": " + stepLabel(step.id, i);
            if (stepPlanned.contains(name))
                errors->append(QString("%1: 'plan' lists '%2' twice").arg(stepContext, name));
            stepPlanned.insert(name);
            const QString problem = migrationProblem("plan", name);
            if (!problem.isEmpty())
                errors->append(stepContext + ": " + problem);
        }
    }
    for (qsizetype i = 0; i < lesson.steps.size(); ++i)
        validateStep(lesson, lesson.steps.at(i), context + ": " + stepLabel(lesson.steps.at(i).id, i), errors);
}

void LessonValidator::validateStep(const Lesson& lesson, const LessonStep& step, const QString& context,
                                   QStringList* errors) const
{
    // The migration a migrate step moves to, or the one a seed step resets to.
    QString field;
    QString migration;
    if (step.kind == StepKind::Migrate) {
        field = "target";
        migration = step.target;
    } else if (step.kind == StepKind::Seed) {
        field = "reset_to";
        migration = step.resetTo;
        for (const SeedTable& table : step.seedTables) {
            if (!table.rowsParameter.isEmpty() && !step.parameter(table.rowsParameter))
                errors->append(QString("%1: 'seed' table '%2': 'rows_param' names the undeclared parameter '%3'")
                                   .arg(context, table.table, table.rowsParameter));
        }
    } else {
        for (const SqlStatement& statement : step.statements)
            checkBatchParameters(step, statement, "'sql'", context, errors);
    }
    if (migration.isEmpty())
        return; // a missing target was reported while reading; an empty reset_to means "none"

    const QString problem = migrationProblem(field, migration);
    if (!problem.isEmpty()) {
        errors->append(context + ": " + problem);
        return;
    }
    // The ledger walks the step's plan, so a target outside it has no path.
    const qsizetype targetIndex = lesson.planFor(step).indexOf(migration);
    if (targetIndex < 0) {
        errors->append(QString("%1: '%2' '%3' is not in the %4 'plan'")
                           .arg(context, field, migration, step.plan.isEmpty() ? "lesson's" : "step's"));
        return;
    }
    // A seed step starts from empty tables, so it only ever runs forward.
    checkMigrationChain(lesson, targetIndex, step.kind == StepKind::Migrate, step, context, errors);
}

void LessonValidator::checkMigrationChain(const Lesson& lesson, qsizetype targetIndex, bool mayRunBackward,
                                          const LessonStep& step, const QString& context, QStringList* errors) const
{
    // Steps can be run in any order and lessons share the ledger, so when the
    // attendee reaches this step any migration before the target may be
    // pending, and any other migration may be applied (the ledger rolls back
    // whatever is not on the way to the target, even another lesson's). Every
    // statement that could run must find its parameters on this step.
    const QStringList kept = lesson.planFor(step).mid(0, targetIndex + 1);
    for (const QString& name : kept) {
        const auto found = m_migrations.constFind(name);
        if (found == m_migrations.constEnd())
            continue;
        for (const SqlStatement& statement : found->forward)
            checkBatchParameters(step, statement, QString("migration '%1' (forward)").arg(name), context, errors);
    }
    if (!mayRunBackward)
        return;
    for (const Migration& migration : m_migrations) {
        if (kept.contains(migration.name))
            continue;
        for (const SqlStatement& statement : migration.backward)
            checkBatchParameters(step, statement, QString("migration '%1' (backward)").arg(migration.name), context,
                                 errors);
    }
}

void LessonValidator::checkBatchParameters(const LessonStep& step, const SqlStatement& statement, const QString& where,
                                           const QString& context, QStringList* errors) const
{
    if (!statement.batched)
        return;
    for (const QString& name : { statement.batchSizeParameter, statement.pauseParameter }) {
        if (name.isEmpty())
            continue;
        const QString missing = QString("%1: %2 has a batched statement that needs the parameter '%3'; "
                                        "declare it in the step's 'parameters'")
                                    .arg(context, where, name);
        if (!step.parameter(name)) {
            if (!errors->contains(missing))
                errors->append(missing);
        } else if (name == statement.batchSizeParameter && step.parameter(name)->minimum < 1) {
            const QString zeroBatch = QString(
                                          "%1: parameter '%2' is the batch size of %3, so its 'min' must be at least 1")
                                          .arg(context, name, where);
            if (!errors->contains(zeroBatch))
                errors->append(zeroBatch);
        }
    }
}

} // namespace locklab
