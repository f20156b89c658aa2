#pragma once

#include <QString>
#include <QVariantList>

#include <optional>

class QSqlDatabase;
class QSqlQuery;
struct pg_conn;

namespace locklab {

// Quotes an SQL identifier the way PostgreSQL's quote_ident() does. Pure,
// for SQL built without a connection (the planner's preview, lesson text);
// with a connection at hand use escapeIdentifier().
QString quoteIdentifier(const QString& identifier);

// Quotes an SQL string literal the way PostgreSQL's quote_literal() does.
// Pure, like quoteIdentifier(); with a connection use escapeLiteral().
QString quoteLiteral(const QString& value);

// libpq's PQescapeIdentifier / PQescapeLiteral on db's connection, which
// know its client encoding. Fall back to the pure quoting when db has no
// open libpq connection.
QString escapeIdentifier(const QSqlDatabase& db, const QString& identifier);
QString escapeLiteral(const QSqlDatabase& db, const QString& value);

// libpq's handle under a QPSQL connection; nullptr when there is none.
pg_conn* libpqConnection(const QSqlDatabase& db);

// Whether an error's SQLSTATE says the session is gone: 57P01..57P05
// (terminated by an administrator, crash, shutdown) or class 08 (connection
// exception). SQLSTATEs, not messages: libpq translates its messages.
bool isConnectionLostState(const QString& sqlState);

// Prepares `sql` (with ? placeholders) on `query`, binds `values` in order
// and runs it. False when any of it fails, with the server's message in
// *error (when given), after `context` and ": " when a context is given
// ("Could not write the run journal: ..."). The rows stay on `query`.
bool execPrepared(QSqlQuery& query, const QString& sql, const QVariantList& values, QString* error = nullptr,
                  const QString& context = QString());

// Creates LockLab's own schema `locklab` if missing, then runs `createTableSql`
// (a CREATE TABLE IF NOT EXISTS locklab.... statement). False with *error as
// "`context`: the server's message" when either fails.
bool ensureLocklabTable(QSqlDatabase& db, const QString& createTableSql, const QString& context, QString* error);

// Whether a table (schema-qualified, e.g. "locklab.migrations") exists; empty
// when the question itself failed (the reason goes to `error`).
std::optional<bool> relationExists(const QSqlDatabase& db, const QString& qualifiedName, QString* error = nullptr);

} // namespace locklab
