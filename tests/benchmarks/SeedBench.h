#pragma once

#include "BenchContext.h"
#include "StepRunner.h"

namespace locklab::bench {

// Benchmark 1, seeding, in one run on the same server:
// - today's way before the fast path: INSERT ... generate_series into an
//   existing table with its primary key, ids drawn from the sequence;
// - the best server-side load (the limit): one transaction that creates the
//   table, INSERT ... generate_series with the ids, ADD PRIMARY KEY, COMMIT;
// - LockLab's seed step through LessonRunner;
// then the limit and LockLab once more at the large size (10M by default),
// sampling the resident memory of this process and of the server backend
// doing the load while it runs.
class SeedBench
{
public:
    explicit SeedBench(BenchContext& context);
    void run();

private:
    struct Memory
    {
        double startKb = 0;
        double peakKb = 0;
    };
    double todaysWay(qint64 rows, QString* error);
    double limit(qint64 rows, QString* error);
    void large(double limitMs);

    BenchContext& m_context;
    StepRunner m_steps;
};

} // namespace locklab::bench
