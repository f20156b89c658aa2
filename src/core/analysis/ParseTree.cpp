#include "core/analysis/ParseTree.h"

namespace locklab {

namespace ParseTree {

QString nodeType(const QJsonObject& node)
{
    return node.isEmpty() ? QString() : node.constBegin().key();
}

QJsonObject body(const QJsonObject& node)
{
    return node.isEmpty() ? QJsonObject() : node.constBegin().value().toObject();
}

QJsonObject child(const QJsonObject& fields, const QString& key, const QString& type)
{
    return fields.value(key).toObject().value(type).toObject();
}

QString relationName(const QJsonObject& rangeVar)
{
    const QString schema = rangeVar.value("schemaname").toString();
    const QString name = rangeVar.value("relname").toString();
    return schema.isEmpty() ? name : schema + "." + name;
}

QStringList names(const QJsonArray& list)
{
    QStringList result;
    for (const QJsonValue& v : list)
        result.append(v.toObject().value("String").toObject().value("sval").toString());
    return result;
}

QString baseTypeName(const QJsonObject& typeName)
{
    const QStringList parts = names(typeName.value("names").toArray());
    return parts.isEmpty() ? QString() : parts.last();
}

QList<int> typeModifiers(const QJsonObject& typeName)
{
    QList<int> mods;
    for (const QJsonValue& v : typeName.value("typmods").toArray()) {
        const QJsonObject constant = v.toObject().value("A_Const").toObject();
        mods.append(constant.value("ival").toObject().value("ival").toInt());
    }
    return mods;
}

QString typeName(const QJsonObject& typeName)
{
    QString name = baseTypeName(typeName);
    const QList<int> mods = typeModifiers(typeName);
    if (!mods.isEmpty()) {
        QStringList parts;
        for (int m : mods)
            parts.append(QString::number(m));
        name += "(" + parts.join(",") + ")";
    }
    if (typeName.contains("arrayBounds"))
        name += "[]";
    return name;
}

void collect(const QJsonValue& value, const QString& type, QList<QJsonObject>* found)
{
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            collect(v, type, found);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key() == type && it.value().isObject())
            found->append(it.value().toObject());
        collect(it.value(), type, found);
    }
}

void collectRelations(const QJsonValue& value, QList<QJsonObject>* found)
{
    if (value.isArray()) {
        for (const QJsonValue& v : value.toArray())
            collectRelations(v, found);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    if (object.contains("relname")) {
        found->append(object);
        return;
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        collectRelations(it.value(), found);
}

QStringList functionNames(const QJsonValue& value)
{
    QList<QJsonObject> calls;
    collect(value, "FuncCall", &calls);
    QStringList result;
    for (const QJsonObject& call : calls) {
        const QStringList parts = names(call.value("funcname").toArray());
        if (!parts.isEmpty())
            result.append(parts.last().toLower());
    }
    return result;
}

} // namespace ParseTree

} // namespace locklab
