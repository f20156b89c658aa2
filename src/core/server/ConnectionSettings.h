#pragma once

#include <QMap>
#include <QString>

class QSqlDatabase;

namespace locklab {

// Where to connect: the fields libpq understands. Empty fields are left to
// libpq, which then uses the PG* environment variables and ~/.pgpass.
struct ConnectionSettings
{
    QString host; // a host name, an address, or a Unix socket directory
    int port = 0; // 0: libpq's default
    QString user;
    QString password;
    QString database;
    QMap<QString, QString> options; // sslmode, connect_timeout, ...

    // Parses a libpq URI or key=value string with libpq itself.
    static ConnectionSettings fromConnectionString(const QString& connectionString, QString* error);

    // True when PGHOST, PGHOSTADDR, PGPORT, PGUSER, PGDATABASE or PGSERVICE is set:
    // the user pointed LockLab at a server through the environment.
    static bool environmentNamesAServer();

    // What libpq will actually use for the empty fields (environment,
    // defaults), so the UI can show the real target.
    ConnectionSettings resolvedWithLibpqDefaults() const;

    ConnectionSettings withDatabase(const QString& name) const;

    // "user@host:port/database", never the password.
    QString displayString() const;

    // A value for a libpq conninfo string ("key='value'"): quoted, with
    // backslashes and apostrophes escaped as libpq reads them.
    static QString conninfoQuoted(const QString& value);

    // A message that may echo a connection string (libpq's parse errors do)
    // with the passwords in it replaced by ***: `password=...` values, the
    // password of a URI, and every occurrence of `passwords` (as given, and
    // percent-encoded or conninfo-quoted).
    static QString maskPasswords(const QString& text, const QStringList& passwords = {});
    // The passwords a connection string spells out, as written and decoded;
    // found without libpq, so this works on strings libpq cannot parse.
    static QStringList passwordsIn(const QString& connectionString);

    // Configures a QPSQL connection; applicationName tags it in pg_stat_activity.
    void applyTo(QSqlDatabase& db, const QString& applicationName) const;

    bool operator==(const ConnectionSettings& other) const;
};

} // namespace locklab
