#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <functional>
#include <type_traits>

namespace locklab {

// A table of (JSON key, struct member) pairs that writes a struct to a JSON
// object and reads it back. Session files list each record struct's fields
// once in such a table (SessionFields.cpp), so a new field in RunRecord or
// ProbeSample is saved and opened by adding one line there.
//
// Reading is lenient about absence and strict about type: a missing key keeps
// the member's default (files from older versions lack newer fields), a key
// of the wrong type is an error naming the key (a damaged file).
namespace jsonfield {

inline QJsonValue toJson(double v)
{
    return v;
}
inline QJsonValue toJson(int v)
{
    return v;
}
inline QJsonValue toJson(qint64 v)
{
    return double(v);
}
inline QJsonValue toJson(bool v)
{
    return v;
}
inline QJsonValue toJson(const QString& v)
{
    return v;
}
inline QJsonValue toJson(const QDateTime& v)
{
    return v.isValid() ? QJsonValue(v.toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}
inline QJsonValue toJson(const QStringList& v)
{
    return QJsonArray::fromStringList(v);
}
inline QJsonValue toJson(const QVariantMap& v)
{
    return QJsonObject::fromVariantMap(v);
}
template<class E, std::enable_if_t<std::is_enum_v<E>, int> = 0> QJsonValue toJson(E v)
{
    return int(v);
}

inline bool fromJson(const QJsonValue& j, double& v)
{
    if (!j.isDouble())
        return false;
    v = j.toDouble();
    return true;
}
inline bool fromJson(const QJsonValue& j, int& v)
{
    if (!j.isDouble())
        return false;
    v = j.toInt();
    return true;
}
inline bool fromJson(const QJsonValue& j, qint64& v)
{
    if (!j.isDouble())
        return false;
    v = qint64(j.toDouble());
    return true;
}
inline bool fromJson(const QJsonValue& j, bool& v)
{
    if (!j.isBool())
        return false;
    v = j.toBool();
    return true;
}
inline bool fromJson(const QJsonValue& j, QString& v)
{
    if (!j.isString())
        return false;
    v = j.toString();
    return true;
}
inline bool fromJson(const QJsonValue& j, QDateTime& v)
{
    if (j.isNull()) {
        v = QDateTime();
        return true;
    }
    if (!j.isString())
        return false;
    v = QDateTime::fromString(j.toString(), Qt::ISODateWithMs);
    return v.isValid();
}
inline bool fromJson(const QJsonValue& j, QStringList& v)
{
    if (!j.isArray())
        return false;
    v.clear();
    for (const QJsonValue& item : j.toArray()) {
        if (!item.isString())
            return false;
        v << item.toString();
    }
    return true;
}
inline bool fromJson(const QJsonValue& j, QVariantMap& v)
{
    if (!j.isObject())
        return false;
    v = j.toObject().toVariantMap();
    return true;
}
template<class E, std::enable_if_t<std::is_enum_v<E>, int> = 0> bool fromJson(const QJsonValue& j, E& v)
{
    if (!j.isDouble())
        return false;
    v = E(j.toInt());
    return true;
}

} // namespace jsonfield

template<class T> struct JsonField
{
    QString key;
    std::function<QJsonValue(const T&)> write;
    std::function<bool(const QJsonValue&, T&)> read;
};

// JsonField for a plain member: field("latency_ms", &ProbeSample::latencyMs).
template<class T, class M> JsonField<T> field(const char* key, M T::*member)
{
    return { QString::fromLatin1(key), [member](const T& object) { return jsonfield::toJson(object.*member); },
             [member](const QJsonValue& j, T& object) { return jsonfield::fromJson(j, object.*member); } };
}

template<class T> QJsonObject writeFields(const QList<JsonField<T>>& fields, const T& object)
{
    QJsonObject json;
    for (const JsonField<T>& f : fields)
        json.insert(f.key, f.write(object));
    return json;
}

// False with *error "<what>: '<key>' ..." when a present key has the wrong type.
template<class T>
bool readFields(const QList<JsonField<T>>& fields, const QJsonObject& json, T* object, const QString& what,
                QString* error)
{
    for (const JsonField<T>& f : fields) {
        const auto it = json.constFind(f.key);
        if (it == json.constEnd())
            continue;
        if (!f.read(it.value(), *object)) {
            *error = QStringLiteral("%1: the value of '%2' is not what LockLab wrote there").arg(what, f.key);
            return false;
        }
    }
    return true;
}

} // namespace locklab
