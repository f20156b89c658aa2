#include "ExternalTestServer.h"

#include "TestServer.h"
#include "core/server/PostgresBinaries.h"

#include <QDir>
#include <QProcess>
#include <QRandomGenerator>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace locklab::test {

ExternalTestServer::ExternalTestServer() = default;

ExternalTestServer::~ExternalTestServer()
{
    stop();
}

QString ExternalTestServer::dataDir() const
{
    return m_dir ? m_dir->filePath("data") : QString();
}

bool ExternalTestServer::giveToServerUser(const QString& path)
{
    if (::geteuid() != 0)
        return true;
    const passwd* pw = ::getpwnam("postgres");
    return pw && ::chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) == 0;
}

bool ExternalTestServer::runAsServerUser(const QString& program, const QStringList& args, QString* output)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("LC_ALL", "C");
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory("/tmp");
    if (::geteuid() == 0)
        process.start("runuser", QStringList { "-u", "postgres", "--", program } + args);
    else
        process.start(program, args);
    const bool finished = process.waitForFinished(120000);
    *output = QString::fromLocal8Bit(process.readAll());
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool ExternalTestServer::start(QString* error)
{
    const PostgresBinaries binaries = PostgresBinaries::discover();
    if (!binaries.isValid()) {
        *error = binaries.errorMessage();
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(TestServer::scratchParent() + "/locklab-ext-XXXXXX");
    ::chmod(QFile::encodeName(m_dir->path()).constData(), 0700);
    if (!m_dir->isValid() || !giveToServerUser(m_dir->path())) {
        *error = "could not prepare a scratch directory for the external test server";
        return false;
    }
    QString output;
    if (!runAsServerUser(binaries.initdb(),
                         { "-D", dataDir(), "-U", "locklab", "--auth-local=trust", "--auth-host=reject",
                           "--encoding=UTF8", "--no-locale", "--no-sync" },
                         &output)) {
        *error = "initdb failed: " + output;
        return false;
    }
    m_port = 56000 + int(QRandomGenerator::global()->bounded(900));
    // Only what a socket-only scratch server needs; everything else stays PostgreSQL's default.
    const QString options = QString("-p %1 -k %2 -c listen_addresses=''").arg(m_port).arg(m_dir->path());
    if (!runAsServerUser(
            binaries.pgCtl(),
            { "start", "-D", dataDir(), "-l", m_dir->filePath("server.log"), "-w", "-t", "60", "-s", "-o", options },
            &output)) {
        *error = "pg_ctl start failed: " + output;
        return false;
    }
    m_running = true;
    return true;
}

void ExternalTestServer::stop()
{
    if (!m_running)
        return;
    QString output;
    runAsServerUser(PostgresBinaries::discover().pgCtl(), { "stop", "-D", dataDir(), "-m", "immediate", "-w", "-s" },
                    &output);
    m_running = false;
}

ConnectionSettings ExternalTestServer::settings(const QString& database) const
{
    ConnectionSettings settings;
    settings.host = socketDir();
    settings.port = m_port;
    settings.user = "locklab";
    settings.database = database;
    return settings;
}

} // namespace locklab::test
