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
std::optional<bool> relationExists(const QSqlDatabase& db, const QString& qualifiedName, QString* error = nullptr);

} // namespace locklab
