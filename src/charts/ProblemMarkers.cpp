#include "charts/ProblemMarkers.h"

#include "charts/ChartAxes.h"
#include "charts/ChartStyle.h"
#include "charts/ClassifiedReads.h"
#include "charts/PointDecimator.h"
#include "core/run/ProbeLockWaits.h"
#include "core/run/RunRecord.h"

#include <QChart>
#include <QCoreApplication>
#include <QLegend>
#include <QLegendMarker>
#include <QScatterSeries>

#include <algorithm>
#include <tuple>

namespace locklab {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("locklab::ProblemMarkers", text);
}

QScatterSeries* makeMarkers(const QString& name, QScatterSeries::MarkerShape shape, qreal size, const QColor& color,
                            bool outlined)
{
    auto* series = new QScatterSeries;
    series->setName(name);
    series->setMarkerShape(shape);
    series->setMarkerSize(size);
    series->setColor(color);
    series->setBorderColor(outlined ? color.darker(150) : color);
    return series;
}

} // namespace

ProblemMarkers::ProblemMarkers(QChart* chart, ChartAxes* axes)
    : m_chart(chart)
{
    m_timeouts = makeMarkers(tr("Timed out"), QScatterSeries::MarkerShapeTriangle, 14, chartstyle::timeoutColor(),
                             true);
    m_errors = makeMarkers(tr("Error"), QScatterSeries::MarkerShapeRotatedRectangle, 13, chartstyle::errorColor(),
                           true);
    m_noFree = makeMarkers(tr("No free connection"), QScatterSeries::MarkerShapeRectangle, 7, chartstyle::noFreeColor(),
                           false);
    m_cutOff = makeMarkers(tr("Cut off by the end of the run"), QScatterSeries::MarkerShapeTriangle, 14,
                           QColor(Qt::transparent), false);
    m_cutOff->setBorderColor(chartstyle::timeoutColor());
    m_cutOff->setPen(QPen(chartstyle::timeoutColor(), 2));
    m_lockWaitSeries = makeMarkers(tr("Waited on a lock"), QScatterSeries::MarkerShapeCircle, 6,
                                   chartstyle::lockWaitColor(), false);
    m_slowSeries = makeMarkers(tr("Slow, no lock wait"), QScatterSeries::MarkerShapeCircle, 11, chartstyle::slowColor(),
                               true);
    m_slowSeries->setColor(Qt::transparent); // a ring: it stands out on the line without hiding it
    m_writeTimeouts = makeMarkers(tr("Write timed out"), QScatterSeries::MarkerShapeTriangle, 12,
                                  chartstyle::writeTimeoutColor(), true);

    // Drawn in this order: the ticks first, the lock waits and slow rings on top.
    for (QScatterSeries* series :
         { m_noFree, m_writeTimeouts, m_timeouts, m_errors, m_cutOff, m_lockWaitSeries, m_slowSeries }) {
        chart->addSeries(series);
        if (series == m_noFree)
            axes->attachTopSeries(series);
        else
            axes->attachLatencySeries(series);
    }
    setInLegend(m_lockWaitSeries, false); // until a record has some
    setInLegend(m_slowSeries, false);
}

void ProblemMarkers::setInLegend(QScatterSeries* series, bool shown)
{
    for (QLegendMarker* marker : m_chart->legend()->markers(series))
        marker->setVisible(shown);
}

void ProblemMarkers::classify(const RunRecord& record)
{
    const ProbeLockWaits lockWaits(record.locks);
    for (const ProbeSample& sample : record.samples) {
        if (sample.outcome == ProbeOutcome::NoFreeConnection && !sample.inFlight)
            continue;
        const double waited = ProbeLockWaits::sampleEndMs(sample, record.endMs) - sample.startMs;
        const QPointF point(sample.startMs / 1000.0, std::max(0.0, waited));
        if (lockWaits.waited(sample, record.endMs))
            m_lockWaits.append(point);
        else if (!sample.inFlight && sample.outcome == ProbeOutcome::Ok && waited > record.blockedThresholdMs)
            m_slow.append(point);
    }
    for (auto [series, points, name] : { std::tuple { m_lockWaitSeries, &m_lockWaits, tr("Waited on a lock (%1)") },
                                         std::tuple { m_slowSeries, &m_slow, tr("Slow, no lock wait (%1)") } }) {
        series->setName(name.arg(points->size()));
        setInLegend(series, !points->isEmpty());
    }
}

void ProblemMarkers::clear()
{
    m_lockWaits.clear();
    m_slow.clear();
    setInLegend(m_lockWaitSeries, false);
    setInLegend(m_slowSeries, false);
}

void ProblemMarkers::rebuild(const ClassifiedReads& reads, double from, double to, int columns, double floor)
{
    m_writeTimeouts->replace(PointDecimator::markers(reads.writeProblems, from, to, columns, floor));
    m_timeouts->replace(PointDecimator::markers(reads.timeouts, from, to, columns, floor));
    m_errors->replace(PointDecimator::markers(reads.errors, from, to, columns, floor));
    m_cutOff->replace(PointDecimator::markers(reads.cutOff, from, to, columns, floor));
    setInLegend(m_cutOff, !reads.cutOff.isEmpty());
    setInLegend(m_errors, !reads.errors.isEmpty());
    setInLegend(m_timeouts, !reads.timeouts.isEmpty());
    setInLegend(m_writeTimeouts, !reads.writeProblems.isEmpty());
    m_lockWaitSeries->replace(PointDecimator::markers(m_lockWaits, from, to, columns, floor));
    m_slowSeries->replace(PointDecimator::markers(m_slow, from, to, columns, floor));
}

void ProblemMarkers::rebuildNoFree(const ClassifiedReads& reads, double from, double to, int columns)
{
    setInLegend(m_noFree, !reads.noFree.isEmpty());
    // 7 px squares in one row: one every third column still reads as a solid
    // strip, and every marker is an item of its own to lay out and paint.
    m_noFree->replace(PointDecimator::markers(reads.noFree, from, to, std::max(1, columns / 3)));
}

} // namespace locklab
