#include "core/lesson/LessonParameterJson.h"

#include <QJsonArray>
#include <QStringList>

namespace locklab {

namespace {

const QString kBlocks = QStringLiteral("parameter_blocks");

LessonParameter readParameter(const JsonFieldReader& reader)
{
    reader.rejectUnknownKeys({ "name", "label", "unit", "description", "default", "min", "max" });
    LessonParameter parameter;
    parameter.name = reader.requiredString("name");
    parameter.label = reader.requiredString("label");
    parameter.unit = reader.optionalString("unit");
    parameter.description = reader.optionalString("description");
    const std::optional<qint64> defaultValue = reader.requiredInteger("default");
    const std::optional<qint64> minimum = reader.requiredInteger("min");
    const std::optional<qint64> maximum = reader.requiredInteger("max");
    parameter.defaultValue = defaultValue.value_or(0);
    parameter.minimum = minimum.value_or(0);
    parameter.maximum = maximum.value_or(0);
    if (!defaultValue || !minimum || !maximum)
        return parameter;

    // Every parameter so far is a count or a duration; a negative one is a typo.
    if (*minimum < 0)
        reader.addError(QString("'min' %1 is negative; parameters are counts and durations").arg(*minimum));
    if (*maximum < *minimum)
        reader.addError(QString("'max' %1 is below 'min' %2").arg(*maximum).arg(*minimum));
    else if (*defaultValue < *minimum)
        reader.addError(QString("'default' %1 is below 'min' %2").arg(*defaultValue).arg(*minimum));
    else if (*defaultValue > *maximum)
        reader.addError(QString("'default' %1 is above 'max' %2").arg(*defaultValue).arg(*maximum));
    return parameter;
}

QString parameterLabel(const QString& name, qsizetype index)
{
    return name.isEmpty() ? QString("parameter %1").arg(index + 1) : QString("parameter '%1'").arg(name);
}

} // namespace

LessonParameterJson::LessonParameterJson(const JsonFieldReader& lesson)
{
    if (!lesson.has(kBlocks))
        return;
    const std::optional<QJsonObject> blocks = lesson.requiredObject(kBlocks);
    if (!blocks)
        return;
    for (auto it = blocks->begin(); it != blocks->end(); ++it) {
        if (it.key().startsWith('_'))
            continue; // a comment, as in any lesson object
        const QString blockLabel = QString("'%1': block '%2'").arg(kBlocks, it.key());
        if (it.key().trimmed().isEmpty()) {
            lesson.addError(QString("'%1' has a block with an empty name; name it, e.g. \"backfill\"").arg(kBlocks));
            continue;
        }
        if (!it.value().isArray() || it.value().toArray().isEmpty()) {
            lesson.addError(blockLabel + " must be a list of parameters ([{...}, ...])");
            continue;
        }
        const QJsonArray array = it.value().toArray();
        QList<LessonParameter> parameters;
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonObject object = array.at(i).toObject();
            const QString name = object.value("name").toString().trimmed();
            const QString label = blockLabel + ": " + parameterLabel(name, i);
            if (!array.at(i).isObject()) {
                lesson.addError(label + " must be an object ({...})");
                continue;
            }
            parameters.append(readParameter(lesson.nested(object, label)));
        }
        m_blocks.insert(it.key(), parameters);
    }
}

QList<LessonParameter> LessonParameterJson::readStep(const JsonFieldReader& step)
{
    QList<LessonParameter> parameters;
    if (!step.has("parameters"))
        return parameters;
    const std::optional<QJsonArray> array = step.requiredArray("parameters");
    if (!array)
        return parameters;
    const auto add = [&](const LessonParameter& parameter, const QString& label) {
        for (const LessonParameter& known : std::as_const(parameters)) {
            if (!parameter.name.isEmpty() && known.name == parameter.name) {
                step.addError(label + " is declared twice");
                return;
            }
        }
        parameters.append(parameter);
    };
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QJsonValue entry = array->at(i);
        if (entry.isString()) {
            const QString block = entry.toString();
            const auto it = m_blocks.constFind(block);
            if (it == m_blocks.cend()) {
                const QString known = m_blocks.isEmpty()
                    ? QString("the lesson declares no '%1'").arg(kBlocks)
                    : QString("the lesson's '%1' are: %2").arg(kBlocks, QStringList(m_blocks.keys()).join(", "));
                step.addError(QString("'parameters' names the unknown block '%1'; declare it in the lesson's '%2' or "
                                      "fix the name (%3)")
                                  .arg(block, kBlocks, known));
                continue;
            }
            m_used.insert(block);
            for (const LessonParameter& parameter : *it)
                add(parameter, QString("parameter '%1' (from block '%2')").arg(parameter.name, block));
            continue;
        }
        const QJsonObject object = entry.toObject();
        const QString name = object.value("name").toString().trimmed();
        const QString label = parameterLabel(name, i);
        if (!entry.isObject()) {
            step.addError(label + " must be an object ({...}) or the name of a block in the lesson's '" + kBlocks
                          + "'");
            continue;
        }
        add(readParameter(step.nested(object, label)), label);
    }
    return parameters;
}

void LessonParameterJson::reportUnused(const JsonFieldReader& lesson) const
{
    for (auto it = m_blocks.cbegin(); it != m_blocks.cend(); ++it) {
        if (!m_used.contains(it.key()))
            lesson.addError(QString("'%1': block '%2' is used by no step; name it in a step's 'parameters' or "
                                    "remove it")
                                .arg(kBlocks, it.key()));
    }
}

} // namespace locklab
