#pragma once

#include "core/run/RunRecord.h"

#include <QHash>
#include <QList>
#include <QString>

namespace locklab {

// Which probe samples waited on a lock. A probe counts as "waited on a lock"
// only when the lock monitor saw its backend waiting for one (a pg_locks row
// with granted = false, the same poll that fills pg_blocking_pids) while the
// probe's query was out; a probe that was merely slow (I/O, CPU, a busy
// machine) did not. The monitor polls a few times a second and extends every
// wait back to when the server says it began (pg_locks.waitstart), so a wait
// shorter than the poll interval can still be missed: such a probe shows as
// slow, never a slow one as blocked.
class ProbeLockWaits
{
public:
    explicit ProbeLockWaits(const QList<LockInterval>& locks);

    // `recordEndMs` ends the wait of a probe still unanswered when recording stopped.
    bool waited(const ProbeSample& sample, double recordEndMs) const;

    // The lock monitor's name for the connection that ran the sample: "probe 3".
    static QString holderOf(const ProbeSample& sample);

    // When the sample's query ended: the answer, the timeout, the error, or
    // (still unanswered) the end of the recording.
    static double sampleEndMs(const ProbeSample& sample, double recordEndMs);

private:
    QHash<QString, QList<LockInterval>> m_waits; // by holder
};

} // namespace locklab
