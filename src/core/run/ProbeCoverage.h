#pragma once

#include "core/run/RunRecord.h"

#include <QString>

namespace locklab {

// Whether a run's probes measured what they were meant to: a probe that
// could not connect (server full, "remaining connection slots are
// reserved") records no latency, so the reads it should have timed are
// missing and a calm-looking verdict would be wrong.
class ProbeCoverage
{
public:
    // The message of a sample its probe could not send because it has no connection.
    static QString notConnectedMessage(const QString& error);
    static bool isNotConnected(const ProbeSample& sample);

    // Samples not sent for want of a connection, before any established connection failed (after a
    // server crash reconnects fail too, and that is the step's failure, not a lack of room).
    static int notConnectedCount(const RunRecord& record);
    static bool isComplete(const RunRecord& record) { return notConnectedCount(record) == 0; }

    // Empty when complete; otherwise what is missing and what to do, said instead of a verdict.
    static QString incompleteSentence(const RunRecord& record);
};

} // namespace locklab
