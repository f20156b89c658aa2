#pragma once

#include "core/lesson/Lesson.h"
#include "core/migration/SchemaSnapshot.h"

#include <QList>
#include <QString>

class QSqlDatabase;

namespace locklab {

struct PlannedMigration
{
    Migration migration;
    bool forward = true;
};

// The record of applied migrations in the sandbox (locklab.migrations), like
// Django's django_migrations, and the plan that moves it to a target.
class MigrationLedger
{
public:
    static bool ensureTable(QSqlDatabase& db, QString* error);
    static QList<AppliedMigration> applied(const QSqlDatabase& db, QString* error);
    static bool record(QSqlDatabase& db, const QString& name, double durationMs, QString* error);
    static bool forget(QSqlDatabase& db, const QString& name, QString* error);
    static bool clear(QSqlDatabase& db, QString* error);

    // What to run to reach `target` within `lessonPlan`: first roll back, newest
    // first, every applied migration that is not in the plan up to the target
    // (including ones from other lessons), then apply, in plan order, every
    // migration up to the target that is not applied yet.
    static bool plan(const QMap<QString, Migration>& catalog, const QStringList& lessonPlan,
                     const QStringList& appliedNames, const QString& target, QList<PlannedMigration>* steps,
                     QString* error);

    // `showmigrations`-style lines: "[X] 0001_initial". An applied migration
    // not in `lessonPlan` is said to be from another lesson, or, when it is in
    // `lessonMigrations`, on another path of this one (a risky step's
    // migration while the safe path's step is shown).
    static QStringList describe(const QStringList& lessonPlan, const QStringList& appliedNames,
                                const QStringList& lessonMigrations = {});
};

} // namespace locklab
