#pragma once

#include "core/server/ConnectionSettings.h"
#include "core/server/EmbeddedServer.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace locklab::test {

// A real PostgreSQL server for one test executable, started through the
// same EmbeddedServer class the app uses, in a scratch cluster that the
// unprivileged server user can reach even when tests run as root.
// A test that cannot get a server fails: there is no silent skip.
class TestServer
{
public:
    // Starts the server and prepares the sandbox; QFAILs (via the returned
    // error) when it cannot.
    static TestServer* instance(QString* error);
    static void shutdown();

    EmbeddedServer& server() { return *m_server; }
    ConnectionSettings sandboxSettings() const { return m_sandbox; }
    QString serverVersion() const { return m_version; }

    // A fresh scratch directory the server user can reach (for clusters of tests that need their own).
    static QString scratchParent();

private:
    TestServer() = default;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EmbeddedServer> m_server;
    ConnectionSettings m_sandbox;
    QString m_version;
};

} // namespace locklab::test

// Fails the current test function when the shared server is not available.
#define LOCKLAB_REQUIRE_SERVER(var)                                                                                    \
    QString var##Error;                                                                                                \
    locklab::test::TestServer* var = locklab::test::TestServer::instance(&var##Error);                                 \
    QVERIFY2(var != nullptr, qPrintable(var##Error))
