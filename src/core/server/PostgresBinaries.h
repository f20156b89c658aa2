#pragma once

#include <QString>
#include <QStringList>

namespace locklab {

// Where the PostgreSQL server programs (initdb, pg_ctl, postgres) live.
// Debian keeps them out of PATH under /usr/lib/postgresql/<major>/bin, so
// PATH alone is not enough.
class PostgresBinaries
{
public:
    // Searches, in order: the directory named by $LOCKLAB_PG_BINDIR, PATH,
    // `pg_config --bindir`, and the newest /usr/lib/postgresql/*/bin.
    static PostgresBinaries discover();

    // Same search with explicit inputs, so tests can point at fake trees.
    static PostgresBinaries discover(const QStringList& pathDirs, const QString& pgConfigBindir,
                                     const QString& debianRoot);

    // The programs in `dir` (--pg-bindir, the version picker); invalid with
    // an error message when they are not all there.
    static PostgresBinaries fromDir(const QString& dir);

    bool isValid() const { return !m_binDir.isEmpty(); }
    QString binDir() const { return m_binDir; }
    QString initdb() const;
    QString pgCtl() const;
    QString postgres() const;

    // What is wrong and what to install when isValid() is false.
    QString errorMessage() const { return m_error; }

    static QStringList requiredPrograms() { return { "initdb", "pg_ctl", "postgres" }; }
    static bool dirHasServerPrograms(const QString& dir);

private:
    QString m_binDir;
    QString m_error;
};

} // namespace locklab
