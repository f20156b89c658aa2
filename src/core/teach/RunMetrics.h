#pragma once

#include "core/lesson/MetricCatalog.h"
#include "core/run/RunRecord.h"
#include "core/run/RunSummary.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace locklab {

// The named numbers of one run that prediction rules test and prediction
// texts quote ({reads_blocked_ms}). Every value comes from the run's
// RunSummary (its statistics computed once), so a rule, the verdict and the
// chart read the same numbers. Names end in their unit: _ms durations,
// _share a fraction 0..1, anything else a count.
class RunMetrics
{
public:
    RunMetrics() = default;
    explicit RunMetrics(const RunSummary& summary);

    static bool isKnown(const QString& name) { return MetricCatalog::isKnown(name); }

    double value(const QString& name) const { return m_values.value(name); }
    void set(const QString& name, double value) { m_values.insert(name, value); }

    // A value in words: "5.1 s", "340 ms", "85 %", "1,000,000".
    QString formatted(const QString& name) const;
    // `text` with every {metric} replaced by its formatted value; unknown
    // placeholders stay as they are (the loader rejects them in lesson files).
    QString fill(const QString& text) const;

private:
    QMap<QString, double> m_values;
};

} // namespace locklab
