#pragma once

#include <QList>
#include <QString>

#include <sys/types.h>

namespace locklab::serverprocesses {

// What /proc says about the processes of an embedded cluster: which are
// alive, which belong to which data directory. Linux-specific by nature.

// Alive and not a zombie.
bool processAlive(pid_t pid);
bool processLooksLikePostgres(pid_t pid);

struct PidFile
{
    pid_t pid = 0;
    QString socketDir;
};

// postmaster.pid: line 1 the postmaster's pid, line 5 its socket directory.
PidFile readPidFile(const QString& path);

// Every PostgreSQL process of the cluster in `dataDir`.
QList<pid_t> serverProcessesIn(const QString& dataDir);

// Whether `pid` is the postmaster of the cluster in `dataDir` (pids are reused after a crash).
bool isPostmasterOf(pid_t pid, const QString& dataDir);

QString pidList(const QList<pid_t>& pids);

} // namespace locklab::serverprocesses
