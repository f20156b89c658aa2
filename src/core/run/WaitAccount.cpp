#include "core/run/WaitAccount.h"

#include "core/observe/LockModes.h"
#include "core/run/Verdict.h"

#include <QMap>
#include <QSet>

#include <algorithm>
#include <tuple>

namespace locklab {

namespace {

// The probes of one series are one line: eight "probe N" lines would bury the story.
QString sessionGroup(const QString& holder)
{
    if (holder.startsWith(QLatin1String("write probe ")))
        return QStringLiteral("write probes");
    if (holder.startsWith(QLatin1String("probe ")))
        return QStringLiteral("read probes");
    return holder.isEmpty() ? QStringLiteral("other") : holder;
}

struct Row
{
    QString who;
    bool granted = true;
    QString mode;
    QString relation;
    double fromMs = 0;
    double toMs = 0;
    QSet<QString> members; // distinct sessions in a probe group
    QStringList blockedBy;
};

} // namespace

QStringList WaitAccount::lines(const RunRecord& record)
{
    QMap<std::tuple<QString, bool, QString, QString>, Row> rows;
    QSet<QString> blockers;
    QSet<QString> waitedOn; // the relations somebody waited for, and their tables
    bool anyWait = false;
    for (const LockInterval& lock : record.locks) {
        if (lock.granted)
            continue;
        anyWait = true;
        waitedOn.insert(lock.relation);
        if (!lock.table.isEmpty())
            waitedOn.insert(lock.table);
        for (const QString& name : lock.blockedBy.split(QStringLiteral(", "), Qt::SkipEmptyParts))
            blockers.insert(name);
    }
    if (!anyWait)
        return {};
    for (const LockInterval& lock : record.locks) {
        // Granted locks only of those who were in somebody's way, and only
        // where they were: not the index a migration builds, which nobody
        // else can see yet (the monitor knows it only by its OID).
        if (lock.granted
            && (!blockers.contains(lock.holder)
                || !(waitedOn.contains(lock.relation) || (!lock.table.isEmpty() && waitedOn.contains(lock.table)))))
            continue;
        const QString who = sessionGroup(lock.holder);
        const auto key = std::make_tuple(who, lock.granted, lock.mode, lock.relation);
        auto it = rows.find(key);
        if (it == rows.end()) {
            Row row;
            row.who = who;
            row.granted = lock.granted;
            row.mode = lock.mode;
            row.relation = lock.relation;
            row.fromMs = lock.fromMs;
            row.toMs = lock.toMs;
            it = rows.insert(key, row);
        }
        it->fromMs = std::min(it->fromMs, lock.fromMs);
        it->toMs = std::max(it->toMs, lock.toMs);
        it->members.insert(lock.holder);
        for (const QString& name : lock.blockedBy.split(QStringLiteral(", "), Qt::SkipEmptyParts)) {
            const QString group = sessionGroup(name);
            if (!it->blockedBy.contains(group))
                it->blockedBy << group;
        }
    }
    QList<Row> ordered = rows.values();
    std::stable_sort(ordered.begin(), ordered.end(), [](const Row& a, const Row& b) {
        // Front of the queue first: holders, then waiters, each by when they began.
        return std::make_tuple(!a.granted, a.fromMs) < std::make_tuple(!b.granted, b.fromMs);
    });
    QStringList who;
    QStringList modes;
    QStringList relations;
    for (const Row& row : ordered) {
        who << (row.members.size() > 1 ? QStringLiteral("%1 (%2)").arg(row.who).arg(row.members.size()) : row.who);
        modes << LockModes::displayName(row.mode);
        relations << QStringLiteral("on ") + row.relation;
    }
    const auto width = [](const QStringList& column) {
        qsizetype w = 0;
        for (const QString& text : column)
            w = std::max(w, text.size());
        return int(w);
    };
    QStringList lines;
    for (qsizetype i = 0; i < ordered.size(); ++i) {
        const Row& row = ordered.at(i);
        QString line = QStringLiteral("%1  %2  %3  %4  %5 - %6")
                           .arg(who.at(i), -width(who))
                           .arg(row.granted ? QStringLiteral("held  ") : QStringLiteral("waited"))
                           .arg(modes.at(i), -width(modes))
                           .arg(relations.at(i), -width(relations))
                           .arg(Verdict::formatSeconds(row.fromMs), Verdict::formatSeconds(row.toMs));
        if (!row.blockedBy.isEmpty())
            line += QStringLiteral("  blocked by ") + row.blockedBy.join(QStringLiteral(", "));
        lines << line.trimmed();
    }
    return lines;
}

} // namespace locklab
