#include "LessonFixtures.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <optional>

namespace locklab::test {

namespace {

QString describeStatements(const QList<SqlStatement>& statements)
{
    QString text;
    for (const SqlStatement& statement : statements) {
        text += "    " + statement.sql;
        if (statement.batched)
            text += QString(" [batched %1.%2 size=%3 pause=%4]")
                        .arg(statement.batchTable, statement.batchKey, statement.batchSizeParameter,
                             statement.pauseParameter);
        text += '\n';
    }
    return text;
}

// The index in `array` that a path segment names: a number, or "@x" for the
// element whose "name", "id" or "table" is x (robust against reordering).
std::optional<qsizetype> indexIn(const QJsonArray& array, const QString& segment)
{
    if (!segment.startsWith('@')) {
        bool isNumber = false;
        const int index = segment.toInt(&isNumber);
        return isNumber && index >= 0 && index < array.size() ? std::optional<qsizetype>(index) : std::nullopt;
    }
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        for (const char* key : { "name", "id", "table" }) {
            if (object.value(QLatin1String(key)).toString() == segment.mid(1))
                return i;
        }
    }
    return std::nullopt;
}

// `node` with the value at `path` replaced by `value`, or removed when `value`
// is undefined; nothing when the path does not lead anywhere.
std::optional<QJsonValue> edited(const QJsonValue& node, QStringList path, const QJsonValue& value)
{
    const QString segment = path.takeFirst();
    if (node.isObject()) {
        QJsonObject object = node.toObject();
        if (!object.contains(segment) && !(path.isEmpty() && !value.isUndefined()))
            return std::nullopt;
        if (path.isEmpty()) {
            if (value.isUndefined())
                object.remove(segment);
            else
                object.insert(segment, value);
            return object;
        }
        const std::optional<QJsonValue> child = edited(object.value(segment), path, value);
        if (!child)
            return std::nullopt;
        object.insert(segment, *child);
        return object;
    }
    QJsonArray array = node.toArray();
    const std::optional<qsizetype> index = indexIn(array, segment);
    if (!node.isArray() || !index)
        return std::nullopt;
    if (path.isEmpty()) {
        if (value.isUndefined())
            array.removeAt(*index);
        else
            array.replace(*index, value);
        return array;
    }
    const std::optional<QJsonValue> child = edited(array.at(*index), path, value);
    if (!child)
        return std::nullopt;
    array.replace(*index, *child);
    return array;
}

} // namespace

QString describe(const LessonLibrary& library)
{
    QString text = "errors: " + library.errors.join(" | ") + '\n';
    for (const Lesson& lesson : library.lessons) {
        text += QString("lesson %1 %2 '%3' '%4' plan=%5 error='%6'\n")
                    .arg(lesson.number)
                    .arg(lesson.id, lesson.title, lesson.summary, lesson.plan.join(','), lesson.error);
        for (const LessonStep& step : lesson.steps) {
            text += QString("  step %1 %2 '%3' probes=%4 target=%5 transaction=%6 reset_to=%7\n")
                        .arg(step.id, stepKindName(step.kind), step.title)
                        .arg(step.probes)
                        .arg(step.target)
                        .arg(step.transaction)
                        .arg(step.resetTo);
            text += step.explanation + step.lookFor;
            for (const LessonParameter& p : step.parameters)
                text += QString("    param %1 '%2' %3 '%4' %5 %6..%7\n")
                            .arg(p.name, p.label, p.unit, p.description)
                            .arg(p.defaultValue)
                            .arg(p.minimum)
                            .arg(p.maximum);
            text += describeStatements(step.statements);
            text += "    reset: " + step.resetStatements.join(" | ") + '\n';
            for (const SeedTable& table : step.seedTables)
                text += QString("    seed %1 rows=%2 param=%3 chunk=%4 %5 columns=%6 values=%7\n")
                            .arg(table.table)
                            .arg(table.fixedRows)
                            .arg(table.rowsParameter)
                            .arg(table.chunkRows)
                            .arg(table.insertSql, table.columns.join(','), table.values.join(','));
        }
    }
    for (const Migration& migration : library.migrations) {
        text += QString("migration %1 '%2' atomic=%3\n").arg(migration.name, migration.title).arg(migration.atomic);
        text += "  forward\n" + describeStatements(migration.forward);
        text += "  backward\n" + describeStatements(migration.backward);
    }
    return text;
}

bool copyTree(const QString& from, const QString& to)
{
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = to + "/" + QDir(from).relativeFilePath(path);
        QFile source(path);
        QFile copy(target);
        if (!QDir().mkpath(QFileInfo(target).path()) || !source.open(QIODevice::ReadOnly)
            || !copy.open(QIODevice::WriteOnly) || copy.write(source.readAll()) < 0)
            return false;
    }
    return true;
}

QString editJsonFile(const QString& fileName, const QString& path, const QJsonValue& value)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return fileName + ": " + file.errorString();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    if (!document.isObject())
        return fileName + ": not a JSON object: " + parseError.errorString();
    const std::optional<QJsonValue> changed = edited(document.object(), path.split('/'), value);
    if (!changed)
        return fileName + " has no " + path;
    const QByteArray content = QJsonDocument(changed->toObject()).toJson();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return fileName + ": " + file.errorString();
    return {};
}

} // namespace locklab::test
