#pragma once

#include "core/server/ConnectionSettings.h"
#include "core/server/StatementCanceller.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

struct pg_conn;

namespace locklab {

// One QSqlDatabase connection owned by the thread that creates it. It gets
// a unique connection name, is opened and removed on that thread (Qt's rule
// for the SQL module), and can be cancelled from any other thread.
class DatabaseConnection
{
public:
    // `canceller`: share one with whoever may cancel this connection's
    // statements, also across reconnects (a fresh one when not given).
    DatabaseConnection(const ConnectionSettings& settings, const QString& applicationName,
                       std::shared_ptr<StatementCanceller> canceller = {});
    ~DatabaseConnection();

    DatabaseConnection(const DatabaseConnection&) = delete;
    DatabaseConnection& operator=(const DatabaseConnection&) = delete;

    bool open(QString* error);
    void close();
    bool isOpen() const;
    // True when libpq says the connection is gone (server died, network cut, terminated).
    bool isBroken() const;
    // For an idle connection: reads what the server sent without sending
    // anything and says whether the connection is still there. A session
    // ended by pg_terminate_backend() is noticed here, not only at the next query.
    bool checkAlive();
    QSqlDatabase database() const;
    // libpq's own handle, for what Qt SQL has no API for (COPY FROM STDIN);
    // nullptr when closed. Use it only on the owning thread, between queries.
    pg_conn* libpqHandle() const;
    QString connectionName() const { return m_name; }
    QString applicationName() const { return m_applicationName; }
    int backendPid() const { return m_backendPid; }

    // Asks the server to cancel the statement in flight. Safe to call from
    // another thread while this connection is blocked in a query.
    bool cancelRunningStatement(QString* error = nullptr) { return m_canceller->cancel(error); }
    std::shared_ptr<StatementCanceller> canceller() const { return m_canceller; }

    // After a failed open: whether the server wants a password it did not
    // get (none was given, or the one given was refused). Asks libpq, whose
    // answer does not depend on the language its messages are translated to.
    // Opens up to two short connections; call it off the GUI thread.
    static bool passwordWanted(const ConnectionSettings& settings);

    // Turns a connection failure from libpq into what went wrong and what to do.
    static QString explainConnectionError(const QString& driverMessage, const ConnectionSettings& settings);

private:
    QString m_name;
    QString m_applicationName;
    ConnectionSettings m_settings;
    int m_backendPid = 0;
    std::shared_ptr<StatementCanceller> m_canceller;
};

} // namespace locklab
