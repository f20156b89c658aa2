#pragma once

#include <QList>
#include <QString>

namespace locklab {

// The kinds of background session a step can put on stage.
enum class ActorKind {
    LongQuery, // runs one statement (a report: SELECT ..., pg_sleep(n)) and holds its locks until it ends
    IdleInTransaction, // BEGIN; runs its statement; then sits idle in the open transaction
    Writer, // runs its statement `rate` times a second, each in its own transaction
};

// "long_query", "idle_in_transaction", "writer": the JSON names.
QString actorKindName(ActorKind kind);

// A named background session of a lesson step ("nightly report", "forgotten
// psql"), declared in the lesson data. Each runs on its own connection and
// thread, starts before the step's statements and is stopped (its
// transaction rolled back) when the step ends or is cancelled.
struct ActorSpec
{
    QString name; // shown in the lock table and on the chart's actor lane
    ActorKind kind = ActorKind::LongQuery;
    QString sql; // may use :hold_seconds (holdMs in seconds), e.g. pg_sleep(:hold_seconds)
    qint64 holdMs = 0; // long query: how long it runs; idle: how long it stays open (0: until the step ends)
    double ratePerSecond = 0; // writer: statements a second
    qint64 startAfterMs = 0; // delay from the start of the step's recording

    // The SQL with :hold_seconds replaced by holdMs in seconds.
    QString resolvedSql() const;
    // The application_name the actor's connection reports, so the lock
    // monitor can name it: "locklab-actor:<name>" (cut to PostgreSQL's 63 bytes).
    QString applicationName() const;
    static QString applicationNamePrefix() { return QStringLiteral("locklab-actor:"); }
};

} // namespace locklab
