#pragma once

#include "core/server/ConnectionSettings.h"

#include <QString>
#include <QStringList>
#include <QVariant>

class QSqlDatabase;

// Running a statement in a test, to set up or check what a step did.
namespace locklab::test {

// Runs `sql` on `db`. False, with a warning naming the statement and the
// server's message, when it fails; `first` gets the first row's first value
// (null without rows).
bool execOrWarn(const QSqlDatabase& db, const QString& sql, QVariant* first = nullptr);

// The same on a connection of its own, opened with `settings` and closed after.
bool execOn(const ConnectionSettings& settings, const QString& sql, QVariant* first = nullptr);

// The first value `sql` returns on a connection of its own, as a number; -1
// when the connection or the statement failed or no row came back.
qint64 scalarOn(const ConnectionSettings& settings, const QString& sql);

// The rows `sql` returns on a connection of its own, each its values joined
// by " | ": easy to compare and to read in a failure. One line starting
// "connection failed: " or "query failed: " when it could not run.
QStringList rowsOn(const ConnectionSettings& settings, const QString& sql);

} // namespace locklab::test
