#include "core/session/SessionFile.h"

#include "core/run/RunExporter.h"
#include "core/session/GzipCodec.h"
#include "core/session/SessionFields.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace locklab {

QByteArray SessionFile::encode(const QList<RunRecord>& runs)
{
    QJsonArray array;
    for (const RunRecord& run : runs)
        array.append(SessionFields::recordToJson(run));
    const QJsonObject root {
        { "format", QString::fromLatin1(kFormatName) },
        { "schema_version", kSchemaVersion },
        { "locklab_version", QStringLiteral(LOCKLAB_VERSION) },
        { "saved_at", QDateTime::currentDateTime().toString(Qt::ISODateWithMs) },
        { "runs", array },
    };
    return GzipCodec::compress(QJsonDocument(root).toJson(QJsonDocument::Compact));
}

bool SessionFile::decode(const QByteArray& data, Session* session, QString* error)
{
    if (data.isEmpty()) {
        *error = QStringLiteral("the file is empty");
        return false;
    }
    QByteArray json = data;
    if (GzipCodec::looksCompressed(data) && !GzipCodec::decompress(data, &json, error))
        return false;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull()) {
        *error = GzipCodec::looksCompressed(data) || json.trimmed().startsWith('{')
            ? QStringLiteral("the session data is damaged (%1 at byte %2)")
                  .arg(parseError.errorString())
                  .arg(parseError.offset)
            : QStringLiteral("it is not a LockLab session file");
        return false;
    }
    const QJsonObject root = document.object();
    if (root.value("format").toString() != QLatin1String(kFormatName)) {
        *error = QStringLiteral("it is not a LockLab session file (no \"format\": \"%1\")").arg(kFormatName);
        return false;
    }
    const int version = root.value("schema_version").toInt(0);
    const QString savedBy = root.value("locklab_version").toString();
    if (version > kSchemaVersion) {
        *error = QStringLiteral("it was saved by a newer LockLab (%1, session format %2); this LockLab (%3) reads "
                                "session formats up to %4. Update LockLab to open it.")
                     .arg(savedBy.isEmpty() ? QStringLiteral("unknown version") : savedBy)
                     .arg(version)
                     .arg(QStringLiteral(LOCKLAB_VERSION))
                     .arg(kSchemaVersion);
        return false;
    }
    if (version < 1 || !root.value("runs").isArray()) {
        *error = QStringLiteral("the session data is damaged (no schema_version or no list of runs)");
        return false;
    }
    Session result;
    result.schemaVersion = version;
    result.locklabVersion = savedBy;
    result.savedAt = QDateTime::fromString(root.value("saved_at").toString(), Qt::ISODateWithMs);
    const QJsonArray runs = root.value("runs").toArray();
    for (qsizetype i = 0; i < runs.size(); ++i) {
        RunRecord record;
        if (!runs.at(i).isObject()) {
            *error = QStringLiteral("the session data is damaged (run %1 is not an object)").arg(i + 1);
            return false;
        }
        QString why;
        if (!SessionFields::recordFromJson(runs.at(i).toObject(), &record, &why)) {
            *error = QStringLiteral("the session data is damaged (%1)").arg(why);
            return false;
        }
        result.runs.append(record);
    }
    *session = result;
    return true;
}

bool SessionFile::save(const QList<RunRecord>& runs, const QString& path, QString* error)
{
    const QByteArray data = encode(runs);
    if (data.isEmpty()) {
        *error = QStringLiteral("Cannot save %1: compressing the session failed").arg(QDir::toNativeSeparators(path));
        return false;
    }
    return RunExporter::writeFile(path, data, error);
}

bool SessionFile::load(const QString& path, Session* session, QString* error)
{
    QFile file(path);
    const auto fail = [&](const QString& why) {
        *error = QStringLiteral("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), why);
        return false;
    };
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    QString why;
    if (!decode(file.readAll(), session, &why))
        return fail(why);
    return true;
}

} // namespace locklab
