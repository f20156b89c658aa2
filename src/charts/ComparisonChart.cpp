#include "charts/ComparisonChart.h"

#include "charts/ChartAxes.h"
#include "charts/ChartStyle.h"
#include "charts/PointDecimator.h"

#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
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
    for (const RunRecord& run : m_comparison.runs())
        labels << RunComparison::label(run);
    return labels;
}

void ComparisonChart::rebuild()
{
    m_chart->removeAllSeries();
    m_series.clear();
    const double from = std::floor(m_comparison.fromMs() / 1000.0);
    const double to = std::max(from + 1, std::ceil(m_comparison.toMs() / 1000.0));
    double maxLatency = 10;
    for (int i = 0; i < m_comparison.size(); ++i) {
        QList<QPointF> points;
        for (const RunComparison::Point& p : m_comparison.points(i)) {
            points.append(QPointF(p.tMs / 1000.0, std::max(ChartAxes::kLogFloorMs, p.latencyMs)));
            maxLatency = std::max(maxLatency, p.latencyMs);
        }
        auto* series = new QLineSeries;
        series->setName(RunComparison::label(m_comparison.runs().at(i)));
        QPen pen(runColor(i, m_dark), 2.2);
        series->setPen(pen);
        // Reduced per pixel column before the series sees them: one replace, no per-point signals.
        series->replace(PointDecimator::line(points, from, to));
        m_chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(m_latency);
        m_series.append(series);
    }
    const double top = ChartAxes::logMax(maxLatency);
    auto* start = new QLineSeries;
    start->setName(tr("step start"));
    QPen dashed(m_dark ? QColor(0xaa, 0xaa, 0xaa) : QColor(0x70, 0x70, 0x70), 1.2, Qt::DashLine);
    start->setPen(dashed);
    start->append(0, ChartAxes::kLogFloorMs);
    start->append(0, top);
    m_chart->addSeries(start);
    start->attachAxis(m_time);
    start->attachAxis(m_latency);
    m_time->setRange(from, to);
    m_time->setTickCount(std::clamp(int(to - from) + 1, 2, 11));
    m_time->applyNiceNumbers();
    m_latency->setRange(ChartAxes::kLogFloorMs, top);
}

} // namespace locklab
