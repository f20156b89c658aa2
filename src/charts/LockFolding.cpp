#include "charts/LockFolding.h"

#include "core/observe/LockModes.h"

#include <algorithm>

namespace locklab {

namespace {

bool isIndexOf(const LockInterval& index, const QString& table)
{
    return !index.table.isEmpty() && index.table != index.relation && index.table == table;
}

bool foldsInto(const LockInterval& lock, const LockInterval& host)
{
    if (lock.pid != host.pid || !LockFolding::dominates(host.mode, lock.mode))
        return false;
    const bool related = (lock.relation == host.relation && !LockFolding::dominates(lock.mode, host.mode))
        || isIndexOf(lock, host.relation);
    return related && host.fromMs <= lock.fromMs + LockFolding::kToleranceMs
        && host.toMs >= lock.toMs - LockFolding::kToleranceMs;
}

} // namespace

bool LockFolding::dominates(const QString& strongerMode, const QString& weakerMode)
{
    const std::optional<LockMode> stronger = LockModes::fromName(strongerMode);
    const std::optional<LockMode> weaker = LockModes::fromName(weakerMode);
    if (!stronger || !weaker)
        return false;
    const QList<LockMode> blockedByStronger = LockModes::conflictingModes(*stronger);
    const QList<LockMode> blockedByWeaker = LockModes::conflictingModes(*weaker);
    return std::all_of(blockedByWeaker.cbegin(), blockedByWeaker.cend(),
                       [&](LockMode mode) { return blockedByStronger.contains(mode); });
}

QList<int> LockFolding::hosts(const QList<LockInterval>& locks)
{
    QList<int> host(locks.size(), -1);
    for (qsizetype i = 0; i < locks.size(); ++i) {
        for (qsizetype j = 0; j < locks.size(); ++j) {
            if (i == j || !foldsInto(locks.at(i), locks.at(j)))
                continue;
            // The strongest, then longest, candidate hosts.
            if (host[i] < 0
                || (dominates(locks.at(j).mode, locks.at(host[i]).mode)
                    && locks.at(j).durationMs() > locks.at(host[i]).durationMs()))
                host[i] = int(j);
        }
    }
    // Folding runs one way (towards stronger modes, from indexes to tables),
    // so following hosts ends at a lock that has its own bar.
    for (qsizetype i = 0; i < locks.size(); ++i) {
        int root = host[i];
        for (int step = 0; root >= 0 && host[root] >= 0 && step < locks.size(); ++step)
            root = host[root];
        host[i] = root;
    }
    return host;
}

} // namespace locklab
