#include "core/server/EmbeddedServer.h"

#include "core/server/PostgresInstalls.h"
#include "core/server/ServerProcesses.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace locklab {

using namespace serverprocesses;

namespace {
const char* const kIncludeLine = "include_if_exists = 'locklab.conf'";

// Settings LockLab needs on every start; rewritten each time so that a newer
// LockLab can change them on an existing cluster.
const char* const kLockLabConf = "# Written by LockLab on every start; edits are overwritten.\n"
                                 "listen_addresses = ''\n"
                                 "unix_socket_permissions = 0700\n"
                                 "max_connections = 50\n"
                                 // A teaching sandbox: losing the last commits on a power cut is
                                 // harmless, and seeding millions of rows gets noticeably faster.
                                 "synchronous_commit = off\n"
                                 // No replica ever reads this cluster's WAL, so it logs only what
                                 // crash recovery needs: a table created and filled in one
                                 // transaction (LockLab's seeding) is written once, not twice.
                                 // minimal requires max_wal_senders = 0, or the server refuses to
                                 // start. Both need a restart, which every LockLab start does.
                                 "wal_level = minimal\n"
                                 "max_wal_senders = 0\n"
                                 "log_min_messages = warning\n"
                                 "log_line_prefix = '%m [%p] %a '\n";

} // namespace

EmbeddedServer::EmbeddedServer(const QString& dataDir)
    : m_dataDir(QDir(dataDir).absolutePath())
    , m_binaries(PostgresBinaries::discover())
{
}

EmbeddedServer::~EmbeddedServer()
{
    stop();
}

QString EmbeddedServer::defaultDataDir()
{
    if (::geteuid() == 0)
        return "/var/lib/locklab/cluster";
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + "/LockLab/cluster";
}

QString EmbeddedServer::clusterDirFor(int major)
{
    const QString legacy = defaultDataDir();
    if (clusterMajor(legacy) == major)
        return legacy;
    return legacy + "-" + QString::number(major);
}

