#pragma once

#include "core/run/RunRecord.h"

#include <QMap>
#include <QString>

namespace locklab {

// The run that started last among `runs` (keyed by lesson/step, so the map's
// own order is alphabetical, not when they ran); null when there is none.
const RunRecord* latestRun(const QMap<QString, RunRecord>& runs);

} // namespace locklab
