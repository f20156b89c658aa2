#pragma once

#include <QList>
#include <QPen>
#include <QPointF>
#include <QString>

class QChart;
class QLineSeries;

namespace locklab {

class ChartAxes;

// One line of the latency chart (the answered reads, or the writes) drawn
// as several series, one per stretch without a stuck probe in between (see
// PointDecimator::lineBreaks): a probe that never answered leaves a gap
// instead of a line drawn across it. Only the first series is named in the
// legend. A few series are made up front, so that the markers added to the
// chart after them are drawn on top; more are made when a run needs them.
class SegmentedLine
{
public:
    SegmentedLine(QChart* chart, ChartAxes* axes, const QString& name, const QColor& color, int prepared);

    // The stretches, each already reduced to its columns; unused series are emptied.
    void setStretches(const QList<QList<QPointF>>& stretches);
    // Points the line draws now, over all its stretches.
    qsizetype pointCount() const;

    void setPointsVisible(bool visible);
    void setColor(const QColor& color);
    void setInLegend(bool shown);
    QLineSeries* named() const { return m_series.first(); }

private:
    QLineSeries* add();

    QChart* m_chart;
    ChartAxes* m_axes;
    QString m_name;
    QPen m_pen;
    QList<QLineSeries*> m_series;
    qsizetype m_inUse = 0;
    bool m_pointsVisible = false;
};

} // namespace locklab
