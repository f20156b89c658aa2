#include "RecordedRun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace locklab::test {

namespace {

ProbeOutcome outcomeOf(const QString& name)
{
    if (name == "timeout")
        return ProbeOutcome::Timeout;
    if (name == "error")
        return ProbeOutcome::Error;
    if (name == "no_free_connection")
        return ProbeOutcome::NoFreeConnection;
    return ProbeOutcome::Ok;
}

} // namespace

QString readRecordedRun(const QString& base, RunRecord* record)
{
    QFile jsonFile(base + ".json");
    if (!jsonFile.open(QIODevice::ReadOnly))
        return jsonFile.fileName() + ": " + jsonFile.errorString();
    const QJsonObject json = QJsonDocument::fromJson(jsonFile.readAll()).object();
    if (json.isEmpty())
        return jsonFile.fileName() + ": not a JSON object";
    record->lessonId = json.value("lesson").toString();
    record->stepId = json.value("step").toString();
    record->rowCount = qint64(json.value("row_count").toDouble());
    record->serverVersion = json.value("server_version").toString();
    record->probeTimeoutMs = json.value("probe_timeout_ms").toDouble();
    record->migrationStartMs = json.value("migration_start_ms").toDouble();
    record->migrationEndMs = json.value("migration_end_ms").toDouble();
    record->endMs = json.value("end_ms").toDouble();
    record->succeeded = json.value("succeeded").toBool();
    record->cancelled = json.value("cancelled").toBool();
    record->error = json.value("error").toString();
    for (const QJsonValue& value : json.value("statements").toArray()) {
        const QJsonObject s = value.toObject();
        StatementTiming statement;
        statement.sql = s.value("sql").toString();
        statement.startMs = s.value("start_ms").toDouble();
        statement.endMs = s.value("end_ms").toDouble();
        statement.rowsAffected = s.value("rows_affected").isNull() ? -1 : qint64(s.value("rows_affected").toDouble());
        statement.error = s.value("error").toString();
        statement.sqlState = s.value("sqlstate").toString();
        statement.batches = s.value("batches").toInt();
        record->statements << statement;
    }
    for (const QJsonValue& value : json.value("locks").toArray()) {
        const QJsonObject l = value.toObject();
        LockInterval lock;
        lock.pid = l.value("pid").toInt();
        lock.holder = l.value("holder").toString();
        lock.relation = l.value("relation").toString();
        lock.mode = l.value("mode").toString();
        lock.granted = l.value("granted").toBool();
        lock.fromMs = l.value("from_ms").toDouble();
        lock.toMs = l.value("to_ms").toDouble();
        record->locks << lock;
    }

    QFile csvFile(base + ".csv");
    if (!csvFile.open(QIODevice::ReadOnly | QIODevice::Text))
        return csvFile.fileName() + ": " + csvFile.errorString();
    const QStringList lines = QString::fromUtf8(csvFile.readAll()).split('\n', Qt::SkipEmptyParts);
    // scheduled_ms,start_ms,latency_ms,outcome,probe,step,message (the message may hold commas: not needed here)
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList fields = lines.at(i).split(',');
        if (fields.size() < 6)
            return QString("%1: line %2 has %3 fields").arg(csvFile.fileName()).arg(i + 1).arg(fields.size());
        ProbeSample sample;
        sample.scheduledMs = fields.at(0).toDouble();
        sample.startMs = fields.at(1).toDouble();
        sample.inFlight = fields.at(3) == "in_flight";
        sample.latencyMs = fields.at(2).toDouble();
        sample.outcome = outcomeOf(fields.at(3));
        sample.probe = fields.at(4).toInt();
        sample.step = fields.at(5);
        record->samples << sample;
    }
    return {};
}

} // namespace locklab::test
