#include "core/server/SavedSettings.h"

#include <QSettings>
#include <QStringList>

namespace locklab {

SavedSettings SavedSettings::load()
{
    QSettings settings;
    SavedSettings saved;
    const ProbeSettings defaults;
    settings.beginGroup("probes");
    saved.probes.rateHz = settings.value("rateHz", defaults.rateHz).toDouble();
    saved.probes.timeoutMs = settings.value("timeoutMs", defaults.timeoutMs).toInt();
    saved.probes.connections = settings.value("connections", defaults.connections).toInt();
    settings.endGroup();
    // A hand-edited settings file must not break the probes: fall back to defaults.
    if (!ProbeSettings::validate(saved.probes, nullptr))
        saved.probes = defaults;

    settings.beginGroup("server");
    saved.useServer = settings.value("useServer", false).toBool();
    saved.server.host = settings.value("host").toString();
    saved.server.port = settings.value("port", 0).toInt();
    saved.server.user = settings.value("user").toString();
    saved.server.database = settings.value("database").toString();
    saved.pgBinDir = settings.value("pgBinDir").toString();
    settings.endGroup();
    return saved;
}

void SavedSettings::save() const
{
    QSettings settings;
    settings.beginGroup("probes");
    settings.setValue("rateHz", probes.rateHz);
    settings.setValue("timeoutMs", probes.timeoutMs);
    settings.setValue("connections", probes.connections);
    settings.endGroup();
    settings.beginGroup("server");
    settings.setValue("useServer", useServer);
    settings.setValue("host", server.host);
    settings.setValue("port", server.port);
    settings.setValue("user", server.user);
    settings.setValue("database", server.database);
    settings.setValue("pgBinDir", pgBinDir);
    settings.remove("password"); // in case an older file had one
    settings.endGroup();
}

QString SavedSettings::serverConnectionString() const
{
    QStringList parts;
    if (!server.host.isEmpty())
        parts << "host=" + ConnectionSettings::conninfoQuoted(server.host);
    if (server.port > 0)
        parts << "port=" + QString::number(server.port);
    if (!server.user.isEmpty())
        parts << "user=" + ConnectionSettings::conninfoQuoted(server.user);
    if (!server.database.isEmpty())
        parts << "dbname=" + ConnectionSettings::conninfoQuoted(server.database);
    return parts.join(' ');
}

} // namespace locklab
