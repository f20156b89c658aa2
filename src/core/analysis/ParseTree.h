#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace locklab {

// Small readers for libpg_query's JSON parse tree, where every node is an
// object with one key naming its type ({"RangeVar": {...}}) and fields at
// their default value (false, 0, empty) are left out.
namespace ParseTree {

QString nodeType(const QJsonObject& node);
QJsonObject body(const QJsonObject& node); // the fields of a node, whatever its type
QJsonObject child(const QJsonObject& fields, const QString& key, const QString& type);

// "public.large_user" or "large_user" from a RangeVar's fields.
QString relationName(const QJsonObject& rangeVar);
// The strings of a name list ([{"String":{"sval":"pg_catalog"}}, ...]).
QStringList names(const QJsonArray& list);
// "varchar(20)", "int4", "numeric(10,2)" from a TypeName's fields.
QString typeName(const QJsonObject& typeName);
QString baseTypeName(const QJsonObject& typeName); // "varchar"
QList<int> typeModifiers(const QJsonObject& typeName);

// Every node of `type` anywhere below `value` (their fields).
void collect(const QJsonValue& value, const QString& type, QList<QJsonObject>* found);
// Every RangeVar below `value`: typed fields hold them bare ({"relname": ...}), lists wrap them.
void collectRelations(const QJsonValue& value, QList<QJsonObject>* found);
// Names of every function called anywhere below `value`, lower case.
QStringList functionNames(const QJsonValue& value);

} // namespace ParseTree

} // namespace locklab
