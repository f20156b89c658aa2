#pragma once

#include "core/observe/ProbeSettings.h"

#include <QSqlDatabase>
#include <QString>

namespace locklab {

// How many server connections one LockLab uses, and whether the server has
// room for them. A class of 30 on one server runs out of the default
// max_connections = 100 at ~6 each: the check says so before anything runs.
class ConnectionBudget
{
public:
    // Connections held while a step runs besides the probes: the migration and the lock monitor.
    static constexpr int fixedConnections = 2;
    // The "classroom" probe profile: fewer probe connections at the same rate,
    // so one attendee stays at 4 connections.
    static constexpr int classroomProbeConnections = 2;

    static int connectionsUsed(const ProbeSettings& probes) { return probes.connections + fixedConnections; }
    // "6 connections while a step runs: 4 probes, the migration and the lock monitor ..."
    static QString describe(const ProbeSettings& probes);
    static void applyClassroomProfile(ProbeSettings* probes) { probes->connections = classroomProbeConnections; }

    struct Room
    {
        int maxConnections = 0;
        int superuserReserved = 0; // superuser_reserved_connections
        int roleReserved = 0; // reserved_connections (PostgreSQL 16+), for pg_use_reserved_connections
        int used = 0; // client connections open now, this one included
        bool superuser = false; // may use the superuser-reserved slots
        int available() const;
    };

    // Reads the server's limits and current use over `db` (one short query).
    static bool readRoom(const QSqlDatabase& db, Room* room, QString* error);
    // Empty when `needed` more connections fit; otherwise what is short and what to do.
    static QString shortage(const Room& room, int needed);
};

} // namespace locklab
