#pragma once

#include "core/run/RunSummary.h"

#include <QString>

namespace locklab {

// The verdict of a run in words. Every number in it is computed from the
// record's samples, statements and lock intervals (read from the run's
// RunSummary, not computed again), never taken from the lesson text, so the
// words cannot claim what the run did not show. Words that interpret the run ("batched backfill", "from its first
// ALTER TABLE to COMMIT", "the transaction was rolled back") appear only when
// the recorded statements support them.
//
// Number formats (locale independent, so slides and tests read the same):
// seconds with one decimal ("4.3 s"); milliseconds with one decimal below 10
// ("2.1 ms") and none from 10 up ("61 ms"); durations under a second in ms.
class Verdict
{
public:
    // A few sentences, e.g. "Reads were blocked for 4.3 s. 1 probe timed out
    // after 3.0 s; in all 61 probes waited longer than 100 ms. The migration
    // held ACCESS EXCLUSIVE on large_user for 4.2 s, from its first ALTER
    // TABLE to COMMIT." or "No read waited longer than 9.0 ms; p99 2.1 ms
    // during 6.8 s of batched backfill."
    static QString describe(const RunSummary& summary);

    // One short line: "Reads blocked 4.3 s", "Reads never blocked", "No probes
    // ran"; " (cancelled)", " (failed)" or " (unfinished)" appended when the
    // step did not succeed.
    static QString headline(const RunSummary& summary);

    static QString formatSeconds(double ms); // 4321 -> "4.3 s"
    static QString formatMs(double ms); // 2.14 -> "2.1 ms", 61.4 -> "61 ms"
    static QString formatDuration(double ms); // under a second formatMs, else formatSeconds
};

} // namespace locklab
