#include "core/tryout/PredictionCheck.h"

#include "core/run/Verdict.h"

#include <QMap>
#include <QSet>

#include <algorithm>

namespace locklab {

namespace {
bool sameTable(const QString& a, const QString& b)
{
    return a.section('.', -1).compare(b.section('.', -1), Qt::CaseInsensitive) == 0;
}
} // namespace

int PredictionCheck::contradictions(const QList<StatementComparison>& rows)
{
    int n = 0;
    for (const StatementComparison& r : rows)
        n += r.contradiction ? 1 : 0;
    return n;
}

QList<StatementComparison> PredictionCheck::compare(const AnalysisReport& prediction, const RunRecord& record,
                                                    bool writeProbe, const QString& probedTable)
{
    QList<StatementComparison> rows;
    const QString activity = writeProbe ? "writes" : "reads";
    // The probes ask every 1/rate s; a statement shorter than a few of those may slip between them.
    const double judgeMs = qMax(250.0, record.blockedThresholdMs * 2.5);
    int nextTiming = 0;
    bool heldBlocking = false; // a lock an earlier statement of the open transaction holds
    for (const StatementAnalysis& s : prediction.statements) {
        if (s.command == "BEGIN" || s.command == "COMMIT" || s.command == "ROLLBACK") {
            if (s.command != "BEGIN")
                heldBlocking = false;
            continue;
        }
        StatementComparison row;
        row.statement = s.index;
        row.sql = s.sql;
        bool blocks = false;
        QStringList words;
        for (const PredictedLock& l : s.locks) {
            const bool onProbed = l.onIndex || sameTable(l.table, probedTable);
            const bool conflicts = writeProbe ? blocksWrites(l.mode) : blocksReads(l.mode);
            blocks = blocks || (onProbed && conflicts);
            words.append(
                QString("%1 on %2, %3").arg(LockModes::displayName(l.mode), l.table, tableEffectName(l.effect)));
        }
        // A whole-table UPDATE or DELETE keeps every row it changed locked until it commits.
        for (const AnalysisFinding& f : prediction.findings) {
            if (writeProbe && f.statement == s.index && f.rule == "backfill-in-one-statement")
                blocks = blocks || std::any_of(s.locks.begin(), s.locks.end(), [&](const PredictedLock& l) {
                             return sameTable(l.table, probedTable);
                         });
        }
        row.predictedBlocking = blocks || heldBlocking;
        row.predicted = (words.isEmpty() ? QString("no table lock") : words.join("; ")) + ": "
            + (row.predictedBlocking ? QString("blocks %1").arg(activity) : QString("%1 go on").arg(activity))
            + (heldBlocking && !blocks ? " (an earlier statement's lock is held until COMMIT)" : "");
        if (s.inTransaction && blocks)
            heldBlocking = true;

        // The run's timing of this statement: the next one with the same SQL (batched ones carry a comment).
        const StatementTiming* timing = nullptr;
        QString sql = s.sql.trimmed();
        sql.replace("$1", ":first").replace("$2", ":last"); // batches were analysed with parameters
        for (int i = nextTiming; i < record.statements.size(); ++i) {
            if (record.statements.at(i).sql.trimmed().startsWith(sql)) {
                timing = &record.statements.at(i);
                nextTiming = i + 1;
                break;
            }
        }
        if (!timing) {
            row.measured = "did not run";
            rows.append(row);
            continue;
        }
        row.ran = true;
        row.durationMs = timing->durationMs();
        double worst = 0;
        for (const ProbeSample& p : record.samples) {
            const double end = p.inFlight ? record.endMs : p.endMs();
            if (p.outcome == ProbeOutcome::NoFreeConnection || p.startMs >= timing->endMs || end <= timing->startMs)
                continue;
            // Only the part of the wait inside the statement counts against it.
            worst = qMax(worst, qMin(end, timing->endMs) - qMax(p.startMs, timing->startMs));
        }
        // A wait counts as blocked when it was long, or when the lock monitor saw a probe waiting
        // for a lock during the statement: a busy machine alone can slow a probe past the threshold.
        bool probeWaitedOnLock = false;
        for (const LockInterval& l : record.locks)
            probeWaitedOnLock = probeWaitedOnLock
                || (!l.granted && l.holder.startsWith("probe") && l.fromMs <= timing->endMs
                    && l.toMs >= timing->startMs);
        row.measuredBlocking = worst > record.blockedThresholdMs && (probeWaitedOnLock || worst >= 400);
        // The strongest mode the migration held on each table the statement names.
        QMap<QString, LockMode> seen;
        for (const LockInterval& l : record.locks) {
            const auto mode = LockModes::fromName(l.mode);
            const bool named = std::any_of(s.locks.begin(), s.locks.end(),
                                           [&](const PredictedLock& p) { return sameTable(p.table, l.relation); });
            if (mode && named && l.holder == "migration" && l.granted && l.fromMs <= timing->endMs
                && l.toMs >= timing->startMs
                && (!seen.contains(l.relation) || int(*mode) > int(seen.value(l.relation))))
                seen.insert(l.relation, *mode);
        }
        row.measured = QString("%1 in %2; %3")
                           .arg(timing->error.isEmpty() ? "ran" : "failed (" + timing->error + ")")
                           .arg(Verdict::formatSeconds(row.durationMs).contains(" s") && row.durationMs >= 1000
                                    ? Verdict::formatSeconds(row.durationMs)
                                    : Verdict::formatMs(row.durationMs))
                           .arg(row.measuredBlocking
                                    ? QString("%1 blocked %2").arg(activity, Verdict::formatMs(worst))
                                    : QString("%1 never waited over %2")
                                          .arg(activity, Verdict::formatMs(record.blockedThresholdMs)));
        QStringList seenWords;
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            seenWords.append(QString("%1 on %2").arg(LockModes::displayName(it.value()), it.key()));
        if (!seenWords.isEmpty())
            row.measured += "; lock monitor saw " + seenWords.join(", ");
        row.judged = row.measuredBlocking || row.durationMs >= judgeMs;
        row.contradiction = row.judged && row.predictedBlocking != row.measuredBlocking;
        if (!row.judged)
            row.measured += QString(" (too short for the probes to tell)");
        rows.append(row);
    }
    return rows;
}

} // namespace locklab
