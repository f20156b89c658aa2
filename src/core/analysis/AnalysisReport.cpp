#include "core/analysis/AnalysisReport.h"

namespace locklab {

TableEffect StatementAnalysis::strongestEffect() const
{
    TableEffect effect = TableEffect::None;
    for (const PredictedLock& lock : locks)
        effect = qMax(effect, lock.effect);
    return effect;
}

const PredictedLock* StatementAnalysis::strongestLock() const
{
    const PredictedLock* best = nullptr;
    for (const PredictedLock& lock : locks) {
        if (!best || int(lock.mode) > int(best->mode))
            best = &lock;
    }
    return best;
}

bool AnalysisReport::hasParseErrors() const
{
    for (const StatementAnalysis& s : statements) {
        if (!s.parsed && s.newerSyntaxVersion == 0)
            return true;
    }
    return false;
}

int AnalysisReport::findingCount(bool includeNotes) const
{
    int count = 0;
    for (const AnalysisFinding& f : findings) {
        if (includeNotes || !f.note)
            ++count;
    }
    return count;
}

QList<const StatementAnalysis*> AnalysisReport::refusals() const
{
    QList<const StatementAnalysis*> result;
    for (const StatementAnalysis& s : statements) {
        if (!s.refusal.isEmpty())
            result.append(&s);
    }
    return result;
}

QString tableEffectName(TableEffect effect)
{
    switch (effect) {
    case TableEffect::None:
        return "lock only";
    case TableEffect::CatalogOnly:
        return "catalog only";
    case TableEffect::Rows:
        return "reads or writes rows";
    case TableEffect::Scan:
        return "full scan";
    case TableEffect::Rewrite:
        return "table rewrite";
    }
    return {};
}

bool blocksReads(LockMode mode)
{
    return LockModes::conflicts(mode, LockMode::AccessShare);
}

bool blocksWrites(LockMode mode)
{
    return LockModes::conflicts(mode, LockMode::RowExclusive);
}

QString blockedActivity(LockMode mode)
{
    QStringList blocked;
    if (blocksReads(mode))
        blocked.append("reads");
    if (blocksWrites(mode))
        blocked.append("writes");
    // Every DDL takes at least SHARE UPDATE EXCLUSIVE, and so does autovacuum.
    if (LockModes::conflicts(mode, LockMode::ShareUpdateExclusive)) {
        blocked.append("DDL");
        blocked.append("autovacuum");
    }
    if (blocked.isEmpty())
        return "neither reads nor writes";
    if (blocked.size() == 1)
        return blocked.first();
    return blocked.mid(0, blocked.size() - 1).join(", ") + " and " + blocked.last();
}

} // namespace locklab
