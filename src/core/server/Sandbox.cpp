#include "core/server/Sandbox.h"

#include "core/server/DatabaseConnection.h"
#include "core/server/SqlUtil.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace locklab {

QString Sandbox::externalDatabaseName(const QString& user)
{
    QString safe = user.toLower();
    safe.replace(QRegularExpression("[^a-z0-9_]"), "_");
    return safe.isEmpty() ? QString("locklab") : "locklab_" + safe;
}

bool Sandbox::isMarked(const QSqlDatabase& db)
{
    return relationExists(db, "locklab.sandbox").value_or(false);
}

bool Sandbox::mark(QSqlDatabase& db, QString* error)
{
    QSqlQuery query(db);
    const char* const statements[] = {
        "CREATE SCHEMA IF NOT EXISTS locklab",
        "CREATE TABLE IF NOT EXISTS locklab.sandbox (created_at timestamptz NOT NULL DEFAULT now(), "
        "note text NOT NULL)",
        "INSERT INTO locklab.sandbox (note) SELECT 'This database is a LockLab sandbox: LockLab may drop and "
        "recreate its tables.' WHERE NOT EXISTS (SELECT 1 FROM locklab.sandbox)",
    };
    for (const char* sql : statements) {
        if (!query.exec(sql)) {
            *error = QString("Could not mark the sandbox database: %1").arg(query.lastError().text());
            return false;
        }
    }
    return true;
}

namespace {

bool queryServerVersion(const QSqlDatabase& db, Sandbox::Result* result)
{
    QSqlQuery query(db);
    if (!query.exec("SELECT current_setting('server_version'), current_setting('server_version_num')::int")
        || !query.next())
        return false;
    result->serverVersion = query.value(0).toString().section(' ', 0, 0);
    result->serverVersionNumber = query.value(1).toInt();
    return true;
}

bool databaseExists(const QSqlDatabase& db, const QString& name, bool* exists, QString* error)
{
    QSqlQuery query(db);
    if (!execPrepared(query, "SELECT 1 FROM pg_database WHERE datname = ?", { name }, error))
        return false;
    *exists = query.next();
    return true;
}

bool openMarkedSandbox(const ConnectionSettings& settings, bool markIfUnmarked, Sandbox::Result* result, QString* error)
{
    DatabaseConnection connection(settings, "locklab-setup");
    if (!connection.open(error))
        return false;
    QSqlDatabase db = connection.database();
    if (!Sandbox::isMarked(db)) {
        if (!markIfUnmarked) {
            *error = QString("The database '%1' exists but is not a LockLab sandbox, so LockLab will not touch it. "
                             "Drop it or point LockLab at another server or user.")
                         .arg(settings.database);
            return false;
        }
        if (!Sandbox::mark(db, error))
            return false;
    }
    result->settings = settings;
    queryServerVersion(db, result);
    return true;
}

} // namespace

bool Sandbox::prepare(const ConnectionSettings& target, bool embedded, Result* result, QString* error)
{
    *result = {};
    DatabaseConnection first(target, "locklab-setup");
    if (!first.open(error))
        return false;
    QSqlDatabase db = first.database();
    queryServerVersion(db, result);

    if (!embedded && isMarked(db)) {
        result->settings = target;
        result->note = QString("using the sandbox database '%1'").arg(db.databaseName());
        return true;
    }

    const ConnectionSettings resolved = target.resolvedWithLibpqDefaults();
    QString name;
    QString user = resolved.user;
    if (embedded) {
        name = embeddedDatabaseName();
    } else {
        QSqlQuery whoAmI(db);
        if (whoAmI.exec("SELECT current_user") && whoAmI.next())
            user = whoAmI.value(0).toString();
        name = externalDatabaseName(user);
    }

    bool exists = false;
    if (!databaseExists(db, name, &exists, error))
        return false;
    if (!exists) {
        QSqlQuery create(db);
        if (!create.exec("CREATE DATABASE " + escapeIdentifier(db, name))) {
            const QString reason = create.lastError().databaseText();
            *error = embedded ? QString("Could not create the sandbox database '%1': %2").arg(name, reason)
                              : QString("'%1' is not a LockLab sandbox, so LockLab will not change it, and it "
                                        "could not create its own sandbox database '%2' there: %3\nAsk the "
                                        "server's administrator for CREATEDB (ALTER ROLE %4 CREATEDB), or "
                                        "point LockLab at a server where you may create databases.")
                                    .arg(resolved.database, name, reason, quoteIdentifier(user));
            return false;
        }
        result->note = QString("created the sandbox database '%1'").arg(name);
    } else {
        result->note = QString("using the sandbox database '%1'").arg(name);
    }
    first.close();

    // On the embedded cluster everything is ours; elsewhere only a database we just created.
    Result opened;
    if (!openMarkedSandbox(target.withDatabase(name), embedded || !exists, &opened, error))
        return false;
    result->settings = opened.settings;
    return true;
}

} // namespace locklab
