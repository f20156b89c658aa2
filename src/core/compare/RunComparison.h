#pragma once

#include "core/run/RunSummary.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace locklab {

// Two or more recorded runs on one time axis, for the comparison chart and
// its exports. Each run is shifted so that its step starts at 0: the moment
// its first statement started (RunRecord::migrationStartMs). Probes running
// before that show as negative times, so "before" and "during" line up
// whatever each run's warm-up was.
class RunComparison
{
public:
    struct Point
    {
        double tMs = 0; // aligned send time
        double latencyMs = 0; // wait until the answer (until the end of the run if still in flight)
        ProbeOutcome outcome = ProbeOutcome::Ok;
        bool inFlight = false;
    };

    RunComparison() = default;
    explicit RunComparison(const QList<RunRecord>& runs);

    const QList<RunRecord>& runs() const { return m_runs; }
    // The runs' statistics, computed once when the comparison is made.
    const QList<RunSummary>& summaries() const { return m_summaries; }
    int size() const { return int(m_runs.size()); }

    // Where run time 0 of the comparison lies in the run's own clock.
    static double alignmentMs(const RunRecord& record);
    // "reads blocked 5.1 s" when reads were blocked, else "max 20 ms" (the
    // slowest answered read), "no probes" when none ran.
    static QString shortVerdict(const RunSummary& summary);
    // "Add NOT NULL the way Django does it: reads blocked 5.1 s"
    static QString label(const RunSummary& summary);

    // The run's samples that have a wait to draw (no "no free connection"
    // ticks), in send order, on the aligned axis.
    QList<Point> points(int run) const;
    // Aligned span of all runs, [min start, max end] in ms.
    double fromMs() const;
    double toMs() const;

    // One column set per run: run<N>_t_ms, run<N>_latency_ms, run<N>_outcome;
    // a first line naming each run; rows as long as the longest run, shorter
    // runs' cells empty after their last sample.
    QByteArray toCsv() const;
    // {"aligned_at": "step start", "runs": [{label, short_verdict, lesson,
    // step, offset_ms, summary (RunExporter::toJson), samples: [[t, latency,
    // outcome], ...]}]}
    QJsonObject toJson() const;

    // The classic pair of a session: the run that blocked reads the longest
    // and the longest probed run that never blocked them (lesson 3's NOT NULL
    // and lesson 5's backfill, once both ran). Chosen from what the runs
    // measured, not from lesson names; runs of a sweep are left out. Indexes
    // into `history`; false when it lacks either.
    static bool classicPair(const QList<RunRecord>& history, int* risky, int* safe);

private:
    QList<RunRecord> m_runs;
    QList<RunSummary> m_summaries;
};

} // namespace locklab
