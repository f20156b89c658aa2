#pragma once

#include <QString>

#include <optional>

class QSqlDatabase;

namespace locklab {

// Quotes an SQL identifier the way PostgreSQL's quote_ident() does.
QString quoteIdentifier(const QString& identifier);

// Quotes an SQL string literal the way PostgreSQL's quote_literal() does.
QString quoteLiteral(const QString& value);

// Whether a table (schema-qualified, e.g. "locklab.migrations") exists; empty
// when the question itself failed (the reason goes to `error`).
// Whether an error's SQLSTATE says the session is gone: 57P01..57P05
// (terminated by an administrator, crash, shutdown) or class 08 (connection
// exception). SQLSTATEs, not messages: libpq translates its messages.
bool isConnectionLostState(const QString& sqlState);

std::optional<bool> relationExists(const QSqlDatabase& db, const QString& qualifiedName, QString* error = nullptr);

} // namespace locklab
