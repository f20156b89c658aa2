#pragma once

#include "BenchContext.h"

namespace locklab::bench {

// Benchmark 4: does the probe pool keep its rate while its connections are
// stuck behind a lock? A ProbePool probes at 20 and then 50 Hz; meanwhile
// another connection holds ACCESS EXCLUSIVE on large_user for a few seconds,
// so every probe sent then waits and later ticks find no free connection
// (recorded as NoFreeConnection samples rather than skipped).
class ProbeRateBench
{
public:
    explicit ProbeRateBench(BenchContext& context);
    void run();

private:
    void measure(double rateHz);
    BenchContext& m_context;
};

} // namespace locklab::bench
