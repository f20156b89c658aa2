#pragma once

#include "core/run/RunRecord.h"

#include <QList>

namespace locklab {

// Which of the migration's charted locks add nothing the Locks lane does not
// already say. A rewrite under ACCESS EXCLUSIVE on a table also takes SHARE on
// it and ACCESS EXCLUSIVE on its indexes; three rows for one stall squeeze the
// plot and suggest three things blocked reads. A lock folds into another lock
// of the same session held over the same time when
//   - the other lock conflicts with every mode this one conflicts with, and
//   - it is on the same relation (and strictly stronger) or on the table this
//     index belongs to.
// The lock table still lists every lock; the host bar's tooltip names the
// folded ones.
class LockFolding
{
public:
    // How far apart the start and end of two locks may be and still count as
    // the same time: the lock monitor polls ten times a second.
    static constexpr double kToleranceMs = 150;

    // For each lock, the index of the lock it is drawn inside, or -1 when it
    // gets its own bar. A host is never itself folded.
    static QList<int> hosts(const QList<LockInterval>& locks);

    static bool dominates(const QString& strongerMode, const QString& weakerMode);
};

} // namespace locklab
