#include "core/run/RunHistory.h"

#include <algorithm>

namespace locklab {

const RunRecord* latestRun(const QMap<QString, RunRecord>& runs)
{
    const auto latest = std::max_element(
        runs.cbegin(), runs.cend(), [](const RunRecord& a, const RunRecord& b) { return a.startedAt < b.startedAt; });
    return latest == runs.cend() ? nullptr : &latest.value();
}

} // namespace locklab
