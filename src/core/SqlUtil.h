#pragma once

#include <QString>

namespace locklab {

// Quotes an SQL identifier the way PostgreSQL's quote_ident() does.
QString quoteIdentifier(const QString& identifier);

// Quotes an SQL string literal the way PostgreSQL's quote_literal() does.
QString quoteLiteral(const QString& value);

} // namespace locklab