int EmbeddedServer::clusterMajor(const QString& dataDir)
{
    QFile file(QDir(dataDir).filePath("PG_VERSION"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return PostgresInstalls::majorOf(QString::fromLatin1(file.readAll()).trimmed());
}

bool EmbeddedServer::checkVersion(QString* error)
{
    QString problem;
    const PostgresInstall install = PostgresInstalls::inspect(m_binaries.binDir(), &problem);
    if (!install.runs()) {
        *error = problem;
        return false;
    }
    m_version = install.version;
    const int existing = clusterMajor(m_dataDir);
    if (existing != 0 && existing != install.major) {
        *error = QString("The cluster in %1 was created by PostgreSQL %2, and the server chosen is PostgreSQL %3 "
                         "(%4). Choose PostgreSQL %2 (--pg-bindir or Settings), or leave --data-dir out: "
                         "LockLab keeps one cluster per major version.")
                     .arg(m_dataDir)
                     .arg(existing)
                     .arg(install.version, m_binaries.binDir());
        return false;
    }
    return true;
}

QString EmbeddedServer::logFile() const
{
    return QDir(m_dataDir).filePath("locklab-server.log");
}

QString EmbeddedServer::serverUser() const
{
    if (m_runAsOtherUser)
        return m_userName;
    const passwd* pw = ::getpwuid(::geteuid());
    return pw ? QString::fromLocal8Bit(pw->pw_name) : QString::number(::geteuid());
}

ConnectionSettings EmbeddedServer::connectionSettings(const QString& database) const
{
    ConnectionSettings settings;
    settings.host = m_socketDir;
    settings.port = m_port;
    settings.user = superuserName();
    settings.database = database;
    return settings;
}

QString EmbeddedServer::logTail(int lines) const
{
    QFile file(logFile());
    if (!file.open(QIODevice::ReadOnly))
        return QString("(no server log at %1)").arg(logFile());
    QStringList all = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
    return all.mid(qMax(0, all.size() - lines)).join('\n');
}

void EmbeddedServer::report(const QString& message) const
{
    if (m_progress)
        m_progress(message);
}

bool EmbeddedServer::isAlive() const
{
    return m_running && isPostmasterOf(readPidFile(QDir(m_dataDir).filePath("postmaster.pid")).pid, m_dataDir);
}

bool EmbeddedServer::start(QString* error)
{
    // The server died under us (killed, crashed): start it again on the same
    // socket directory and port, so the connection settings handed out stay
    // valid; handleLeftoverServer() deals with what the dead server left.
    bool restarting = false;
    if (m_running) {
        if (isAlive())
            return true;
        report("The embedded PostgreSQL server is no longer running; restarting it ...");
        m_running = false;
        restarting = !m_socketDir.isEmpty() && QFileInfo(m_socketDir).isDir();
        if (!restarting)
            m_socketDir.clear();
    }
    m_createdCluster = false;
    m_recoveredStale = false;
    if (!m_binaries.isValid()) {
        *error = m_binaries.errorMessage();
        return false;
    }
    if (!checkVersion(error) || !resolveServerUser(error) || !ensureReachable(m_dataDir, error) || !initCluster(error)
        || !configureCluster(error) || !handleLeftoverServer(error) || (!restarting && !createSocketDir(error)))
        return false;

    if (!restarting)
        m_port = pickPort();
    report(QString("Starting PostgreSQL on a private socket in %1 ...").arg(m_socketDir));
    QString output;
    const QStringList args = { "start",
                               "-D",
                               m_dataDir,
                               "-l",
                               logFile(),
                               "-w",
                               "-t",
                               "60",
                               "-s",
                               "-o",
                               QString("-p %1 -k %2").arg(m_port).arg(m_socketDir) };
    if (!runTool(m_binaries.pgCtl(), args, 70000, &output)) {
        *error = QString("The embedded PostgreSQL server did not start.\n%1\n\nLast lines of %2:\n%3")
                     .arg(output.trimmed(), logFile(), logTail());
        QDir(m_socketDir).removeRecursively();
        m_socketDir.clear();
        return false;
    }
    m_running = true;
    return true;
}

void EmbeddedServer::stop()
{
    if (!m_running)
        return;
    // A server that died has nothing to stop (pg_ctl would wait a minute for
    // a zombie postmaster); the next start() cleans up after it.
    if (isAlive()) {
        QString output;
        runTool(m_binaries.pgCtl(), { "stop", "-D", m_dataDir, "-m", "fast", "-w", "-t", "60", "-s" }, 70000, &output);
    }
    m_running = false;
    if (!m_socketDir.isEmpty())
        QDir(m_socketDir).removeRecursively();
    m_socketDir.clear();
}

bool EmbeddedServer::resolveServerUser(QString* error)
{
    m_runAsOtherUser = ::geteuid() == 0;
    if (!m_runAsOtherUser)
        return true;
    const QByteArray name = qEnvironmentVariableIsEmpty("LOCKLAB_SERVER_USER") ? QByteArray("postgres")
                                                                               : qgetenv("LOCKLAB_SERVER_USER");
    const passwd* pw = ::getpwnam(name.constData());
    if (!pw) {
        *error = QString("LockLab runs as root, and PostgreSQL refuses to run as root, so the embedded server "
                         "runs as the system user '%1' - but that user does not exist. Install the server "
                         "package ('sudo apt install postgresql'), which creates it, or run LockLab as a "
                         "normal user.")
                     .arg(QString::fromLocal8Bit(name));
        return false;
    }
    m_uid = pw->pw_uid;
    m_gid = pw->pw_gid;
    m_userName = QString::fromLocal8Bit(name);
    return true;
}

bool EmbeddedServer::ensureReachable(const QString& dir, QString* error) const
{
    if (!m_runAsOtherUser)
        return true;
    // Every ancestor must be searchable by the server user, or initdb and the
    // postmaster cannot reach the data directory (root's home is not).
    QDir ancestor = QFileInfo(dir).dir();
    while (true) {
        const QString path = ancestor.absolutePath();
        struct stat st
        {
        };
        if (::stat(QFile::encodeName(path).constData(), &st) == 0) {
            bool searchable = false;
            if (st.st_uid == m_uid)
                searchable = st.st_mode & S_IXUSR;
            else if (st.st_gid == m_gid)
                searchable = st.st_mode & S_IXGRP;
            else
                searchable = st.st_mode & S_IXOTH;
            if (!searchable) {
                *error = QString("The embedded server runs as the user '%1', which cannot enter %2 and so cannot "
                                 "reach the cluster in %3. Choose a data directory it can reach, for example "
                                 "--data-dir /var/lib/locklab/cluster.")
                             .arg(m_userName, path, dir);
                return false;
            }
        }
        if (ancestor.isRoot())
            return true;
        ancestor.cdUp();
    }
}

bool EmbeddedServer::prepareOwnedDir(const QString& path, QString* error) const
{
    if (!QDir().mkpath(path)) {
        *error = QString("Could not create the directory %1. Check that its parent exists and is writable.").arg(path);
        return false;
    }
    const QByteArray native = QFile::encodeName(path);
    if (m_runAsOtherUser && ::chown(native.constData(), m_uid, m_gid) != 0) {
        *error = QString("Could not give %1 to the server user '%2': %3").arg(path, m_userName, qt_error_string(errno));
        return false;
    }
    if (::chmod(native.constData(), 0700) != 0) {
        *error = QString("Could not make %1 private: %2").arg(path, qt_error_string(errno));
        return false;
    }
    return true;
}

bool EmbeddedServer::initCluster(QString* error)
{
    const QDir data(m_dataDir);
    if (QFileInfo::exists(data.filePath("PG_VERSION")))
        return true;
    if (data.exists() && !data.isEmpty()) {
        *error = QString("%1 exists and is not empty, but it is not a PostgreSQL cluster. Empty it or choose "
                         "another --data-dir.")
                     .arg(m_dataDir);
        return false;
    }
    report(QString("Creating LockLab's private PostgreSQL cluster in %1 ...").arg(m_dataDir));
    if (m_runAsOtherUser) {
        // The parent holds only the cluster; root keeps it, the server user may traverse it.
        QDir().mkpath(QFileInfo(m_dataDir).absolutePath());
    }
    if (!prepareOwnedDir(m_dataDir, error))
        return false;
    QString output;
    // --no-sync: a fresh sandbox cluster needs no fsync of every file, and it
    // saves seconds on the first start.
    QStringList args = {
        "-D",          m_dataDir,  "-U", superuserName(), "--auth-local=trust", "--auth-host=reject", "--encoding=UTF8",
        "--no-locale", "--no-sync"
    };
    if (PostgresInstalls::majorOf(m_version) >= 14)
        args << "--no-instructions"; // new in 14
    if (!runTool(m_binaries.initdb(), args, 120000, &output)) {
        *error = QString("initdb failed to create the cluster in %1:\n%2").arg(m_dataDir, output.trimmed());
        QDir(m_dataDir).removeRecursively();
        return false;
    }
    m_createdCluster = true;
    return true;
}

bool EmbeddedServer::configureCluster(QString* error)
{
    const QString confPath = QDir(m_dataDir).filePath("postgresql.conf");
    QFile conf(confPath);
    if (!conf.open(QIODevice::ReadWrite | QIODevice::Text)) {
        *error = QString("Could not open %1: %2").arg(confPath, conf.errorString());
        return false;
    }
    if (!conf.readAll().contains(kIncludeLine)) {
        conf.seek(conf.size());
        conf.write(QByteArray("\n") + kIncludeLine + "\n");
    }
    conf.close();

    const QString ourPath = QDir(m_dataDir).filePath("locklab.conf");
    QFile ours(ourPath);
    if (!ours.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text) || ours.write(kLockLabConf) < 0) {
        *error = QString("Could not write %1: %2").arg(ourPath, ours.errorString());
        return false;
    }
    ours.close();
    if (m_runAsOtherUser) {
        const QByteArray native = QFile::encodeName(ourPath);
        if (::chown(native.constData(), m_uid, m_gid) != 0) {
            *error = QString("Could not give %1 to '%2': %3").arg(ourPath, m_userName, qt_error_string(errno));
            return false;
        }
    }
    return true;
}

bool EmbeddedServer::handleLeftoverServer(QString* error)
{
    const QString pidPath = QDir(m_dataDir).filePath("postmaster.pid");
    if (!QFileInfo::exists(pidPath))
        return true;
    const PidFile leftover = readPidFile(pidPath);
    const pid_t pid = leftover.pid;

    m_recoveredStale = true;
    if (isPostmasterOf(pid, m_dataDir)) {
        // An earlier LockLab died without stopping its server; stop it so this
        // start uses a fresh private socket and current settings.
        report("Stopping a PostgreSQL server left running by an earlier LockLab ...");
        QString output;
        if (!runTool(m_binaries.pgCtl(), { "stop", "-D", m_dataDir, "-m", "fast", "-w", "-t", "60", "-s" }, 70000,
                     &output)) {
            *error = QString("A PostgreSQL server (pid %1) is still running on %2 and did not stop:\n%3")
                         .arg(pid)
                         .arg(m_dataDir, output.trimmed());
            return false;
        }
        removeSocketDir(leftover.socketDir);
        return true;
    }
    // The postmaster is gone (crashed, killed). A new one must not start
    // beside its backends: they still use the data directory.
    if (!endOrphanedProcesses(error))
        return false;
    report("Removing a stale postmaster.pid left by a crash ...");
    if (!QFile::remove(pidPath)) {
        *error = QString("Could not remove the stale %1. Remove it by hand and start again.").arg(pidPath);
        return false;
    }
    removeSocketDir(leftover.socketDir);
    return true;
}

bool EmbeddedServer::endOrphanedProcesses(QString* error)
{
    QList<pid_t> left = serverProcessesIn(m_dataDir);
    if (left.isEmpty())
        return true;
    report(QString("Waiting for %1 process(es) of the crashed server to end ...").arg(left.size()));
    // Backends notice the postmaster's death at their next wait and exit; one
    // busy in a long statement runs on until it ends. Give them a moment, then
    // end them the way the postmaster would have (SIGQUIT), then for good.
    const struct
    {
        int signal;
        int waitMs;
    } rounds[] = { { 0, 3000 }, { SIGQUIT, 2000 }, { SIGKILL, 2000 } };
    for (const auto& round : rounds) {
        if (round.signal) {
            for (pid_t pid : std::as_const(left))
                ::kill(pid, round.signal);
        }
        const QDeadlineTimer deadline(round.waitMs);
        while (!left.isEmpty() && !deadline.hasExpired()) {
            QThread::msleep(50);
            left = serverProcessesIn(m_dataDir);
        }
        if (left.isEmpty())
            return true;
    }
    *error = QString("Processes of a crashed PostgreSQL server (pids %1) are still using %2 and could not be "
                     "stopped. Stop them (kill -9 %1) and start LockLab again.")
                 .arg(pidList(left), m_dataDir);
    return false;
}

void EmbeddedServer::removeSocketDir(const QString& dir) const
{
    // The directory a restart reuses keeps existing; only the dead server's files go.
    const bool keepDir = dir == m_socketDir;
    // Only a private socket directory LockLab made (see createSocketDir), and
    // only the server's socket and lock files in it: rmdir fails on anything else.
    static const QRegularExpression ours("^locklab-[A-Za-z0-9]{6}$");
    const QFileInfo info(dir);
    if (dir.isEmpty() || !ours.match(info.fileName()).hasMatch() || !info.isDir())
        return;
    const QString parent = info.absolutePath();
    if (parent != "/tmp" && parent != QDir::tempPath())
        return;
    QDir socketDir(dir);
    const QStringList files = socketDir.entryList({ ".s.PGSQL.*" }, QDir::Files | QDir::System | QDir::Hidden);
    for (const QString& file : files)
        socketDir.remove(file);
    if (!keepDir)
        QDir().rmdir(dir);
}

bool EmbeddedServer::createSocketDir(QString* error)
{
    QString base = QDir::tempPath();
    // Unix socket paths are limited to about 107 bytes; a long TMPDIR would not fit.
    if (base.size() > 60 || m_runAsOtherUser)
        base = "/tmp";
    QByteArray pattern = QFile::encodeName(base + "/locklab-XXXXXX");
    if (!::mkdtemp(pattern.data())) {
        *error = QString("Could not create a private socket directory in %1: %2").arg(base, qt_error_string(errno));
        return false;
    }
    m_socketDir = QFile::decodeName(pattern);
    return prepareOwnedDir(m_socketDir, error);
}

int EmbeddedServer::pickPort() const
{
    // The port only names the socket file in our private directory, but a number
    // no other local server uses keeps logs and psql invocations unambiguous.
    const int first = 54320 + int(QRandomGenerator::global()->bounded(600));
    for (int port = first; port < first + 100; ++port) {
        const QString name = QString(".s.PGSQL.%1").arg(port);
        if (!QFileInfo::exists("/tmp/" + name) && !QFileInfo::exists("/var/run/postgresql/" + name))
            return port;
    }
    return first;
}

bool EmbeddedServer::runTool(const QString& program, const QStringList& args, int timeoutMs, QString* output) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& key : env.keys()) {
        if (key.startsWith("PG"))
            env.remove(key); // the user's PGHOST etc. are for external servers, not ours
    }
    env.insert("LC_ALL", "C");
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(QFileInfo(m_dataDir).absolutePath());
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (m_runAsOtherUser) {
        const uid_t uid = m_uid;
        const gid_t gid = m_gid;
        process.setChildProcessModifier([uid, gid]() {
            if (::setgroups(1, &gid) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
                ::_exit(126);
        });
    }
    process.start(program, args);
    if (!process.waitForStarted(10000)) {
        *output = QString("could not run %1: %2").arg(program, process.errorString());
        return false;
    }
    const bool finished = process.waitForFinished(timeoutMs);
    *output = QString::fromLocal8Bit(process.readAll());
    if (!finished) {
        process.kill();
        process.waitForFinished(2000);
        *output += QString("\n%1 did not finish within %2 s").arg(program).arg(timeoutMs / 1000);
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        if (process.exitCode() == 126 && m_runAsOtherUser)
            *output += QString("\ncould not switch to the server user '%1'").arg(m_userName);
        return false;
    }
    return true;
}

} // namespace locklab
