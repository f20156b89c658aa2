#pragma once

#include "core/analysis/AnalysisReport.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace locklab {

// `locklab-cli check` output: plain text for people, JSON for tools,
// GitHub Actions workflow commands (annotations on the lines of a pull request).
class CheckOutput
{
public:
    static QString text(const AnalysisReport& report, bool strict);
    static QString github(const AnalysisReport& report, bool strict);
    static QJsonObject json(const AnalysisReport& report);

    // One statement's prediction in words: "ACCESS EXCLUSIVE on large_user (blocks reads, writes,
    // DDL and autovacuum), full scan, held until COMMIT".
    static QString lockSummary(const PredictedLock& lock);
};

} // namespace locklab
