#include "core/lesson/JsonFieldReader.h"

#include <QJsonValue>
#include <cmath>
#include <utility>

namespace locklab {

namespace {

// Largest integer a double (and so a JSON number in Qt) holds exactly.
constexpr double maxExactInteger = 9007199254740992.0; // 2^53

QString quoted(const QString& key)
{
    return "'" + key + "'";
}

} // namespace

JsonFieldReader::JsonFieldReader(QJsonObject object, QString context, QStringList* errors)
    : m_object(std::move(object))
    , m_context(std::move(context))
    , m_errors(errors)
{
}

JsonFieldReader JsonFieldReader::nested(const QJsonObject& object, const QString& where) const
{
    return JsonFieldReader(object, m_context + ": " + where, m_errors);
}

void JsonFieldReader::addError(const QString& message) const
{
    m_errors->append(m_context + ": " + message);
}

QString JsonFieldReader::requiredString(const QString& key) const
{
    if (!has(key)) {
        addError(quoted(key) + " is missing");
        return {};
    }
    const QString value = optionalString(key);
    if (m_object.value(key).isString() && value.trimmed().isEmpty())
        addError(quoted(key) + " is empty");
    return value;
}

QString JsonFieldReader::optionalString(const QString& key, const QString& fallback) const
{
    if (!has(key))
        return fallback;
    const QJsonValue value = m_object.value(key);
    if (!value.isString()) {
        addError(quoted(key) + " must be a string");
        return fallback;
    }
    return value.toString();
}

bool JsonFieldReader::optionalBool(const QString& key, bool fallback) const
{
    if (!has(key))
        return fallback;
    const QJsonValue value = m_object.value(key);
    if (!value.isBool()) {
        addError(quoted(key) + " must be true or false");
        return fallback;
    }
    return value.toBool();
}

std::optional<qint64> JsonFieldReader::requiredInteger(const QString& key) const
{
    if (!has(key)) {
        addError(quoted(key) + " is missing");
        return std::nullopt;
    }
    const std::optional<qint64> value = toInteger(m_object.value(key));
    if (!value)
        addError(quoted(key) + " must be a whole number");
    return value;
}

qint64 JsonFieldReader::optionalInteger(const QString& key, qint64 fallback) const
{
    if (!has(key))
        return fallback;
    return requiredInteger(key).value_or(fallback);
}

std::optional<QJsonArray> JsonFieldReader::requiredArray(const QString& key) const
{
    if (!has(key)) {
        addError(quoted(key) + " is missing");
        return std::nullopt;
    }
    const QJsonValue value = m_object.value(key);
    if (!value.isArray()) {
        addError(quoted(key) + " must be a list ([...])");
        return std::nullopt;
    }
    return value.toArray();
}

std::optional<QJsonObject> JsonFieldReader::requiredObject(const QString& key) const
{
    if (!has(key)) {
        addError(quoted(key) + " is missing");
        return std::nullopt;
    }
    const QJsonValue value = m_object.value(key);
    if (!value.isObject()) {
        addError(quoted(key) + " must be an object ({...})");
        return std::nullopt;
    }
    return value.toObject();
}

QStringList JsonFieldReader::stringList(const QString& key, bool required) const
{
    if (!required && !has(key))
        return {};
    const std::optional<QJsonArray> array = requiredArray(key);
    if (!array)
        return {};
    QStringList result;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QJsonValue item = array->at(i);
        if (!item.isString() || item.toString().trimmed().isEmpty()) {
            addError(QString("%1 item %2 must be a non-empty string").arg(quoted(key)).arg(i + 1));
            continue;
        }
        result.append(item.toString());
    }
    return result;
}

void JsonFieldReader::rejectUnknownKeys(std::initializer_list<const char*> known) const
{
    for (const QString& key : m_object.keys()) {
        if (key.startsWith('_'))
            continue;
        bool isKnown = false;
        for (const char* name : known)
            isKnown = isKnown || key == QLatin1String(name);
        if (!isKnown) {
            QStringList names;
            for (const char* name : known)
                names.append(quoted(QString::fromLatin1(name)));
            addError(QString("unknown field %1 (known fields: %2)").arg(quoted(key), names.join(", ")));
        }
    }
}

std::optional<qint64> JsonFieldReader::toInteger(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || std::fabs(number) > maxExactInteger)
        return std::nullopt;
    return static_cast<qint64>(number);
}

} // namespace locklab
