#include "charts/ComparisonChart.h"

#include "charts/ChartAxes.h"
#include "charts/ChartStyle.h"
#include "charts/ClassifiedReads.h"
#include "charts/LatencyChart.h"
#include "charts/PointDecimator.h"
#include "charts/WaitSpanItem.h"

#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace locklab {

ComparisonChart::ComparisonChart(QWidget* parent)
    : PlainChartView(parent)
    , m_chart(chart())
    , m_time(new QValueAxis)
    , m_latency(new QLogValueAxis)
{

    m_time->setTitleText(tr("Time since the step started (s)"));
    m_time->setLabelFormat("%.0f");
    m_latency->setTitleText(tr("Read latency (ms, log scale)"));
    m_latency->setLabelFormat("%g");
    m_latency->setBase(10);
    for (QAbstractAxis* axis : { static_cast<QAbstractAxis*>(m_time), static_cast<QAbstractAxis*>(m_latency) }) {
        axis->setTitleFont(chartstyle::font(chartstyle::kAxisTitlePx));
        axis->setLabelsFont(chartstyle::font(chartstyle::kAxisLabelPx));
    }
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_latency, Qt::AlignLeft);
    // The wait bars are painted in the plot's coordinates at paint time.
    connect(m_chart, &QChart::plotAreaChanged, this, [this]() {
        for (const RunSeries& run : std::as_const(m_runs))
            run.waits->update();
    });
    setDark(false);
}

QColor ComparisonChart::runColor(int index, bool dark)
{
    // Distinct for the colour-blind too (blue, orange, green, purple, ...);
    // the first two are the risky/safe pair of most comparisons.
    static const QList<QColor> light { QColor(0xd6, 0x27, 0x28), QColor(0x1f, 0x6f, 0xb4), QColor(0x2c, 0xa0, 0x2c),
                                       QColor(0x94, 0x67, 0xbd), QColor(0xff, 0x7f, 0x0e), QColor(0x8c, 0x56, 0x4b) };
    const QColor c = light.at(index % light.size());
    return dark ? c.lighter(150) : c;
}

void ComparisonChart::setDark(bool dark)
{
    m_dark = dark;
    const QColor background = dark ? QColor(0x1e, 0x1e, 0x1e) : QColor(Qt::white);
    const QColor text = dark ? QColor(0xee, 0xee, 0xee) : chartstyle::textColor();
    const QColor grid = dark ? QColor(0x55, 0x55, 0x55) : QColor(0xdd, 0xdd, 0xdd);
    setBackgroundBrush(background);
    m_chart->setBackgroundBrush(background);
    m_chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : { static_cast<QAbstractAxis*>(m_time), static_cast<QAbstractAxis*>(m_latency) }) {
        axis->setTitleBrush(text);
        axis->setLabelsBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
    m_latency->setMinorGridLineColor(grid);
    rebuild();
}

void ComparisonChart::setComparison(const RunComparison& comparison)
{
    m_comparison = comparison;
    rebuild();
}

QStringList ComparisonChart::legendLabels() const
{
    QStringList labels;
    for (const RunSummary& run : m_comparison.summaries())
        labels << RunComparison::label(run);
    return labels;
}

int ComparisonChart::lineSegmentCount(int run) const
{
    int count = 0;
    for (const QLineSeries* series : m_runs.value(run).line)
        count += series->count() > 0 ? 1 : 0;
    return count;
}

QList<QPointF> ComparisonChart::linePoints(int run) const
{
    QList<QPointF> points;
    for (const QLineSeries* series : m_runs.value(run).line)
        points += series->points();
    return points;
}

int ComparisonChart::problemMarkerCount(int run) const
{
    const QScatterSeries* problems = m_runs.value(run).problems;
    return problems ? problems->count() : 0;
}

int ComparisonChart::waitSpanCount(int run) const
{
    const WaitSpanItem* waits = m_runs.value(run).waits;
    return waits ? int(waits->spans().size()) : 0;
}

