#include "core/server/ServerProcesses.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace locklab::serverprocesses {

// A postmaster killed with -9 stays a zombie while its
// parent (init, or a container's first process that never reaps) has not
// reaped it; kill(pid, 0) still succeeds on it, and pg_ctl would wait for it
// in vain.
bool processAlive(pid_t pid)
{
    if (pid <= 0)
        return false;
    if (::kill(pid, 0) != 0 && errno != EPERM)
        return false;
    QFile stat(QString("/proc/%1/stat").arg(pid));
    if (stat.open(QIODevice::ReadOnly)) {
        // "pid (comm) S ...": the state follows the last ')' (comm may contain one).
        const QByteArray text = stat.readAll();
        const qsizetype close = text.lastIndexOf(')');
        if (close > 0 && close + 2 < text.size() && (text.at(close + 2) == 'Z' || text.at(close + 2) == 'X'))
            return false;
    }
    return true;
}

bool processLooksLikePostgres(pid_t pid)
{
    if (!processAlive(pid))
        return false;
    QFile comm(QString("/proc/%1/comm").arg(pid));
    if (!comm.open(QIODevice::ReadOnly))
        return true; // alive but unknown: treat as a server, stopping it via pg_ctl is safe
    return comm.readAll().trimmed().startsWith("postgres");
}

PidFile readPidFile(const QString& path)
{
    PidFile info;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return info;
    const QList<QByteArray> lines = file.readAll().split('\n');
    info.pid = lines.value(0).trimmed().toInt();
    info.socketDir = QFile::decodeName(lines.value(4).trimmed());
    return info;
}

// Every PostgreSQL process changes into its data directory, so the processes
// of one cluster are those whose working directory it is.
QList<pid_t> serverProcessesIn(const QString& dataDir)
{
    QList<pid_t> pids;
    const QString canonical = QFileInfo(dataDir).canonicalFilePath();
    if (canonical.isEmpty())
        return pids;
    const QStringList entries = QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool numeric = false;
        const pid_t pid = entry.toInt(&numeric);
        if (!numeric || pid == ::getpid())
            continue;
        if (QFile::symLinkTarget(QString("/proc/%1/cwd").arg(pid)) == canonical && processLooksLikePostgres(pid))
            pids.append(pid);
    }
    return pids;
}

// The postmaster named by postmaster.pid, unless that pid now belongs to
// another process (pids are reused after a crash): a postgres of another
// cluster works in another directory. An unreadable cwd (another user's
// process, no permission) gives the benefit of the doubt, as pg_ctl would.
bool isPostmasterOf(pid_t pid, const QString& dataDir)
{
    if (!processLooksLikePostgres(pid))
        return false;
    const QString cwd = QFile::symLinkTarget(QString("/proc/%1/cwd").arg(pid));
    return cwd.isEmpty() || cwd == QFileInfo(dataDir).canonicalFilePath();
}

QString pidList(const QList<pid_t>& pids)
{
    QStringList list;
    for (pid_t pid : pids)
        list << QString::number(pid);
    return list.join(", ");
}
} // namespace locklab::serverprocesses
