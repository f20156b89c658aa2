#pragma once

#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace locklab {

// The names of the run metrics that prediction rules test and prediction
// texts quote ({reads_blocked_ms}); RunMetrics computes their values. Kept
// apart from RunMetrics so the lesson loader checks names without the run code.
class MetricCatalog
{
public:
    // Every metric name, with one line saying what it measures (README, errors).
    static const QMap<QString, QString>& descriptions();
    static bool isKnown(const QString& name) { return descriptions().contains(name); }
    // {name} in a text.
    static const QRegularExpression& placeholderPattern();
    // The {placeholders} of a text that are not metric names.
    static QStringList unknownPlaceholders(const QString& text);
};

} // namespace locklab
