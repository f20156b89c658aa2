#include "core/server/PostgresInstalls.h"

#include "core/server/PostgresBinaries.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>

#include <algorithm>
#include <unistd.h>

namespace locklab {

QString PostgresInstall::label() const
{
    const QString name = runs() ? QString("PostgreSQL %1").arg(version) : QString("PostgreSQL (does not run)");
    return QString("%1 - %2 (%3)").arg(name, binDir, source);
}

QString PostgresInstalls::fetchCacheDir()
{
    const QString configured = qEnvironmentVariable("LOCKLAB_PG_CACHE");
    if (!configured.isEmpty())
        return configured;
    if (::geteuid() == 0)
        return "/var/cache/locklab/postgres";
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + "/locklab/postgres";
}

PostgresInstalls::Places PostgresInstalls::systemPlaces()
{
    Places places;
    places.extraDirs = qEnvironmentVariable("LOCKLAB_PG_BINDIRS").split(':', Qt::SkipEmptyParts);
    places.pathDirs = qEnvironmentVariable("PATH").split(':', Qt::SkipEmptyParts);
    QProcess process;
    process.start("pg_config", { "--bindir" });
    if (process.waitForFinished(3000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0)
        places.pgConfigBindir = QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
    places.debianRoot = "/usr/lib/postgresql";
    places.sourceBuild = "/usr/local/pgsql/bin";
    places.fetchCache = fetchCacheDir();
    return places;
}

QString PostgresInstalls::versionFromOutput(const QString& output)
{
    static const QRegularExpression pattern(R"(\(PostgreSQL\)\s+(\d+(?:\.\d+)*))");
    const QRegularExpressionMatch match = pattern.match(output);
    return match.hasMatch() ? match.captured(1) : QString();
}

int PostgresInstalls::majorOf(const QString& version)
{
    return version.section('.', 0, 0).toInt();
}

PostgresInstall PostgresInstalls::inspect(const QString& binDir, QString* error)
{
    PostgresInstall install;
    install.binDir = QDir(binDir).absolutePath();
    if (!PostgresBinaries::dirHasServerPrograms(binDir)) {
        *error = QString("%1 does not hold the PostgreSQL server programs (initdb, pg_ctl and postgres). "
                         "Name a PostgreSQL bin directory, for example /usr/lib/postgresql/15/bin.")
                     .arg(binDir);
        return install;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QDir(binDir).filePath("postgres"), { "--version" });
    const bool finished = process.waitForFinished(5000);
    const QString output = QString::fromLocal8Bit(process.readAll()).trimmed();
    install.version = finished ? versionFromOutput(output) : QString();
    install.major = majorOf(install.version);
    if (!install.runs()) {
        *error = QString("%1/postgres does not run here (%2). Install the libraries it needs or choose another "
                         "PostgreSQL.")
                     .arg(binDir, output.isEmpty() ? QString("no output") : output.left(200));
        return install;
    }
    error->clear();
    return install;
}

QList<PostgresInstall> PostgresInstalls::find(const Places& places)
{
    QList<QPair<QString, QString>> candidates; // dir, source
    for (const QString& dir : places.extraDirs)
        candidates.append({ dir, "LOCKLAB_PG_BINDIRS" });
    for (const QString& dir : places.pathDirs)
        candidates.append({ dir, "PATH" });
    if (!places.pgConfigBindir.isEmpty())
        candidates.append({ places.pgConfigBindir, "pg_config" });
    for (const QString& root : { places.debianRoot, places.fetchCache }) {
        if (root.isEmpty())
            continue;
        const QString source = root == places.debianRoot ? "Debian package" : "fetch-postgres.sh";
        for (const QString& version : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            candidates.append({ QDir(root).filePath(version + "/bin"), source });
    }
    if (!places.sourceBuild.isEmpty())
        candidates.append({ places.sourceBuild, "source build" });

    QList<PostgresInstall> installs;
    QSet<QString> seen;
    for (const auto& [dir, source] : std::as_const(candidates)) {
        if (!PostgresBinaries::dirHasServerPrograms(dir))
            continue;
        // /usr/bin/postgres may be a link into /usr/lib/postgresql/15/bin: list it once.
        const QString canonical = QFileInfo(QDir(dir).filePath("postgres")).canonicalFilePath();
        if (seen.contains(canonical))
            continue;
        seen.insert(canonical);
        QString ignored;
        PostgresInstall install = inspect(dir, &ignored);
        install.source = source;
        installs.append(install);
    }
    std::stable_sort(installs.begin(), installs.end(),
                     [](const PostgresInstall& a, const PostgresInstall& b) { return a.major > b.major; });
    return installs;
}

} // namespace locklab
