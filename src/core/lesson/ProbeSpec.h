#pragma once

#include <QList>
#include <QString>

namespace locklab {

// Which way a latency probe touches its table: a read (SELECT) feels ACCESS
// EXCLUSIVE only; a write (UPDATE, INSERT) also feels SHARE locks such as
// CREATE INDEX's. A run may carry both series at once.
enum class ProbeKind {
    Read,
    Write,
};

// "read" / "write": the JSON and CSV name of a kind.
inline QString probeKindName(ProbeKind kind)
{
    return kind == ProbeKind::Write ? QStringLiteral("write") : QStringLiteral("read");
}

// One probe series a lesson (or step) declares: what the probes run, on
// which table. The rate, the connections and the timeout are the user's
// settings (ProbeSettings), the same for every series.
struct ProbeSpec
{
    ProbeKind kind = ProbeKind::Read;
    QString table; // the lesson table the statement touches, for labels
    QString sql;

    // "reads" / "writes", as the verdict and the chart legend say it.
    QString seriesName() const { return kind == ProbeKind::Write ? QStringLiteral("writes") : QStringLiteral("reads"); }
};

} // namespace locklab
