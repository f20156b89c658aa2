#pragma once

#include <chrono>

namespace locklab {

// One time origin shared by the worker, the probes and the lock monitor, so
// their timestamps land on the same axis. A value type: copy it to threads.
class RunClock
{
public:
    using Clock = std::chrono::steady_clock;

    RunClock()
        : m_origin(Clock::now())
    {
    }
    explicit RunClock(Clock::time_point origin)
        : m_origin(origin)
    {
    }

    double nowMs() const { return toMs(Clock::now()); }
    double toMs(Clock::time_point t) const { return std::chrono::duration<double, std::milli>(t - m_origin).count(); }
    Clock::time_point origin() const { return m_origin; }

private:
    Clock::time_point m_origin;
};

} // namespace locklab
