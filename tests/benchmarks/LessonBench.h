#pragma once

#include "BenchContext.h"
#include "StepRunner.h"

namespace locklab::bench {

// Benchmarks 2 and 3, on the lessons themselves (1, seeding, is SeedBench):
// 2. LockLab's blocked time during the NOT NULL step vs an independent probe;
// 3. the safe path vs the risky one, and read latency during the safe path.
class LessonBench
{
public:
    explicit LessonBench(BenchContext& context);

    void blockedWindow();
    void safePath();

private:
    bool seed(StepRunner::Result* result = nullptr);

    BenchContext& m_context;
    StepRunner m_steps;
    double m_riskyMs = -1; // the not-null step's migration time, from blockedWindow()
};

} // namespace locklab::bench
