#pragma once

#include "core/server/ConnectionSettings.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace locklab::test {

// A PostgreSQL server as LockLab meets it when it is "external": created with
// plain initdb and started with pg_ctl by this fixture, with PostgreSQL's
// default settings (wal_level = replica, max_wal_senders = 10), not through
// EmbeddedServer and its locklab.conf. It listens on a Unix socket in a
// scratch directory only. Stopped when destroyed.
class ExternalTestServer
{
public:
    ExternalTestServer();
    ~ExternalTestServer();
    ExternalTestServer(const ExternalTestServer&) = delete;
    ExternalTestServer& operator=(const ExternalTestServer&) = delete;

    bool start(QString* error);
    void stop();
    ConnectionSettings settings(const QString& database = "postgres") const;
    QString dataDir() const;
    QString socketDir() const { return m_dir ? m_dir->path() : QString(); }

    // Runs a server program as the user the server runs as: the current user,
    // or "postgres" when running as root (PostgreSQL refuses root).
    static bool runAsServerUser(const QString& program, const QStringList& args, QString* output);
    // Gives `path` to that user (a no-op unless running as root).
    static bool giveToServerUser(const QString& path);

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_running = false;
    int m_port = 0;
};

} // namespace locklab::test
