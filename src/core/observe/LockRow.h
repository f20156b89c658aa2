#pragma once

#include <QList>
#include <QString>

namespace locklab {

// One relation-level lock seen by the lock monitor in one poll: a row of
// pg_locks joined with pg_stat_activity. Granted rows are held locks,
// the others are waits (waitingMs says for how long, blockedBy by whom).
struct LockRow
{
    int pid = 0;
    QString who; // "migration", "probe 3", "monitor" or "other"
    QString applicationName; // as the backend reported it
    QString relation; // relation::regclass::text, e.g. "large_user"
    QString table; // the table of an index ("large_user" for "large_user_pkey"), else the relation
    QString mode; // pg_locks name, e.g. "AccessExclusiveLock"
    bool granted = true;
    double waitingMs = 0; // 0 for granted rows
    QList<int> blockedBy; // pg_blocking_pids() for waiting rows
    QString query; // the backend's current or last query, shortened

    // LockLab names its connections "locklab-migration", "locklab-probe-N",
    // "locklab-write-probe-N", "locklab-monitor" and "locklab-actor:<name>"
    // (a lesson's background session, shown by its name); everything else
    // is somebody else's session.
    static QString whoFromApplicationName(const QString& applicationName)
    {
        static const QString probePrefix = QStringLiteral("locklab-probe-");
        static const QString writeProbePrefix = QStringLiteral("locklab-write-probe-");
        static const QString actorPrefix = QStringLiteral("locklab-actor:");
        if (applicationName == QLatin1String("locklab-migration"))
            return QStringLiteral("migration");
        if (applicationName == QLatin1String("locklab-monitor"))
            return QStringLiteral("monitor");
        if (applicationName.startsWith(actorPrefix) && applicationName.size() > actorPrefix.size())
            return applicationName.mid(actorPrefix.size());
        for (const QString* prefix : { &probePrefix, &writeProbePrefix }) {
            if (!applicationName.startsWith(*prefix))
                continue;
            bool ok = false;
            const int n = applicationName.mid(prefix->size()).toInt(&ok);
            if (ok && n > 0)
                return (prefix == &probePrefix ? QStringLiteral("probe %1") : QStringLiteral("write probe %1")).arg(n);
        }
        return QStringLiteral("other");
    }
};

} // namespace locklab
