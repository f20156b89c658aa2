#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace locklab {

// One PostgreSQL installation that can run LockLab's embedded server.
struct PostgresInstall
{
    QString binDir; // absolute, holds initdb, pg_ctl and postgres
    QString version; // "15.18", from `postgres --version`; empty when it would not run
    int major = 0; // 15; 0 when unknown
    QString source; // where it was found: "PATH", "pg_config", "LOCKLAB_PG_BINDIRS", ...

    bool runs() const { return major > 0; }
    // "PostgreSQL 15.18 - /usr/lib/postgresql/15/bin (Debian package)"
    QString label() const;
};

// Every PostgreSQL server installation on this machine, for the version
// picker and `--pg-bindir`. Runs `postgres --version` once per candidate:
// blocking (milliseconds each), so call it off the GUI thread.
class PostgresInstalls
{
public:
    struct Places
    {
        QStringList extraDirs; // $LOCKLAB_PG_BINDIRS (colon-separated)
        QStringList pathDirs; // $PATH
        QString pgConfigBindir; // `pg_config --bindir`
        QString debianRoot; // /usr/lib/postgresql (<major>/bin below it)
        QString sourceBuild; // /usr/local/pgsql/bin
        QString fetchCache; // installer/fetch-postgres.sh's cache (<major>/bin below it)
    };

    // The places of this machine and environment.
    static Places systemPlaces();
    // Every install in `places`, each directory once, newest major first.
    static QList<PostgresInstall> find(const Places& places);
    static QList<PostgresInstall> findAll() { return find(systemPlaces()); }

    // The install in `binDir`, or one with runs() == false and *error saying why.
    static PostgresInstall inspect(const QString& binDir, QString* error);

    // "postgres (PostgreSQL) 12.22 (Debian 12.22-1)" -> "12.22"; "9.6.24" -> "9.6.24".
    static QString versionFromOutput(const QString& output);
    // "12.22" -> 12, "9.6.24" -> 9 (LockLab treats 9.x as older than 10), "" -> 0.
    static int majorOf(const QString& version);

    // Where installer/fetch-postgres.sh puts versions: $LOCKLAB_PG_CACHE, else
    // /var/cache/locklab/postgres as root, else ~/.cache/locklab/postgres.
    static QString fetchCacheDir();
};

} // namespace locklab
