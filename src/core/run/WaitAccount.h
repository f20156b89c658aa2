#pragma once

#include "core/run/RunRecord.h"

#include <QStringList>

namespace locklab {

// Who waited for whom in a run, in a few lines of text: what the window's
// lock table shows, for the headless runner. Every lock wait the monitor
// saw, grouped by session (the probes of a series count as one), mode and
// table, with when it lasted and who blocked it; and the granted locks of
// the sessions that blocked somebody, on the tables somebody waited for, so
// the queue reads front to back:
//
//   nightly report   held    ACCESS SHARE      on large_user  0.1 s - 10.1 s
//   migration        waited  ACCESS EXCLUSIVE  on large_user  1.0 s - 10.1 s  blocked by nightly report
//   read probes (4)  waited  ACCESS SHARE      on large_user  1.0 s - 10.1 s  blocked by migration
//
// Empty when nobody waited for a lock.
class WaitAccount
{
public:
    static QStringList lines(const RunRecord& record);
};

} // namespace locklab
