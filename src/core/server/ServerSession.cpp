#include "core/server/ServerSession.h"

#include "core/server/ConnectionBudget.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/PostgresInstalls.h"

namespace locklab {

ServerSession::ServerSession(const LaunchOptions& options)
    : m_options(options)
    , m_mode(modeFor(options))
{
}

ServerSession::~ServerSession()
{
    close();
}

ServerSession::Mode ServerSession::modeFor(const LaunchOptions& options)
{
    if (!options.connectionString.isEmpty())
        return Mode::External;
    if (options.forceEmbedded)
        return Mode::Embedded;
    return ConnectionSettings::environmentNamesAServer() ? Mode::External : Mode::Embedded;
}

bool ServerSession::open(QString* error)
{
    if (!openServer(error))
        return false;
    // Best effort: a journal that cannot be read does not keep LockLab from starting.
    DatabaseConnection connection(m_sandbox.settings, "locklab-setup");
    QString ignored;
    if (connection.open(&ignored))
        m_interrupted = RunJournal::interruptedStep(connection.database());
    if (m_options.connectionsNeeded > 0 && connection.isOpen()
        && ConnectionBudget::readRoom(connection.database(), &m_room, &ignored)) {
        const QString shortage = ConnectionBudget::shortage(m_room, m_options.connectionsNeeded);
        if (!shortage.isEmpty()) {
            *error = shortage;
            return false;
        }
    }
    return true;
}

bool ServerSession::clearInterruptedStep(QString* error)
{
    DatabaseConnection connection(m_sandbox.settings, "locklab-setup");
    if (!connection.open(error))
        return false;
    QSqlDatabase db = connection.database();
    if (!RunJournal::clear(db, error))
        return false;
    m_interrupted.reset();
    return true;
}

bool ServerSession::openServer(QString* error)
{
    close();
    m_interrupted.reset();
    m_passwordWanted = false;
    if (m_mode == Mode::Embedded) {
        if (!createEmbedded(error))
            return false;
        m_embedded->setProgressCallback(m_progress);
        if (!m_embedded->start(error))
            return false;
        if (m_progress)
            m_progress("Preparing the sandbox database ...");
        return Sandbox::prepare(m_embedded->connectionSettings("postgres"), true, &m_sandbox, error);
    }

    ConnectionSettings target;
    if (!m_options.connectionString.isEmpty()) {
        target = ConnectionSettings::fromConnectionString(m_options.connectionString, error);
        if (!error->isEmpty())
            return false;
    }
    if (!m_options.password.isEmpty())
        target.password = m_options.password;
    if (m_progress)
        m_progress(QString("Connecting to %1 ...").arg(target.resolvedWithLibpqDefaults().displayString()));
    if (Sandbox::prepare(target, false, &m_sandbox, error))
        return true;
    m_passwordWanted = DatabaseConnection::passwordWanted(target);
    return false;
}

bool ServerSession::createEmbedded(QString* error)
{
    const PostgresBinaries binaries = m_options.pgBinDir.isEmpty() ? PostgresBinaries::discover()
                                                                   : PostgresBinaries::fromDir(m_options.pgBinDir);
    if (!binaries.isValid()) {
        *error = binaries.errorMessage();
        return false;
    }
    QString dataDir = m_options.dataDir;
    if (dataDir.isEmpty()) {
        const PostgresInstall install = PostgresInstalls::inspect(binaries.binDir(), error);
        if (!install.runs())
            return false;
        dataDir = EmbeddedServer::clusterDirFor(install.major);
    }
    m_embedded = std::make_unique<EmbeddedServer>(dataDir);
    m_embedded->setBinaries(binaries);
    return true;
}

void ServerSession::close()
{
    if (m_embedded)
        m_embedded->stop();
    m_embedded.reset();
}

QString ServerSession::describe() const
{
    const QString version = QString("PostgreSQL %1").arg(m_sandbox.serverVersion);
    if (isEmbedded())
        return version + ", embedded (private cluster)";
    return QString("%1, external: %2").arg(version, m_sandbox.settings.resolvedWithLibpqDefaults().displayString());
}

} // namespace locklab
