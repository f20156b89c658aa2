#include "app/LatencyPanel.h"

#include "charts/LatencyChart.h"
#include "core/run/RunStatistics.h"
#include "core/run/Verdict.h"

#include <QChart>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace locklab {

namespace {
QString ms(const std::optional<double>& value)
{
    return value ? Verdict::formatMs(*value) : QStringLiteral("-");
}
} // namespace

LatencyPanel::LatencyPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* header = new QHBoxLayout;
    m_figures = new QLabel(this);
    m_figures->setObjectName("latencyFigures");
    m_figures->setTextFormat(Qt::RichText);
    // Wrapped, not as wide as its longest line: a "slow, no lock" figure made
    // the whole centre column wider and the side panes jump between steps.
    m_figures->setWordWrap(true);
    header->addWidget(m_figures, 1);
    m_logScale = new QCheckBox(tr("Log scale"), this);
    m_logScale->setObjectName("logScaleToggle");
    m_logScale->setToolTip(tr("A logarithmic latency axis keeps 0.5 ms reads and 4 s stalls both readable"));
    header->addWidget(m_logScale);
    layout->addLayout(header);
    m_chart = new LatencyChart(this);
    m_chart->setObjectName("latencyChart");
    m_chart->setMinimumHeight(180); // fits a 1280x720 logical screen (1080p at 150 %)
    // The step title is right above; in the window the plot needs the room more.
    m_chart->chart()->setTitle(QString());
    // Above the plot, in one row: on the right it took a third of the plot's width.
    m_chart->chart()->legend()->setAlignment(Qt::AlignTop);
    layout->addWidget(m_chart, 1);
    m_logScale->setChecked(m_chart->logScale());
    connect(m_logScale, &QCheckBox::toggled, m_chart, &LatencyChart::setLogScale);

    // Figures are recomputed from all samples; twice a second is plenty to read.
    m_figuresTimer.setInterval(500);
    connect(&m_figuresTimer, &QTimer::timeout, this, [this]() {
        if (m_dirty)
            updateFigures();
    });
    clear();
}

void LatencyPanel::clear()
{
    m_chart->clear();
    m_live = {};
    m_locks.clear();
    m_figuresTimer.stop();
    m_figures->setText(tr("<span style='color:gray'>Run a step to see read latency.</span>"));
}

void LatencyPanel::start(const QString& title, double blockedThresholdMs, double probeRateHz)
{
    m_liveMode = true;
    m_tickMs = probeRateHz > 0 ? 1000.0 / probeRateHz : 50.0;
    Q_UNUSED(title);
    m_chart->clear();
    m_live = {};
    m_locks.clear();
    m_live.blockedThresholdMs = blockedThresholdMs;
    m_dirty = true;
    m_figuresTimer.start();
    updateFigures();
}

void LatencyPanel::addSample(const ProbeSample& sample)
{
    m_chart->addSample(sample);
    m_live.samples.append(sample);
    m_live.endMs = qMax(m_live.endMs, sample.endMs());
    m_dirty = true;
}

void LatencyPanel::addLocks(const QList<LockRow>& rows, double atMs)
{
    if (!m_liveMode)
        return;
    m_locks.feed(rows, atMs);
    m_live.locks = m_locks.intervals();
    m_dirty = true;
}

void LatencyPanel::addStatement(const StatementTiming& statement)
{
    m_chart->addStatement(statement);
}

void LatencyPanel::actorStarted(const QString& name, double atMs)
{
    m_chart->actorStarted(name, atMs);
}

void LatencyPanel::addActorSpan(const ActorSpan& span)
{
    m_chart->addActorSpan(span);
}

void LatencyPanel::showRecord(const RunRecord& record)
{
    m_liveMode = false;
    m_figuresTimer.stop();
    m_chart->showRecord(record);
    m_live = record;
    updateFigures();
}

double LatencyPanel::liveBlockedMs(const RunStatistics& stats, ProbeKind kind) const
{
    QList<TimeInterval> spans = stats.blockedIntervals;
    for (const ProbeSample& sample : m_live.samples) {
        if (sample.outcome == ProbeOutcome::NoFreeConnection && sample.kind == kind)
            spans.append({ sample.scheduledMs, sample.scheduledMs + m_tickMs });
    }
    std::sort(spans.begin(), spans.end(),
              [](const TimeInterval& a, const TimeInterval& b) { return a.startMs < b.startMs; });
    double total = 0;
    double coveredUntil = -1e300;
    for (const TimeInterval& span : spans) {
        const double from = qMax(span.startMs, coveredUntil);
        if (span.endMs > from)
            total += span.endMs - from;
        coveredUntil = qMax(coveredUntil, span.endMs);
    }
    return total;
}

void LatencyPanel::updateFigures()
{
    m_dirty = false;
    const QList<ProbeKind> kinds = RunStatistics::seriesIn(m_live);
    if (kinds.isEmpty()) {
        m_figures->setText(tr("<span style='color:gray'>No probe samples yet.</span>"));
        return;
    }
    QStringList lines;
    for (ProbeKind kind : kinds) {
        // Each series its own figures; one series alone reads as before.
        const RunStatistics stats = kinds.size() == 1 ? RunStatistics::compute(m_live)
                                                      : RunStatistics::computeSeries(m_live, kind);
        // While a step runs, probes that are still waiting have no sample yet; a
        // tick that found every probe connection busy is the sign of them.
        double blockedMs = stats.blockedMs;
        if (m_liveMode)
            blockedMs = liveBlockedMs(stats, kind);
        const bool blocked = blockedMs > 0;
        const QString series = kind == ProbeKind::Write ? tr("writes") : tr("reads");
        QString line = tr("<b>p50</b> %1 &nbsp; <b>p95</b> %2 &nbsp; <b>p99</b> %3 &nbsp; <b>max</b> %4 &nbsp; "
                          "<b>timeouts</b> %5 &nbsp; <span style='color:%6'><b>%7 waited on a lock %8</b></span>")
                           .arg(ms(stats.p50Ms), ms(stats.p95Ms), ms(stats.p99Ms), ms(stats.maxMs))
                           .arg(stats.timeoutCount)
                           .arg(blocked ? "#c62828" : "#2e7d32", series, Verdict::formatSeconds(blockedMs));
        // Slow without a lock wait is a different story (I/O, CPU): said apart.
        if (stats.slowCount > 0)
            line += tr(" &nbsp; <span style='color:#8d6e00'><b>slow, no lock</b> %1</span>").arg(stats.slowCount);
        if (kinds.size() > 1)
            line = QStringLiteral("<span style='color:%1'><b>%2</b></span> &nbsp; ")
                       .arg(kind == ProbeKind::Write ? "#e67e22" : "#1f6fb4",
                            kind == ProbeKind::Write ? tr("Writes") : tr("Reads"))
                + line;
        lines << line;
    }
    m_figures->setText(lines.join(QStringLiteral("<br>")));
}

QString LatencyPanel::figuresText() const
{
    return m_figures->text();
}

} // namespace locklab
