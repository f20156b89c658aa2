#include "core/run/ProbeCoverage.h"

#include <algorithm>
#include <limits>

namespace locklab {

namespace {
const QString kPrefix = QStringLiteral("not connected: ");
} // namespace

QString ProbeCoverage::notConnectedMessage(const QString& error)
{
    return kPrefix + error;
}

bool ProbeCoverage::isNotConnected(const ProbeSample& sample)
{
    return sample.outcome == ProbeOutcome::Error && sample.message.startsWith(kPrefix);
}

int ProbeCoverage::notConnectedCount(const RunRecord& record)
{
    // Once a probe's established connection failed (the server died or was restarted), its reconnects
    // fail too. Those gaps follow from that loss, which the step's own failure reports; they do not mean
    // the server had no room, and the reads that waited before it still count.
    double lostAtMs = std::numeric_limits<double>::infinity();
    for (const ProbeSample& sample : record.samples) {
        if (sample.outcome == ProbeOutcome::Error && !isNotConnected(sample))
            lostAtMs = std::min(lostAtMs, sample.startMs);
    }
    return int(std::count_if(record.samples.cbegin(), record.samples.cend(), [lostAtMs](const ProbeSample& sample) {
        return isNotConnected(sample) && sample.startMs < lostAtMs;
    }));
}

QString ProbeCoverage::incompleteSentence(const RunRecord& record)
{
    const int missing = notConnectedCount(record);
    if (missing == 0)
        return {};
    QString reason;
    for (const ProbeSample& sample : record.samples) {
        if (isNotConnected(sample)) {
            reason = sample.message.mid(kPrefix.size()).simplified();
            // The server's own words say why ("too many connections"); the rest repeats the settings.
            const qsizetype said = reason.indexOf(QStringLiteral("Server said: "));
            if (said >= 0)
                reason = reason.mid(said + 13);
            reason = reason.left(200);
            break;
        }
    }
    return QStringLiteral("Measurement incomplete: %1 of %2 probes could not be sent because their connection "
                          "to the server failed (%3), so LockLab gives no verdict for this step. Make room on "
                          "the server (raise max_connections, or use the classroom probe profile) and run the "
                          "step again.")
        .arg(missing)
        .arg(record.samples.size())
        .arg(reason.isEmpty() ? QStringLiteral("no reason given") : reason);
}

} // namespace locklab
