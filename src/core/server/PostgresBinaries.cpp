#include "core/server/PostgresBinaries.h"

#include <QCollator>
#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QVersionNumber>

#include <algorithm>

namespace locklab {

bool PostgresBinaries::dirHasServerPrograms(const QString& dir)
{
    if (dir.isEmpty())
        return false;
    for (const QString& program : requiredPrograms()) {
        if (QStandardPaths::findExecutable(program, { dir }).isEmpty())
            return false;
    }
    return true;
}

static QString pgConfigBindir()
{
    const QString pgConfig = QStandardPaths::findExecutable("pg_config");
    if (pgConfig.isEmpty())
        return {};
    QProcess process;
    process.start(pgConfig, { "--bindir" });
    if (!process.waitForFinished(3000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return {};
    return QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
}

PostgresBinaries PostgresBinaries::discover()
{
    const QString overrideDir = qEnvironmentVariable("LOCKLAB_PG_BINDIR");
    if (!overrideDir.isEmpty()) {
        PostgresBinaries result;
        if (dirHasServerPrograms(overrideDir))
            result.m_binDir = QDir(overrideDir).absolutePath();
        else
            result.m_error = QString("LOCKLAB_PG_BINDIR is set to %1, but initdb, pg_ctl and postgres are not all "
                                     "there. Unset it or point it at a PostgreSQL bin directory.")
                                 .arg(overrideDir);
        return result;
    }
    const QStringList pathDirs = qEnvironmentVariable("PATH").split(':', Qt::SkipEmptyParts);
    return discover(pathDirs, pgConfigBindir(), "/usr/lib/postgresql");
}

PostgresBinaries PostgresBinaries::discover(const QStringList& pathDirs, const QString& pgConfigBindir,
                                            const QString& debianRoot)
{
    PostgresBinaries result;
    for (const QString& dir : pathDirs) {
        if (dirHasServerPrograms(dir)) {
            result.m_binDir = QDir(dir).absolutePath();
            return result;
        }
    }
    if (dirHasServerPrograms(pgConfigBindir)) {
        result.m_binDir = QDir(pgConfigBindir).absolutePath();
        return result;
    }

    // Newest major version first: "16" must win over "9.6" and "15".
    QStringList versions = QDir(debianRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString& a, const QString& b) {
        return QVersionNumber::fromString(a) > QVersionNumber::fromString(b);
    });
    for (const QString& version : versions) {
        const QString dir = QDir(debianRoot).filePath(version + "/bin");
        if (dirHasServerPrograms(dir)) {
            result.m_binDir = QDir(dir).absolutePath();
            return result;
        }
    }

    result.m_error = QString("The PostgreSQL server programs (initdb, pg_ctl, postgres) were not found in PATH, "
                             "via pg_config or under %1/*/bin. Install the server with "
                             "'sudo apt install postgresql' (or run installer/install-deps.sh), or connect to "
                             "an existing server with --db postgresql://user@host/dbname.")
                         .arg(debianRoot);
    return result;
}

PostgresBinaries PostgresBinaries::fromDir(const QString& dir)
{
    PostgresBinaries result;
    if (dirHasServerPrograms(dir))
        result.m_binDir = QDir(dir).absolutePath();
    else
        result.m_error = QString("%1 does not hold the PostgreSQL server programs (initdb, pg_ctl and postgres). "
                                 "Name a PostgreSQL bin directory, for example /usr/lib/postgresql/15/bin, or "
                                 "leave --pg-bindir out to use the one LockLab finds.")
                             .arg(dir);
    return result;
}

QString PostgresBinaries::initdb() const
{
    return QDir(m_binDir).filePath("initdb");
}
QString PostgresBinaries::pgCtl() const
{
    return QDir(m_binDir).filePath("pg_ctl");
}
QString PostgresBinaries::postgres() const
{
    return QDir(m_binDir).filePath("postgres");
}

} // namespace locklab
