#pragma once

#include "core/lesson/StepTeaching.h"
#include "core/teach/RunMetrics.h"

#include <QString>

namespace locklab {

// A prediction checked against a run: which choice the run's numbers pick,
// beside the one the attendee picked (if any).
struct PredictionResult
{
    int measuredIndex = -1; // the first choice whose conditions hold; -1: none does
    int pickedIndex = -1; // the attendee's choice; -1: skipped
    QString measuredText; // the prediction's `measured` sentence with the run's numbers

    bool hasMeasured() const { return measuredIndex >= 0; }
    bool picked() const { return pickedIndex >= 0; }
    bool pickedRight() const { return picked() && pickedIndex == measuredIndex; }

    static bool holds(const MetricCondition& condition, const RunMetrics& metrics);
    static bool holds(const PredictionChoice& choice, const RunMetrics& metrics);
    static PredictionResult evaluate(const Prediction& prediction, const RunMetrics& metrics, int pickedIndex = -1);
    // The same from a run's summary.
    static PredictionResult evaluate(const Prediction& prediction, const RunSummary& summary, int pickedIndex = -1);

    // "You said: stay flat. Measured: wait until COMMIT. Reads waited 5.1 s ..."
    // (without "You said" when the attendee skipped).
    QString sentence(const Prediction& prediction) const;
};

} // namespace locklab
