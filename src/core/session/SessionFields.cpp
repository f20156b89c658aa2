#include "core/session/SessionFields.h"

#include "core/run/Verdict.h"
#include "core/session/JsonFields.h"

namespace locklab {

namespace {

// One line per field. Keys are the file format: never rename one, add new ones.
const QList<JsonField<ProbeSample>>& sampleFields()
{
    static const QList<JsonField<ProbeSample>> fields {
        field("scheduled_ms", &ProbeSample::scheduledMs),
        field("start_ms", &ProbeSample::startMs),
        field("latency_ms", &ProbeSample::latencyMs),
        field("outcome", &ProbeSample::outcome),
        field("probe", &ProbeSample::probe),
        field("message", &ProbeSample::message),
        field("step", &ProbeSample::step),
        field("in_flight", &ProbeSample::inFlight),
        field("kind", &ProbeSample::kind),
    };
    return fields;
}

const QList<JsonField<StatementTiming>>& statementFields()
{
    static const QList<JsonField<StatementTiming>> fields {
        field("sql", &StatementTiming::sql),         field("start_ms", &StatementTiming::startMs),
        field("end_ms", &StatementTiming::endMs),    field("rows_affected", &StatementTiming::rowsAffected),
        field("error", &StatementTiming::error),     field("sqlstate", &StatementTiming::sqlState),
        field("batches", &StatementTiming::batches), field("attempt", &StatementTiming::attempt),
    };
    return fields;
}

const QList<JsonField<LockInterval>>& lockFields()
{
    static const QList<JsonField<LockInterval>> fields {
        field("pid", &LockInterval::pid),           field("holder", &LockInterval::holder),
        field("relation", &LockInterval::relation), field("mode", &LockInterval::mode),
        field("granted", &LockInterval::granted),   field("from_ms", &LockInterval::fromMs),
        field("to_ms", &LockInterval::toMs),        field("blocked_by", &LockInterval::blockedBy),
        field("table", &LockInterval::table),
    };
    return fields;
}

const QList<JsonField<ActorSpan>>& actorFields()
{
    static const QList<JsonField<ActorSpan>> fields {
        field("name", &ActorSpan::name),    field("kind", &ActorSpan::kind),
        field("pid", &ActorSpan::pid),      field("start_ms", &ActorSpan::startMs),
        field("end_ms", &ActorSpan::endMs), field("problem", &ActorSpan::problem),
    };
    return fields;
}

const QList<JsonField<RunRecord>>& recordFields()
{
    static const QList<JsonField<RunRecord>> fields {
        field("lesson", &RunRecord::lessonId),
        field("lesson_title", &RunRecord::lessonTitle),
        field("step", &RunRecord::stepId),
        field("step_title", &RunRecord::stepTitle),
        field("row_count", &RunRecord::rowCount),
        field("parameters", &RunRecord::parameters),
        field("sweep_series", &RunRecord::sweepSeries),
        field("server_version", &RunRecord::serverVersion),
        field("started_at", &RunRecord::startedAt),
        field("probe_timeout_ms", &RunRecord::probeTimeoutMs),
        field("blocked_threshold_ms", &RunRecord::blockedThresholdMs),
        field("migration_start_ms", &RunRecord::migrationStartMs),
        field("migration_end_ms", &RunRecord::migrationEndMs),
        field("end_ms", &RunRecord::endMs),
        field("succeeded", &RunRecord::succeeded),
        field("cancelled", &RunRecord::cancelled),
        field("failed_as_expected", &RunRecord::failedAsExpected),
        field("error", &RunRecord::error),
        field("preflight_warnings", &RunRecord::preflightWarnings),
    };
    return fields;
}

template<class T> QJsonArray writeList(const QList<JsonField<T>>& fields, const QList<T>& items)
{
    QJsonArray array;
    for (const T& item : items)
        array.append(writeFields(fields, item));
    return array;
}

template<class T>
bool readList(const QList<JsonField<T>>& fields, const QJsonObject& json, const QString& key, QList<T>* items,
              const QString& what, QString* error)
{
    const QJsonValue value = json.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *error = QStringLiteral("%1: '%2' is not a list").arg(what, key);
        return false;
    }
    const QJsonArray array = value.toArray();
    items->reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            *error = QStringLiteral("%1: entry %2 of '%3' is not an object").arg(what).arg(i + 1).arg(key);
            return false;
        }
        T item;
        if (!readFields(fields, array.at(i).toObject(), &item, QStringLiteral("%1, %2 %3").arg(what, key).arg(i + 1),
                        error))
            return false;
        items->append(item);
    }
    return true;
}

} // namespace

QJsonObject SessionFields::recordToJson(const RunRecord& record)
{
    QJsonObject json = writeFields(recordFields(), record);
    json.insert("samples", writeList(sampleFields(), record.samples));
    json.insert("statements", writeList(statementFields(), record.statements));
    json.insert("locks", writeList(lockFields(), record.locks));
    json.insert("actors", writeList(actorFields(), record.actors));
    // For a reader without LockLab; opening recomputes both from the samples.
    const RunSummary summary(record);
    json.insert("verdict", Verdict::describe(summary));
    json.insert("headline", Verdict::headline(summary));
    return json;
}

bool SessionFields::recordFromJson(const QJsonObject& json, RunRecord* record, QString* error)
{
    RunRecord result;
    const QString what
        = QStringLiteral("run '%1/%2'").arg(json.value("lesson").toString(), json.value("step").toString());
    if (!readFields(recordFields(), json, &result, what, error)
        || !readList(sampleFields(), json, "samples", &result.samples, what, error)
        || !readList(statementFields(), json, "statements", &result.statements, what, error)
        || !readList(lockFields(), json, "locks", &result.locks, what, error)
        || !readList(actorFields(), json, "actors", &result.actors, what, error))
        return false;
    *record = result;
    return true;
}

} // namespace locklab