void ComparisonChart::rebuild()
{
    m_chart->removeAllSeries();
    for (const RunSeries& run : std::as_const(m_runs))
        delete run.waits;
    m_runs.clear();
    double maxLatency = 10;
    for (int i = 0; i < m_comparison.size(); ++i) {
        addRun(i);
        for (const RunComparison::Point& p : m_comparison.points(i))
            maxLatency = std::max(maxLatency, p.latencyMs);
    }
    const double from = std::floor(m_comparison.fromMs() / 1000.0);
    const double to = std::max(from + 1, std::ceil(m_comparison.toMs() / 1000.0));
    const double top = ChartAxes::logMax(maxLatency);
    auto* start = new QLineSeries;
    start->setName(tr("step start"));
    QPen dashed(m_dark ? QColor(0xaa, 0xaa, 0xaa) : QColor(0x70, 0x70, 0x70), 1.2, Qt::DashLine);
    start->setPen(dashed);
    start->append(0, ChartAxes::kLogFloorMs);
    start->append(0, top);
    attach(start, true);
    m_time->setRange(from, to);
    m_time->setTickCount(std::clamp(int(to - from) + 1, 2, 11));
    m_time->applyNiceNumbers();
    // A hair below the floor, as in the run chart: Qt labels a log axis from
    // the first whole decade above its minimum, and 0.1 itself went unlabelled.
    m_latency->setRange(ChartAxes::kLogFloorMs * 0.999, top);
}

void ComparisonChart::attach(QXYSeries* series, bool inLegend)
{
    m_chart->addSeries(series);
    series->attachAxis(m_time);
    series->attachAxis(m_latency);
    if (!inLegend) {
        for (QLegendMarker* marker : m_chart->legend()->markers(series))
            marker->setVisible(false);
    }
}

void ComparisonChart::addRun(int index)
{
    const RunRecord& record = m_comparison.runs().at(index);
    ClassifiedReads reads;
    reads.addRecord(record, RunComparison::alignmentMs(record));
    const QColor color = runColor(index, m_dark);
    const double from = std::floor(m_comparison.fromMs() / 1000.0);
    const double to = std::max(from + 1, std::ceil(m_comparison.toMs() / 1000.0));
    const double floor = ChartAxes::kLogFloorMs;
    RunSeries run;

    // The answered reads, broken where a read sent in between never answered.
    const QList<qsizetype> breaks = PointDecimator::lineBreaks(reads.ok, reads.problemTimes,
                                                               LatencyChart::kMaxLineSegments);
    qsizetype start = 0;
    const auto addStretch = [&](qsizetype end) {
        auto* series = new QLineSeries;
        series->setName(RunComparison::label(m_comparison.summaries().at(index)));
        series->setPen(QPen(color, 2.2));
        if (end > start) {
            const QList<QPointF> points = reads.ok.mid(start, end - start);
            const double columns = PointDecimator::kColumns * (points.last().x() - points.first().x()) / (to - from);
            // Reduced per pixel column before the series sees them: one replace, no per-point signals.
            series->replace(PointDecimator::line(points, points.first().x(), points.last().x(),
                                                 std::max(1, int(std::ceil(columns))), floor));
        }
        attach(series, run.line.isEmpty()); // the run's first stretch names it in the legend
        run.line.append(series);
        start = end;
    };
    for (const qsizetype end : breaks)
        addStretch(end);
    if (start < reads.ok.size() || run.line.isEmpty())
        addStretch(reads.ok.size());

    // What never answered: at the wait it reached, in the run's colour.
    QList<QPointF> problems = reads.timeouts + reads.errors + reads.cutOff;
    run.problems = new QScatterSeries;
    run.problems->setName(RunComparison::label(m_comparison.summaries().at(index)));
    run.problems->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
    run.problems->setMarkerSize(11);
    run.problems->setColor(color);
    run.problems->setBorderColor(color.darker(150));
    run.problems->replace(PointDecimator::markers(problems, from, to, PointDecimator::kColumns, floor));
    attach(run.problems, false);

    // Every read that waited, from send to answer (or give-up, or the end).
    run.waits = new WaitSpanItem(m_chart, run.line.first());
    QColor bar = color;
    bar.setAlpha(m_dark ? 150 : 120);
    run.waits->setColor(bar);
    run.waits->setFloor(floor);
    QList<WaitSpanItem::Span> spans;
    spans.reserve(reads.waits.size());
    for (const auto& [sent, waited] : std::as_const(reads.waits))
        spans.append({ sent, sent + waited / 1000.0, waited });
    run.waits->setSpans(spans);
    m_runs.append(run);
}

} // namespace locklab
