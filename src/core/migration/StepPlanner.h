#pragma once

#include "core/lesson/Lesson.h"
#include "core/migration/ExecutionPlan.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace locklab {

// Turns a lesson step, the current ledger and the parameter values into an
// ExecutionPlan. Pure: no database access, so the GUI can preview and tests
// can check it.
class StepPlanner
{
public:
    static constexpr const char* stagingSchema() { return "locklab_seed"; }

    static bool build(const Lesson& lesson, const LessonStep& step, const QMap<QString, Migration>& catalog,
                      const QStringList& appliedNames, const QVariantMap& parameters, ExecutionPlan* plan,
                      QString* error);

    // Checks parameter values against the step's limits; says which is wrong and what is allowed.
    static bool validateParameters(const LessonStep& step, const QVariantMap& parameters, QString* error);

    // The SQL view's note on a migration's lock_timeout and retries.
    static QString retryComment(const LockRetry& retry);
    // BEGIN marked for retries, and the SET LOCAL lock_timeout that follows it.
    static QList<Operation> retriedBegin(const LockRetry& retry);

    // Adds the operations of one migration in one direction.
    static void appendMigration(const Migration& migration, bool forward, const QVariantMap& parameters,
                                QList<Operation>* operations);
};

} // namespace locklab
