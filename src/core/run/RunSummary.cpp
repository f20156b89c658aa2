#include "core/run/RunSummary.h"

#include <algorithm>

namespace locklab {

namespace {

TimeInterval migrationSpan(const RunRecord& record)
{
    if (record.migrationEndMs > record.migrationStartMs)
        return { record.migrationStartMs, record.migrationEndMs };
    // Fall back to the statements when the recorder did not set the bounds.
    if (record.statements.isEmpty())
        return {};
    TimeInterval window { record.statements.first().startMs, record.statements.first().endMs };
    for (const StatementTiming& statement : record.statements) {
        window.startMs = std::min(window.startMs, statement.startMs);
        window.endMs = std::max(window.endMs, statement.endMs);
    }
    return window;
}

} // namespace

RunSummary::RunSummary(const RunRecord& record)
    : m_record(record)
    , m_whole(RunStatistics::compute(record))
    , m_kinds(RunStatistics::seriesIn(record))
    , m_migration(migrationSpan(record))
{
    for (ProbeKind kind : std::as_const(m_kinds)) {
        Series series;
        series.kind = kind;
        if (m_kinds.size() == 1) {
            series.record = record;
            series.statistics = m_whole;
        } else {
            series.record = RunStatistics::seriesRecord(record, kind);
            series.statistics = RunStatistics::compute(series.record);
        }
        if (m_migration.durationMs() > 0)
            series.during = RunStatistics::compute(series.record, m_migration.startMs, m_migration.endMs);
        m_series.append(series);
    }
}

const RunSummary::Series& RunSummary::series(ProbeKind kind) const
{
    for (const Series& series : m_series) {
        if (series.kind == kind)
            return series;
    }
    // A kind the run did not probe: empty numbers, as compute() gives for no samples.
    static const Series none;
    return none;
}

const RunRecord& RunSummary::seriesRecord(ProbeKind kind) const
{
    return series(kind).record;
}

const RunStatistics& RunSummary::seriesStatistics(ProbeKind kind) const
{
    return series(kind).statistics;
}

const RunStatistics& RunSummary::duringMigration(ProbeKind kind) const
{
    return series(kind).during;
}

} // namespace locklab
