#include "core/lesson/LessonCastJson.h"

#include <QRegularExpression>
#include <QSet>

namespace locklab {

namespace {

constexpr qint64 kMaxHoldMs = 600000; // ten minutes: longer is a typo, not a lesson
constexpr int kMaxActorNameChars = 40;

bool usesWord(const QString& sql, const QString& word)
{
    const QRegularExpression pattern(QStringLiteral("(?<![:\\w]):%1\\b").arg(word));
    return pattern.match(sql).hasMatch();
}

// The bounds :first/:last belong to batched statements; a probe or an actor
// never gets them, and a stray one would reach the server as a syntax error.
void rejectBatchPlaceholders(const JsonFieldReader& reader, const QString& sql)
{
    for (const char* name : { "first", "last" }) {
        if (usesWord(sql, QLatin1String(name)))
            reader.addError(
                QStringLiteral("'sql' uses :%1, which only batched statements get").arg(QLatin1String(name)));
    }
}

template<typename Read>
void forEachObject(const JsonFieldReader& owner, const QString& key, const char* what, Read read)
{
    if (!owner.has(key))
        return;
    const std::optional<QJsonArray> array = owner.requiredArray(key);
    if (!array)
        return;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString label = QStringLiteral("'%1' %2 %3").arg(key, QLatin1String(what)).arg(i + 1);
        if (!array->at(i).isObject()) {
            owner.addError(label + QStringLiteral(" must be an object ({...})"));
            continue;
        }
        read(owner.nested(array->at(i).toObject(), label));
    }
}

ProbeSpec readProbe(const JsonFieldReader& reader)
{
    reader.rejectUnknownKeys({ "kind", "table", "sql" });
    ProbeSpec probe;
    const QString kind = reader.requiredString("kind");
    if (kind == QLatin1String("write"))
        probe.kind = ProbeKind::Write;
    else if (!kind.isEmpty() && kind != QLatin1String("read"))
        reader.addError(QStringLiteral("'kind' must be \"read\" or \"write\", not \"%1\"").arg(kind));
    probe.table = reader.requiredString("table");
    probe.sql = reader.requiredString("sql");
    if (!probe.sql.isEmpty()) {
        rejectBatchPlaceholders(reader, probe.sql);
        if (!probe.table.isEmpty() && !probe.sql.contains(probe.table, Qt::CaseInsensitive))
            reader.addError(QStringLiteral("'sql' does not mention its table '%1'").arg(probe.table));
    }
    return probe;
}

ActorSpec readActor(const JsonFieldReader& reader)
{
    reader.rejectUnknownKeys({ "name", "kind", "sql", "hold_ms", "rate", "start_after_ms" });
    ActorSpec actor;
    actor.name = reader.requiredString("name");
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9 _.,()'-]+$"));
    if (!actor.name.isEmpty() && (actor.name.size() > kMaxActorNameChars || !plain.match(actor.name).hasMatch()))
        reader.addError(QStringLiteral("'name' must be at most %1 plain characters (letters, digits, spaces, "
                                       "_ . , ( ) ' -): PostgreSQL shows it as the session's application_name")
                            .arg(kMaxActorNameChars));
    const QString kind = reader.requiredString("kind");
    if (kind == QLatin1String("long_query"))
        actor.kind = ActorKind::LongQuery;
    else if (kind == QLatin1String("idle_in_transaction"))
        actor.kind = ActorKind::IdleInTransaction;
    else if (kind == QLatin1String("writer"))
        actor.kind = ActorKind::Writer;
    else if (!kind.isEmpty())
        reader.addError(QStringLiteral("'kind' must be \"long_query\", \"idle_in_transaction\" or \"writer\", "
                                       "not \"%1\"")
                            .arg(kind));
    actor.sql = reader.requiredString("sql");
    if (actor.kind == ActorKind::LongQuery && kind == QLatin1String("long_query") && !reader.has("hold_ms"))
        reader.addError(QStringLiteral("'hold_ms' is missing: how long the long query runs"));
    actor.holdMs = reader.optionalInteger("hold_ms", 0);
    if (actor.holdMs < 0 || actor.holdMs > kMaxHoldMs)
        reader.addError(QStringLiteral("'hold_ms' %1 must be between 0 and %2").arg(actor.holdMs).arg(kMaxHoldMs));
    if (reader.has("rate")) {
        const QJsonValue rate = reader.object().value(QStringLiteral("rate"));
        actor.ratePerSecond = rate.toDouble(-1);
        if (!rate.isDouble() || actor.ratePerSecond < 0.1 || actor.ratePerSecond > 100)
            reader.addError(QStringLiteral("'rate' must be a number of statements a second from 0.1 to 100"));
        if (kind != QLatin1String("writer"))
            reader.addError(QStringLiteral("'rate' is only used by actors of kind \"writer\""));
    } else if (kind == QLatin1String("writer")) {
        reader.addError(QStringLiteral("'rate' is missing: how many statements a second the writer runs"));
    }
    actor.startAfterMs = reader.optionalInteger("start_after_ms", 0);
    if (actor.startAfterMs < 0 || actor.startAfterMs > kMaxHoldMs)
        reader.addError(
            QStringLiteral("'start_after_ms' %1 must be between 0 and %2").arg(actor.startAfterMs).arg(kMaxHoldMs));
    if (!actor.sql.isEmpty()) {
        rejectBatchPlaceholders(reader, actor.sql);
        if (usesWord(actor.sql, QStringLiteral("hold_seconds")) && !reader.has("hold_ms"))
            reader.addError(QStringLiteral("'sql' uses :hold_seconds but 'hold_ms' is not given"));
    }
    return actor;
}

} // namespace

QList<ProbeSpec> readProbeSpecs(const JsonFieldReader& owner, const QString& key)
{
    QList<ProbeSpec> probes;
    QSet<int> kinds;
    forEachObject(owner, key, "probe", [&](const JsonFieldReader& reader) {
        const qsizetype before = reader.errorCount();
        const ProbeSpec probe = readProbe(reader);
        if (reader.errorCount() != before)
            return;
        if (kinds.contains(int(probe.kind))) {
            reader.addError(QStringLiteral("a second \"%1\" probe: declare at most one read and one write probe")
                                .arg(probeKindName(probe.kind)));
            return;
        }
        kinds.insert(int(probe.kind));
        probes.append(probe);
    });
    if (owner.has(key) && owner.object().value(key).isArray() && owner.object().value(key).toArray().isEmpty())
        owner.addError(QStringLiteral("'%1' is empty; declare a read or a write probe, or leave it out").arg(key));
    return probes;
}

QList<ActorSpec> readActorSpecs(const JsonFieldReader& owner, const QString& key)
{
    QList<ActorSpec> actors;
    QSet<QString> names;
    forEachObject(owner, key, "actor", [&](const JsonFieldReader& reader) {
        const ActorSpec actor = readActor(reader);
        if (!actor.name.isEmpty() && names.contains(actor.name))
            reader.addError(QStringLiteral("the name '%1' is used by two actors of this step").arg(actor.name));
        names.insert(actor.name);
        actors.append(actor);
    });
    return actors;
}

} // namespace locklab
