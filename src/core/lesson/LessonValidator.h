#pragma once

#include "core/lesson/Lesson.h"

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

namespace locklab {

// Checks what one lesson file cannot check on its own: that the migrations it
// names exist, that migrate targets are in the lesson's plan, and that every
// parameter a step's SQL refers to (rows_param, batch_size_param, pause_param)
// is declared on that step, so the worker never meets an unbound parameter.
class LessonValidator
{
public:
    // `migrationsSource` is migrations.json as errors name it; `migrationsUnreadable`
    // is true when that file could not be read at all; `brokenMigrations` are
    // names it declares that were rejected (and so are not in `migrations`).
    LessonValidator(const QMap<QString, Migration>& migrations, const QSet<QString>& brokenMigrations,
                    const QString& migrationsSource, bool migrationsUnreadable);

    // Appends one error per problem, each prefixed with `context` (the lesson file).
    void validate(const Lesson& lesson, const QString& context, QStringList* errors) const;

private:
    static bool usesMigrations(const Lesson& lesson);
    // Why `field` cannot use the migration `name`, or an empty string when it can.
    QString migrationProblem(const QString& field, const QString& name) const;
    void validateStep(const Lesson& lesson, const LessonStep& step, const QString& context, QStringList* errors) const;
    // Batched statements of the migrations a step may run to reach plan[targetIndex]:
    // forward SQL of the plan up to the target, and (for migrate steps) backward
    // SQL of every other migration, since the ledger may hold any of them.
    void checkMigrationChain(const Lesson& lesson, qsizetype targetIndex, bool mayRunBackward, const LessonStep& step,
                             const QString& context, QStringList* errors) const;
    void checkBatchParameters(const LessonStep& step, const SqlStatement& statement, const QString& where,
                              const QString& context, QStringList* errors) const;

    const QMap<QString, Migration>& m_migrations;
    QSet<QString> m_brokenMigrations;
    QString m_migrationsSource;
    bool m_migrationsUnreadable;
};

} // namespace locklab
