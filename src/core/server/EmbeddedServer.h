#pragma once

#include "core/server/ConnectionSettings.h"
#include "core/server/PostgresBinaries.h"

#include <QString>

#include <functional>
#include <sys/types.h>

namespace locklab {

// LockLab's private PostgreSQL cluster: created with initdb on first use,
// started with pg_ctl on a Unix socket in a private directory (no TCP),
// reused on later starts and stopped when the owner is done with it.
//
// start() and stop() block for seconds: call them off the GUI thread.
class EmbeddedServer
{
public:
    using ProgressCallback = std::function<void(const QString&)>;

    explicit EmbeddedServer(const QString& dataDir = defaultDataDir());
    ~EmbeddedServer(); // stops the server if this object started it

    EmbeddedServer(const EmbeddedServer&) = delete;
    EmbeddedServer& operator=(const EmbeddedServer&) = delete;

    // The cluster location: the user's data directory, or a directory the
    // unprivileged server user can reach when LockLab runs as root.
    static QString defaultDataDir();
    // One cluster per major version, so that initdb of one version never
    // touches another's data: defaultDataDir() + "-<major>", except that a
    // cluster an earlier LockLab made in defaultDataDir() stays in use for
    // the major version it was created with.
    static QString clusterDirFor(int major);
    // The major version of the cluster in `dataDir` (its PG_VERSION), 0 when there is none.
    static int clusterMajor(const QString& dataDir);
    static constexpr const char* superuserName() { return "locklab"; }

    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    void setBinaries(const PostgresBinaries& binaries) { m_binaries = binaries; }

    // Also restarts a server that this object started and that has since
    // died (killed, crashed): the cluster goes through crash recovery.
    bool start(QString* error);
    void stop();
    bool isRunning() const { return m_running; }
    // isRunning() and the postmaster is still alive (false after it died).
    bool isAlive() const;

    // Whether the last start() had to create the cluster.
    bool createdCluster() const { return m_createdCluster; }
    // Whether the last start() found and removed a stale postmaster.pid or stopped a left-over server.
    bool recoveredStaleServer() const { return m_recoveredStale; }

    QString dataDir() const { return m_dataDir; }
    QString socketDir() const { return m_socketDir; }
    int port() const { return m_port; }
    QString logFile() const;
    QString version() const { return m_version; } // of the server programs, known after start(): "16.14"
    QString serverUser() const; // the OS user the server runs as

    ConnectionSettings connectionSettings(const QString& database = "postgres") const;

    // The last lines of the server log, for error messages.
    QString logTail(int lines = 15) const;

private:
    bool resolveServerUser(QString* error);
    bool ensureReachable(const QString& dir, QString* error) const;
    bool initCluster(QString* error);
    bool configureCluster(QString* error);
    bool handleLeftoverServer(QString* error);
    bool endOrphanedProcesses(QString* error);
    void removeSocketDir(const QString& dir) const;
    bool createSocketDir(QString* error);
    int pickPort() const;
    bool runTool(const QString& program, const QStringList& args, int timeoutMs, QString* output) const;
    bool prepareOwnedDir(const QString& path, QString* error) const;
    void report(const QString& message) const;

    bool checkVersion(QString* error);

    QString m_dataDir;
    QString m_version;
    QString m_socketDir;
    int m_port = 0;
    bool m_running = false;
    bool m_createdCluster = false;
    bool m_recoveredStale = false;
    bool m_runAsOtherUser = false;
    uid_t m_uid = 0;
    gid_t m_gid = 0;
    QString m_userName;
    PostgresBinaries m_binaries;
    ProgressCallback m_progress;
};

} // namespace locklab
