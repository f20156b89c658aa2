#pragma once

#include "core/server/ConnectionSettings.h"

#include <QString>

class QSqlDatabase;

namespace locklab {

// LockLab's sandbox: a database LockLab created and marked with the table
// locklab.sandbox. Lesson tables are only ever created, altered or dropped
// in a marked database.
class Sandbox
{
public:
    static constexpr const char* embeddedDatabaseName() { return "locklab"; }

    // The sandbox name LockLab uses on a shared server: one per user.
    static QString externalDatabaseName(const QString& user);

    static bool isMarked(const QSqlDatabase& db);

    // Marks the database as a LockLab sandbox (idempotent).
    static bool mark(QSqlDatabase& db, QString* error);

    struct Result
    {
        ConnectionSettings settings; // where the sandbox is
        QString serverVersion; // e.g. "15.18"
        int serverVersionNumber = 0; // e.g. 150018
        QString note; // what was done: "created database locklab_ann"
    };

    // Finds or creates the sandbox reachable from `target`. On the embedded
    // server the whole cluster is ours; on an external server LockLab uses the
    // target database only if it is already marked, else its own database
    // (created when the role may create databases).
    static bool prepare(const ConnectionSettings& target, bool embedded, Result* result, QString* error);
};

} // namespace locklab
