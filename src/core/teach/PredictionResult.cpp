#include "core/teach/PredictionResult.h"

namespace locklab {

bool PredictionResult::holds(const MetricCondition& condition, const RunMetrics& metrics)
{
    const double v = metrics.value(condition.metric);
    return (!condition.atLeast || v >= *condition.atLeast) && (!condition.below || v < *condition.below);
}

bool PredictionResult::holds(const PredictionChoice& choice, const RunMetrics& metrics)
{
    for (const MetricCondition& condition : choice.when) {
        if (!holds(condition, metrics))
            return false;
    }
    return true;
}

PredictionResult PredictionResult::evaluate(const Prediction& prediction, const RunMetrics& metrics, int pickedIndex)
{
    PredictionResult result;
    result.pickedIndex = pickedIndex >= 0 && pickedIndex < prediction.choices.size() ? pickedIndex : -1;
    for (int i = 0; i < prediction.choices.size(); ++i) {
        if (holds(prediction.choices.at(i), metrics)) {
            result.measuredIndex = i;
            break;
        }
    }
    result.measuredText = metrics.fill(prediction.measured);
    return result;
}

PredictionResult PredictionResult::evaluate(const Prediction& prediction, const RunSummary& summary, int pickedIndex)
{
    return evaluate(prediction, RunMetrics(summary), pickedIndex);
}

QString PredictionResult::sentence(const Prediction& prediction) const
{
    QStringList parts;
    if (picked())
        parts << QString("You said: %1.").arg(prediction.choices.at(pickedIndex).text);
    if (hasMeasured())
        parts << QString("Measured: %1%2")
                     .arg(prediction.choices.at(measuredIndex).text, pickedRight() ? " (right)." : ".");
    else
        parts << QStringLiteral("None of the choices fits this run's numbers.");
    if (!measuredText.isEmpty())
        parts << measuredText;
    return parts.join(' ');
}

} // namespace locklab
