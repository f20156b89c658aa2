#pragma once

#include "core/migration/RunJournal.h"
#include "core/server/ConnectionBudget.h"
#include "core/server/ConnectionSettings.h"
#include "core/server/EmbeddedServer.h"
#include "core/server/Sandbox.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace locklab {

struct LaunchOptions
{
    QString connectionString; // --db: a libpq URI or key=value string
    QString dataDir; // --data-dir: where the embedded cluster lives
    QString pgBinDir; // --pg-bindir or the version picker: which PostgreSQL runs it
    int connectionsNeeded = 0; // open() fails with what to do when the server has less room (0: no check)
    bool forceEmbedded = false; // ignore PG* variables (the "use embedded" choice after a failure)
    QString password; // typed by the user for this session only; never saved
};

// The server LockLab works against for one session of the app or the CLI:
// the embedded cluster (default) or an external server named by --db or the
// PG* environment, with the sandbox database found or created on it.
class ServerSession
{
public:
    enum class Mode { Embedded, External };

    // What opening found. The window opens on a pool thread: it builds this
    // as a value there and the session's own thread adopts it, so no session
    // member is written on two threads.
    struct Opened
    {
        bool ok = false; // the server reached, the sandbox ready, room enough
        QString error; // why not, when !ok
        bool passwordWanted = false; // see passwordWanted()
        std::unique_ptr<EmbeddedServer> embedded; // kept on failure too: adopting it stops it later
        Sandbox::Result sandbox;
        std::optional<InterruptedStep> interrupted;
        ConnectionBudget::Room room;
    };

    explicit ServerSession(const LaunchOptions& options);
    ~ServerSession();

    static Mode modeFor(const LaunchOptions& options);

    void setProgressCallback(std::function<void(const QString&)> callback) { m_progress = std::move(callback); }

    // Blocking: starts or reaches the server and prepares the sandbox.
    bool open(QString* error);
    // open() in two halves for another thread: reach() is blocking and
    // changes nothing in the session (safe on any thread while the owner
    // leaves the session alone); adopt() takes its result on the owner's thread.
    Opened reach() const;
    void adopt(Opened opened);
    void close();
    // After open() failed to log in to an external server: the server wants
    // a password it did not get (none given, or the one given refused).
    bool passwordWanted() const { return m_passwordWanted; }

    Mode mode() const { return m_mode; }
    bool isEmbedded() const { return m_mode == Mode::Embedded; }
    ConnectionSettings sandboxSettings() const { return m_sandbox.settings; }
    QString serverVersion() const { return m_sandbox.serverVersion; }
    int serverVersionNumber() const { return m_sandbox.serverVersionNumber; }
    QString sandboxNote() const { return m_sandbox.note; }
    EmbeddedServer* embeddedServer() const { return m_embedded.get(); }
    // The server's connection limits as read by open() when connectionsNeeded was set.
    ConnectionBudget::Room room() const { return m_room; }

    // "PostgreSQL 15.18, embedded" / "PostgreSQL 16.2 at ann@db.example.org:5432/locklab_ann"
    QString describe() const;

    // A step left unfinished by an earlier run (LockLab killed or the server
    // died mid-step), read from the run journal when open() succeeded. Show
    // interrupted()->message() at start-up, then call clearInterruptedStep().
    std::optional<InterruptedStep> interrupted() const { return m_interrupted; }
    // Blocking (one short connection): forgets the interrupted step.
    bool clearInterruptedStep(QString* error);
    static bool clearInterruptedStep(const ConnectionSettings& sandbox, QString* error);

private:
    bool reachServer(Opened* opened) const;
    std::unique_ptr<EmbeddedServer> createEmbedded(QString* error) const;

    LaunchOptions m_options;
    Mode m_mode;
    std::unique_ptr<EmbeddedServer> m_embedded;
    Sandbox::Result m_sandbox;
    std::optional<InterruptedStep> m_interrupted;
    ConnectionBudget::Room m_room;
    std::function<void(const QString&)> m_progress;
    bool m_passwordWanted = false;
};

} // namespace locklab
