#include "charts/SegmentedLine.h"

#include "charts/ChartAxes.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>

#include <algorithm>

namespace locklab {

SegmentedLine::SegmentedLine(QChart* chart, ChartAxes* axes, const QString& name, const QColor& color, int prepared)
    : m_chart(chart)
    , m_axes(axes)
    , m_name(name)
    , m_pen(color, 2)
{
    // Not round: Qt Charts strokes every segment on its own, and round caps
    // and joins turn each into arcs (atan2, Bezier flattening) that cost
    // two thirds of a repaint of a long run (locklab-bench, benchmark 5).
    // Square caps close the joints just as well at 2 px.
    m_pen.setCapStyle(Qt::SquareCap);
    m_pen.setJoinStyle(Qt::BevelJoin);
    for (int i = 0; i < std::max(1, prepared); ++i)
        add();
}

QLineSeries* SegmentedLine::add()
{
    auto* series = new QLineSeries;
    series->setName(m_name);
    series->setPen(m_pen);
    series->setMarkerSize(6);
    series->setPointsVisible(m_pointsVisible);
    m_chart->addSeries(series);
    m_axes->attachLatencySeries(series);
    if (!m_series.isEmpty()) {
        for (QLegendMarker* marker : m_chart->legend()->markers(series))
            marker->setVisible(false);
    }
    m_series.append(series);
    return series;
}

void SegmentedLine::setStretches(const QList<QList<QPointF>>& stretches)
{
    while (m_series.size() < stretches.size())
        add();
    for (qsizetype i = 0; i < stretches.size(); ++i)
        m_series[i]->replace(stretches.at(i));
    for (qsizetype unused = stretches.size(); unused < m_inUse; ++unused)
        m_series[unused]->clear();
    m_inUse = stretches.size();
}

qsizetype SegmentedLine::pointCount() const
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < m_inUse; ++i)
        count += m_series.at(i)->count();
    return count;
}

void SegmentedLine::setPointsVisible(bool visible)
{
    m_pointsVisible = visible;
    for (QLineSeries* series : std::as_const(m_series)) {
        if (series->pointsVisible() != visible)
            series->setPointsVisible(visible);
    }
}

void SegmentedLine::setColor(const QColor& color)
{
    m_pen.setColor(color);
    for (QLineSeries* series : std::as_const(m_series))
        series->setPen(m_pen);
}

void SegmentedLine::setInLegend(bool shown)
{
    for (QLegendMarker* marker : m_chart->legend()->markers(named()))
        marker->setVisible(shown);
}

} // namespace locklab
