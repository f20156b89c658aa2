#pragma once

#include "core/analysis/AnalysisReport.h"
#include "core/run/RunRecord.h"

#include <QList>
#include <QString>

namespace locklab {

// One statement: what the analyser predicted next to what the run measured.
struct StatementComparison
{
    int statement = 0; // 1-based index in the analysed file
    QString sql;
    QString predicted; // "ACCESS EXCLUSIVE on large_user, full scan: blocks reads"
    QString measured; // "reads blocked 2.1 s; ACCESS EXCLUSIVE seen on locklab_try.large_user"
    bool ran = false;
    double durationMs = 0;
    bool predictedBlocking = false; // the probed activity (reads or writes) should wait
    bool measuredBlocking = false;
    bool judged = false; // long enough (or blocked) to tell
    bool contradiction = false; // the measurement says otherwise: shown, never hidden
};

// Puts the prediction beside the measurement, statement by statement. A
// statement counts as blocking the probed activity when its own lock, or a
// lock an earlier statement of the same transaction still holds, conflicts
// with it (a whole-table UPDATE/DELETE blocks writes to its rows). Measured:
// a probe overlapping the statement waited past the run's blocked threshold.
// Statements too short for the probes to see are not judged, unless they
// blocked anyway.
class PredictionCheck
{
public:
    static QList<StatementComparison> compare(const AnalysisReport& prediction, const RunRecord& record,
                                              bool writeProbe, const QString& probedTable);
    static int contradictions(const QList<StatementComparison>& rows);
};

} // namespace locklab
