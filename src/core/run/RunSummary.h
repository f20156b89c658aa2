#pragma once

#include "core/run/RunRecord.h"
#include "core/run/RunStatistics.h"

#include <QList>

namespace locklab {

// A run's numbers, computed once: record -> RunSummary -> verdict, views and
// exporters. Everything that shows or exports a run reads these instead of
// calling RunStatistics::compute again, so the chart labels, the verdict and
// the JSON summary come from one computation (and one export no longer
// computes the same statistics four times).
//
// Holds a copy of the record; RunRecord's lists are implicitly shared, so the
// copy costs no samples.
class RunSummary
{
public:
    RunSummary() = default;
    explicit RunSummary(const RunRecord& record);

    const RunRecord& record() const { return m_record; }

    // The whole record, all series mixed.
    const RunStatistics& statistics() const { return m_whole; }

    // The probe series the run has, reads first (RunStatistics::seriesIn).
    const QList<ProbeKind>& kinds() const { return m_kinds; }

    // One series of kinds(): its samples only (with a single series, the
    // whole record), its statistics, and its statistics over the probes sent
    // while the migration ran (empty when no migration window was recorded).
    const RunRecord& seriesRecord(ProbeKind kind) const;
    const RunStatistics& seriesStatistics(ProbeKind kind) const;
    const RunStatistics& duringMigration(ProbeKind kind) const;

    // When the migration ran: the recorder's bounds, or else the span of its
    // statements; zero length when nothing ran.
    const TimeInterval& migrationWindow() const { return m_migration; }

private:
    struct Series
    {
        ProbeKind kind = ProbeKind::Read;
        RunRecord record;
        RunStatistics statistics;
        RunStatistics during;
    };
    const Series& series(ProbeKind kind) const;

    RunRecord m_record;
    RunStatistics m_whole;
    QList<ProbeKind> m_kinds;
    QList<Series> m_series;
    TimeInterval m_migration;
};

} // namespace locklab
