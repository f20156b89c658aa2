#pragma once

#include "BenchContext.h"

namespace locklab::bench {

// Benchmark 7: the lock queue (lesson 6). For a few hold times of the
// "nightly report" actor: how long reads and writes were blocked behind the
// waiting ADD COLUMN with no lock_timeout (step 1), and with lock_timeout
// 200 ms (step 2): the longest read, and whether the migration was applied
// (it is only with the engine's retry).
class LockQueueBench
{
public:
    explicit LockQueueBench(BenchContext& context);
    void run();

private:
    void measure(qint64 holdMs);
    BenchContext& m_context;
};

} // namespace locklab::bench
