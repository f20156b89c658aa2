#include "charts/ClassifiedReads.h"

#include "charts/ChartAxes.h"

#include <algorithm>
#include <cmath>

namespace locklab {

void ClassifiedReads::add(const ProbeSample& sample, double inFlightUntilMs, QList<QPointF>& okBatch,
                          QList<double>& problemTimesBatch, double offsetMs)
{
    const double x = (sample.startMs - offsetMs) / 1000.0;
    if (sample.kind == ProbeKind::Write) {
        addWrite(sample, x, inFlightUntilMs);
        return;
    }
    if (sample.inFlight || sample.outcome != ProbeOutcome::Ok)
        problemTimesBatch.append(x);
    if (sample.outcome != ProbeOutcome::NoFreeConnection || sample.inFlight) {
        const double waited = sample.inFlight && !std::isnan(inFlightUntilMs) ? inFlightUntilMs - sample.startMs
                                                                              : sample.latencyMs;
        if (waited >= kLongWaitMs)
            waits.append({ x, waited });
    }
    if (sample.inFlight) {
        const double waited = std::isnan(inFlightUntilMs) ? sample.latencyMs : inFlightUntilMs - sample.startMs;
        // A read sent just before recording stopped had no time to wait: it
        // is left out (it was no timeout). One that had waited long is drawn
        // as cut off by the end of the run, at its wait so far.
        if (waited < kLongWaitMs) {
            problemTimesBatch.removeLast();
            return;
        }
        cutOff.append(QPointF(x, waited));
        maxLatencyMs = std::max(maxLatencyMs, waited);
        return;
    }
    switch (sample.outcome) {
    case ProbeOutcome::Ok:
        okBatch.append(QPointF(x, sample.latencyMs));
        break;
    case ProbeOutcome::Timeout:
        timeouts.append(QPointF(x, sample.latencyMs));
        break;
    case ProbeOutcome::Error:
        errors.append(QPointF(x, sample.latencyMs));
        break;
    case ProbeOutcome::NoFreeConnection:
        noFree.append(QPointF(x, ChartAxes::kTopY));
        return;
    }
    maxLatencyMs = std::max(maxLatencyMs, sample.latencyMs);
}

// Writes get one line and one set of markers (timeouts and errors): the
// read line's breaks and the "no free connection" strip stay about the reads.
void ClassifiedReads::addWrite(const ProbeSample& sample, double x, double inFlightUntilMs)
{
    if (sample.inFlight || sample.outcome != ProbeOutcome::Ok)
        writeProblemTimes.append(x); // the write line breaks here, as the read line does
    if (sample.outcome == ProbeOutcome::NoFreeConnection && !sample.inFlight)
        return;
    const double waitedSoFar = sample.inFlight && !std::isnan(inFlightUntilMs) ? inFlightUntilMs - sample.startMs
                                                                               : sample.latencyMs;
    if (waitedSoFar >= kLongWaitMs)
        writeWaits.append({ x, waitedSoFar });
    if (sample.inFlight) {
        // As for reads: a write still out when recording stopped did not
        // time out. Left out when it had no time to wait, else drawn as cut
        // off by the end of the run, at its wait so far.
        const double waited = std::isnan(inFlightUntilMs) ? sample.latencyMs : inFlightUntilMs - sample.startMs;
        if (waited < kLongWaitMs) {
            writeProblemTimes.removeLast();
            return;
        }
        cutOff.append(QPointF(x, waited));
        maxLatencyMs = std::max(maxLatencyMs, waited);
        return;
    }
    const double latency = std::max(0.0, sample.latencyMs);
    maxLatencyMs = std::max(maxLatencyMs, latency);
    if (sample.outcome != ProbeOutcome::Ok) {
        writeProblems.append(QPointF(x, latency));
        return;
    }
    const QPointF point(x, latency);
    // Writes finish out of order too; most arrive in order, so insert from the end.
    auto at = std::upper_bound(writeOk.begin(), writeOk.end(), point,
                               [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    writeOk.insert(at, point);
}

void ClassifiedReads::merge(QList<QPointF> okBatch, QList<double> problemTimesBatch)
{
    if (!okBatch.isEmpty()) {
        const auto byX = [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); };
        // A record's samples are in send order but for the few reads that
        // answered late: most batches need no sort at all.
        if (!std::is_sorted(okBatch.begin(), okBatch.end(), byX))
            std::stable_sort(okBatch.begin(), okBatch.end(), byX);
        const qsizetype middle = ok.size();
        ok.append(okBatch);
        if (middle > 0 && okBatch.first().x() < ok.at(middle - 1).x())
            std::inplace_merge(ok.begin(), ok.begin() + middle, ok.end(), byX);
    }
    // Few and mostly in order: sorted whole when a batch brought one out of order.
    if (!std::is_sorted(writeProblemTimes.begin(), writeProblemTimes.end()))
        std::sort(writeProblemTimes.begin(), writeProblemTimes.end());
    if (!problemTimesBatch.isEmpty()) {
        std::sort(problemTimesBatch.begin(), problemTimesBatch.end());
        const qsizetype middle = problemTimes.size();
        problemTimes.append(problemTimesBatch);
        std::inplace_merge(problemTimes.begin(), problemTimes.begin() + middle, problemTimes.end());
    }
}

void ClassifiedReads::addRecord(const RunRecord& record, double offsetMs)
{
    QList<QPointF> okBatch;
    QList<double> problemTimesBatch;
    okBatch.reserve(record.samples.size());
    for (const ProbeSample& sample : record.samples)
        add(sample, record.endMs, okBatch, problemTimesBatch, offsetMs);
    merge(std::move(okBatch), std::move(problemTimesBatch));
}

void ClassifiedReads::clear()
{
    *this = ClassifiedReads();
}

} // namespace locklab
