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
    close();
    Opened opened = reach();
    const bool ok = opened.ok;
    if (!ok)
        *error = opened.error;
    adopt(std::move(opened));
    return ok;
}

ServerSession::Opened ServerSession::reach() const
{
    Opened opened;
    if (!reachServer(&opened))
        return opened;
    // Best effort: a journal that cannot be read does not keep LockLab from starting.
    DatabaseConnection connection(opened.sandbox.settings, "locklab-setup");
    QString ignored;
    if (connection.open(&ignored))
        opened.interrupted = RunJournal::interruptedStep(connection.database());
    if (m_options.connectionsNeeded > 0 && connection.isOpen()
        && ConnectionBudget::readRoom(connection.database(), &opened.room, &ignored)) {
        opened.error = ConnectionBudget::shortage(opened.room, m_options.connectionsNeeded);
        if (!opened.error.isEmpty())
            return opened;
    }
    opened.ok = true;
    return opened;
}

void ServerSession::adopt(Opened opened)
{
    close();
    m_embedded = std::move(opened.embedded);
    m_sandbox = std::move(opened.sandbox);
    m_interrupted = std::move(opened.interrupted);
    m_room = opened.room;
    m_passwordWanted = opened.passwordWanted;
}

bool ServerSession::clearInterruptedStep(QString* error)
{
    if (!clearInterruptedStep(m_sandbox.settings, error))
        return false;
    m_interrupted.reset();
    return true;
}

bool ServerSession::clearInterruptedStep(const ConnectionSettings& sandbox, QString* error)
{
    DatabaseConnection connection(sandbox, "locklab-setup");
    if (!connection.open(error))
        return false;
    QSqlDatabase db = connection.database();
    return RunJournal::clear(db, error);
}

// Fills opened->error when it returns false.
bool ServerSession::reachServer(Opened* opened) const
{
    QString* error = &opened->error;
    if (m_mode == Mode::Embedded) {
        opened->embedded = createEmbedded(error);
        if (!opened->embedded)
            return false;
        opened->embedded->setProgressCallback(m_progress);
        if (!opened->embedded->start(error))
            return false;
        if (m_progress)
            m_progress("Preparing the sandbox database ...");
        return Sandbox::prepare(opened->embedded->connectionSettings("postgres"), true, &opened->sandbox, error);
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
    if (Sandbox::prepare(target, false, &opened->sandbox, error))
        return true;
    opened->passwordWanted = DatabaseConnection::passwordWanted(target);
    return false;
}

std::unique_ptr<EmbeddedServer> ServerSession::createEmbedded(QString* error) const
{
    const PostgresBinaries binaries = m_options.pgBinDir.isEmpty() ? PostgresBinaries::discover()
                                                                   : PostgresBinaries::fromDir(m_options.pgBinDir);
    if (!binaries.isValid()) {
        *error = binaries.errorMessage();
        return nullptr;
    }
    QString dataDir = m_options.dataDir;
    if (dataDir.isEmpty()) {
        const PostgresInstall install = PostgresInstalls::inspect(binaries.binDir(), error);
        if (!install.runs())
            return nullptr;
        dataDir = EmbeddedServer::clusterDirFor(install.major);
    }
    auto embedded = std::make_unique<EmbeddedServer>(dataDir);
    embedded->setBinaries(binaries);
    return embedded;
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
