#include "core/lesson/Lesson.h"

#include <algorithm>

namespace locklab {

const LessonParameter* LessonStep::parameter(const QString& name) const
{
    for (const LessonParameter& candidate : parameters) {
        if (candidate.name == name)
            return &candidate;
    }
    return nullptr;
}

QString LessonStep::versionShortfall(int serverMajor) const
{
    if (serverMajor <= 0 || serverMajor >= minServerVersion)
        return {};
    return QString("needs PostgreSQL %1 or newer; this server is %2").arg(minServerVersion).arg(serverMajor);
}

// Only the step's own parameters are returned: a value given for a parameter
// the step does not declare (say "rows" passed to every step by the headless
// runner) means nothing to this step. A given value is clamped to the
// parameter's limits, because the worker loops on these numbers and a batch
// size of 0 would never finish; a value that is not a number is ignored.
QVariantMap LessonStep::resolvedParameters(const QVariantMap& given) const
{
    QVariantMap resolved;
    for (const LessonParameter& declared : parameters) {
        qint64 value = declared.defaultValue;
        const auto found = given.constFind(declared.name);
        if (found != given.constEnd()) {
            bool isNumber = false;
            const qint64 givenValue = found->toLongLong(&isNumber);
            if (isNumber)
                value = std::clamp(givenValue, declared.minimum, std::max(declared.minimum, declared.maximum));
        }
        resolved.insert(declared.name, value);
    }
    return resolved;
}

const Lesson* LessonLibrary::lesson(const QString& id) const
{
    for (const Lesson& candidate : lessons) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

const Migration* LessonLibrary::migration(const QString& name) const
{
    const auto found = migrations.constFind(name);
    return found == migrations.constEnd() ? nullptr : &found.value();
}

QStringList Lesson::allMigrations() const
{
    QStringList all = plan;
    for (const LessonStep& step : steps) {
        for (const QString& name : step.plan) {
            if (!all.contains(name))
                all << name;
        }
    }
    return all;
}

LessonStep migrationStep(const Lesson& lesson, const QString& target)
{
    LessonStep step;
    step.id = "migrate-to-" + target;
    step.title = QString("Migrate to %1").arg(target);
    step.kind = StepKind::Migrate;
    step.target = target;
    step.probes = true;
    step.probeSpecs = lesson.probeSpecs;
    for (const LessonStep& other : lesson.steps) {
        if (other.kind != StepKind::Migrate)
            continue;
        for (const LessonParameter& parameter : other.parameters) {
            if (!step.parameter(parameter.name))
                step.parameters.append(parameter);
        }
    }
    return step;
}

QString stepKindName(StepKind kind)
{
    switch (kind) {
    case StepKind::Seed:
        return "seed";
    case StepKind::Migrate:
        return "migrate";
    case StepKind::Sql:
        return "sql";
    }
    return QString();
}

} // namespace locklab
