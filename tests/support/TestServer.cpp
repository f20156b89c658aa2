#include "TestServer.h"

#include "core/server/Sandbox.h"

#include <QCoreApplication>
#include <QDir>

#include <sys/stat.h>

namespace locklab::test {

namespace {
TestServer* s_instance = nullptr;
QString s_lastError;
} // namespace

QString TestServer::scratchParent()
{
    // /tmp is reachable by the server user; the build tree may not be (CI may clone under /root).
    return "/tmp";
}

TestServer* TestServer::instance(QString* error)
{
    if (s_instance)
        return s_instance;
    if (!s_lastError.isEmpty()) {
        *error = s_lastError;
        return nullptr;
    }
    auto server = new TestServer;
    server->m_dir = std::make_unique<QTemporaryDir>(scratchParent() + "/locklab-test-XXXXXX");
    ::chmod(QFile::encodeName(server->m_dir->path()).constData(), 0755);
    server->m_server = std::make_unique<EmbeddedServer>(server->m_dir->filePath("cluster"));
    QString startError;
    Sandbox::Result sandbox;
    if (!server->m_server->start(&startError)
        || !Sandbox::prepare(server->m_server->connectionSettings("postgres"), true, &sandbox, &startError)) {
        s_lastError = "The test PostgreSQL server could not be started: " + startError;
        *error = s_lastError;
        delete server;
        return nullptr;
    }
    server->m_sandbox = sandbox.settings;
    server->m_version = sandbox.serverVersion;
    s_instance = server;
    qAddPostRoutine(&TestServer::shutdown);
    return s_instance;
}

void TestServer::shutdown()
{
    delete s_instance;
    s_instance = nullptr;
}

} // namespace locklab::test
