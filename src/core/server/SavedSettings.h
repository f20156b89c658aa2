#pragma once

#include "core/observe/ProbeSettings.h"
#include "core/server/ConnectionSettings.h"

namespace locklab {

// What LockLab remembers between runs (QSettings): probe settings and the
// last server the user chose. Passwords are never stored: they come from
// ~/.pgpass, PGPASSWORD, or the user types them for one session.
struct SavedSettings
{
    ProbeSettings probes;
    bool useServer = false; // false: the embedded cluster
    ConnectionSettings server; // host, port, user, database; password always empty
    QString pgBinDir; // the embedded server's PostgreSQL; empty: the newest found

    static SavedSettings load();
    void save() const;

    // A libpq key=value string for the saved server (no password).
    QString serverConnectionString() const;
};

} // namespace locklab
