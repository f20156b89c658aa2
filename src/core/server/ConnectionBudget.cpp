#include "core/server/ConnectionBudget.h"

#include <QSqlError>
#include <QSqlQuery>

namespace locklab {

QString ConnectionBudget::describe(const ProbeSettings& probes)
{
    return QStringLiteral("LockLab uses %1 server connections while a step runs: %2 probe connection%3, the "
                          "migration and the lock monitor (plus one short connection at start and when it reads "
                          "the tables). The classroom probe profile uses %4.")
        .arg(connectionsUsed(probes))
        .arg(probes.connections)
        .arg(probes.connections == 1 ? "" : "s")
        .arg(classroomProbeConnections + fixedConnections);
}

int ConnectionBudget::Room::available() const
{
    const int reserved = roleReserved + (superuser ? 0 : superuserReserved);
    // `used` includes the connection that asked, which closes before the step runs.
    return maxConnections - reserved - (used - 1);
}

bool ConnectionBudget::readRoom(const QSqlDatabase& db, Room* room, QString* error)
{
    // reserved_connections exists from PostgreSQL 16; current_setting(name, true) is NULL before.
    QSqlQuery query(db);
    if (!query.exec("SELECT current_setting('max_connections')::int, "
                    "current_setting('superuser_reserved_connections')::int, "
                    "coalesce(current_setting('reserved_connections', true)::int, 0), "
                    "(SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int, "
                    "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")
        || !query.next()) {
        *error = QStringLiteral("Could not read the server's connection limits: %1").arg(query.lastError().text());
        return false;
    }
    room->maxConnections = query.value(0).toInt();
    room->superuserReserved = query.value(1).toInt();
    room->roleReserved = query.value(2).toInt();
    room->used = query.value(3).toInt();
    room->superuser = query.value(4).toBool();
    return true;
}

QString ConnectionBudget::shortage(const Room& room, int needed)
{
    const int available = room.available();
    if (needed <= available)
        return {};
    return QStringLiteral("The server has room for %1 more connection%2 (max_connections %3, %4 in use, %5 "
                          "reserved), and LockLab needs %6 to measure a step. Without them probes cannot connect "
                          "and the measurement is incomplete. Ask whoever runs the server to raise "
                          "max_connections (about 4 per attendee plus 10), use the classroom probe profile "
                          "(--probe-profile classroom, 4 connections), or close other sessions.")
        .arg(qMax(0, available))
        .arg(available == 1 ? "" : "s")
        .arg(room.maxConnections)
        .arg(room.used)
        .arg(room.roleReserved + (room.superuser ? 0 : room.superuserReserved))
        .arg(needed);
}

} // namespace locklab
