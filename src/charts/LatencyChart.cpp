#include "charts/LatencyChart.h"

#include "charts/ChartAxes.h"
#include "charts/ChartBands.h"
#include "charts/ChartStyle.h"
#include "charts/PointDecimator.h"
#include "charts/WaitSpanItem.h"
#include "core/run/ProbeLockWaits.h"

#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <tuple>

namespace locklab {

namespace {

// Line markers only while they stand apart; denser, they merge into a thick
// smear and cost most of the repaint.
constexpr qreal kMinPixelsPerMarker = 5;
constexpr qreal kMinPixelsPerSmoothPoint = 1;
// Fewer columns than this would merge the points of a short run on a small
// plot; a thousand samples are always drawn each.
constexpr int kMinColumns = 500;

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

// The chart goes to the base constructor: QChartView(QWidget*) would make a
// default chart of its own, which setChart() releases without deleting.
LatencyChart::LatencyChart(QWidget* parent)
    : QChartView(new QChart, parent)
    , m_chart(chart())
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(400, 300);
    setFrameShape(QFrame::NoFrame);
    setBackgroundBrush(Qt::white);

    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->setBackgroundRoundness(0);
    if (QGraphicsLayout* layout = m_chart->layout())
        layout->setContentsMargins(0, 0, 0, 0); // white to the widget's edge, no grey frame
    m_chart->setTitleFont(chartstyle::font(chartstyle::kTitlePx, true));
    m_chart->setTitleBrush(chartstyle::textColor());
    m_chart->setMargins(QMargins(8, 6, 28, 0));
    m_chart->legend()->setAlignment(Qt::AlignTop);
    m_chart->legend()->setFont(chartstyle::font(chartstyle::kLegendPx));
    m_chart->legend()->setLabelColor(chartstyle::textColor());
    m_chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);

    m_timeoutSeries = makeMarkers(tr("Timed out"), QScatterSeries::MarkerShapeTriangle, 14, chartstyle::timeoutColor(),
                                  true);
    m_errorSeries = makeMarkers(tr("Error"), QScatterSeries::MarkerShapeRotatedRectangle, 13, chartstyle::errorColor(),
                                true);
    m_noFreeSeries = makeMarkers(tr("No free connection"), QScatterSeries::MarkerShapeRectangle, 7,
                                 chartstyle::noFreeColor(), false);
    m_cutOffSeries = makeMarkers(tr("Cut off by the end of the run"), QScatterSeries::MarkerShapeTriangle, 14,
                                 QColor(Qt::transparent), false);
    m_cutOffSeries->setBorderColor(chartstyle::timeoutColor());
    m_cutOffSeries->setPen(QPen(chartstyle::timeoutColor(), 2));
    m_lockWaitSeries = makeMarkers(tr("Waited on a lock"), QScatterSeries::MarkerShapeCircle, 6,
                                   chartstyle::lockWaitColor(), false);
    m_slowSeries = makeMarkers(tr("Slow, no lock wait"), QScatterSeries::MarkerShapeCircle, 11, chartstyle::slowColor(),
                               true);
    m_slowSeries->setColor(Qt::transparent); // a ring: it stands out on the line without hiding it

    m_writeSeries = new QLineSeries;
    m_writeSeries->setName(tr("Write OK"));
    m_writeSeries->setPen(QPen(chartstyle::writeColor(), 2));
    m_writeSeries->setMarkerSize(6);
    m_writeTimeoutSeries = makeMarkers(tr("Write timed out"), QScatterSeries::MarkerShapeTriangle, 12,
                                       chartstyle::writeTimeoutColor(), true);

    m_axes = new ChartAxes(m_chart, m_chart);
    // Series are drawn in the order they were added: the line first, the
    // problems over it.
    constexpr int kPreparedSegments = 8;
    for (int i = 0; i < kPreparedSegments; ++i)
        addOkSegment();
    for (QXYSeries* series : { static_cast<QXYSeries*>(m_writeSeries), static_cast<QXYSeries*>(m_noFreeSeries),
                               static_cast<QXYSeries*>(m_writeTimeoutSeries), static_cast<QXYSeries*>(m_timeoutSeries),
                               static_cast<QXYSeries*>(m_errorSeries), static_cast<QXYSeries*>(m_cutOffSeries),
                               static_cast<QXYSeries*>(m_lockWaitSeries), static_cast<QXYSeries*>(m_slowSeries) })
        m_chart->addSeries(series);
    m_axes->attachLatencySeries(m_cutOffSeries);
    m_axes->attachLatencySeries(m_writeSeries);
    m_axes->attachLatencySeries(m_writeTimeoutSeries);
    m_axes->attachLatencySeries(m_timeoutSeries);
    m_axes->attachLatencySeries(m_errorSeries);
    m_axes->attachLatencySeries(m_lockWaitSeries);
    m_axes->attachLatencySeries(m_slowSeries);
    for (QScatterSeries* series : { m_lockWaitSeries, m_slowSeries }) {
        for (QLegendMarker* marker : m_chart->legend()->markers(series))
            marker->setVisible(false); // until a record has some
    }
    m_axes->attachTopSeries(m_noFreeSeries);
    m_bands = new ChartBands(m_chart, m_axes->timeAxis(), m_chart);
    m_waitSpans = new WaitSpanItem(m_chart, m_timeoutSeries);

    connect(m_chart, &QChart::plotAreaChanged, this, &LatencyChart::onPlotAreaChanged);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &LatencyChart::flush);
}

LatencyChart::~LatencyChart() = default;

void LatencyChart::addSample(const ProbeSample& sample)
{
    m_queue.append(sample);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LatencyChart::addStatement(const StatementTiming& statement)
{
    m_bands->addStatement(statement);
    if (m_axes->coverTime(std::max(statement.startMs, statement.endMs) / 1000.0))
        rebuildSeries(AllDirty); // dense series are reduced per column of the time axis
}

bool LatencyChart::addLockInterval(const LockInterval& lock)
{
    if (!m_bands->addLock(lock))
        return false;
    if (m_axes->coverTime(std::max(lock.fromMs, lock.toMs) / 1000.0))
        rebuildSeries(AllDirty);
    return true;
}

void LatencyChart::actorStarted(const QString& name, double atMs)
{
    m_openActors.insert(name, atMs);
    ActorSpan span;
    span.name = name;
    span.startMs = span.endMs = atMs;
    m_bands->setActor(span);
}

void LatencyChart::addActorSpan(const ActorSpan& span)
{
    m_openActors.remove(span.name);
    m_bands->setActor(span);
    if (m_axes->coverTime(std::max(span.startMs, span.endMs) / 1000.0))
        rebuildSeries(AllDirty);
}

void LatencyChart::clear()
{
    m_flushTimer.stop();
    m_queue.clear();
    m_writeOk.clear();
    m_writeProblems.clear();
    m_openActors.clear();
    m_ok.clear();
    m_timeouts.clear();
    m_errors.clear();
    m_noFree.clear();
    m_cutOff.clear();
    m_waits.clear();
    m_lockWaits.clear();
    m_slow.clear();
    for (QScatterSeries* series : { m_lockWaitSeries, m_slowSeries }) {
        for (QLegendMarker* marker : m_chart->legend()->markers(series))
            marker->setVisible(false);
    }
    m_problemTimes.clear();
    m_maxLatencyMs = 0;
    m_bands->clear();
    m_axes->reset();
    rebuildSeries(AllDirty);
}

void LatencyChart::showRecord(const RunRecord& record)
{
    clear();
    QList<QPointF> okBatch;
    QList<double> problemTimes;
    for (const ProbeSample& sample : record.samples)
        classify(sample, record.endMs, okBatch, problemTimes);
    merge(std::move(okBatch), std::move(problemTimes));
    // Lock waits and slow probes, told apart as the verdict tells them apart.
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
        for (QLegendMarker* marker : m_chart->legend()->markers(series))
            marker->setVisible(!points->isEmpty());
    }
    for (const StatementTiming& statement : record.statements)
        addStatement(statement);
    for (const LockInterval& lock : record.locks)
        addLockInterval(lock);
    for (const ActorSpan& actor : record.actors)
        addActorSpan(actor);
    double lastSeconds = std::max(record.endMs, record.migrationEndMs) / 1000.0;
    for (const QList<QPointF>* points :
         { &m_ok, &m_timeouts, &m_errors, &m_noFree, &m_cutOff, &m_writeOk, &m_writeProblems }) {
        for (const QPointF& point : *points)
            lastSeconds = std::max(lastSeconds, point.x());
    }
    m_axes->coverTime(lastSeconds);
    m_axes->coverLatency(m_maxLatencyMs);
    rebuildSeries(AllDirty);
}

void LatencyChart::setTitle(const QString& title)
{
    m_chart->setTitle(title);
}

void LatencyChart::setLogScale(bool on)
{
    if (on == m_axes->logScale())
        return;
    flush();
    // Points must be >= the log floor before a log axis sees them (Qt warns
    // about the logarithm of zero), and may drop below it only once the
    // linear axis is back.
    if (on) {
        rebuildSeries(OkDirty | ProblemDirty, ChartAxes::kLogFloorMs);
        m_axes->setLogScale(true);
    } else {
        m_axes->setLogScale(false);
        rebuildSeries(OkDirty | ProblemDirty);
    }
}

bool LatencyChart::logScale() const
{
    return m_axes->logScale();
}

int LatencyChart::waitSpanCount() const
{
    return int(m_waitSpans->spans().size());
}

int LatencyChart::bandCount() const
{
    return m_bands->count();
}

QStringList LatencyChart::bandLabels() const
{
    return m_bands->visibleLabels();
}

void LatencyChart::renderTo(QPainter* painter, const QRectF& target)
{
    flush();
    const QSizeF previous = m_chart->size();
    m_chart->resize(target.size());
    // The layout normally runs from the event loop; an export cannot wait.
    if (QGraphicsLayout* layout = m_chart->layout())
        layout->activate();
    m_bands->relayout();
    // Exports get the full resolution (a 2x PNG, vectors), whatever the screen has.
    const int onScreen = m_columns;
    m_columns = PointDecimator::kColumns;
    rebuildSeries(AllDirty);
    scene()->render(painter, target, QRectF(m_chart->pos(), target.size()));
    m_chart->resize(previous);
    m_columns = onScreen;
    rebuildSeries(AllDirty);
}

void LatencyChart::onPlotAreaChanged()
{
    m_waitSpans->update();
    // One column per device pixel: the line holds at most two points per
    // pixel (PointDecimator), fewer only paint over each other.
    const double width = m_chart->plotArea().width() * devicePixelRatioF();
    const int columns = width > 0 ? std::clamp(int(std::ceil(width)), kMinColumns, PointDecimator::kColumns)
                                  : m_columns;
    if (columns != m_columns) {
        m_columns = columns;
        rebuildSeries(AllDirty); // calls updateMarkerVisibility()
        return;
    }
    updateMarkerVisibility();
}

void LatencyChart::flush()
{
    m_flushTimer.stop();
    if (m_queue.isEmpty())
        return;
    QList<ProbeSample> queue;
    queue.swap(m_queue);

    const qsizetype problems = m_timeouts.size() + m_errors.size() + m_writeProblems.size();
    const qsizetype noFree = m_noFree.size();
    const qsizetype writes = m_writeOk.size();
    QList<QPointF> okBatch;
    QList<double> problemTimes;
    double lastSeconds = 0;
    for (const ProbeSample& sample : std::as_const(queue)) {
        classify(sample, std::nan(""), okBatch, problemTimes);
        lastSeconds = std::max(lastSeconds, sample.startMs / 1000.0);
    }
    // A new problem can break the line, so it redraws the line too.
    int dirty = okBatch.isEmpty() && m_writeOk.size() == writes ? 0 : OkDirty;
    if (m_timeouts.size() + m_errors.size() + m_writeProblems.size() != problems)
        dirty |= ProblemDirty | OkDirty;
    if (m_noFree.size() != noFree)
        dirty |= NoFreeDirty | OkDirty;
    merge(std::move(okBatch), std::move(problemTimes));
    // A started actor's band reaches as far as the samples do.
    for (auto it = m_openActors.cbegin(); it != m_openActors.cend(); ++it) {
        ActorSpan span;
        span.name = it.key();
        span.startMs = it.value();
        span.endMs = std::max(it.value(), lastSeconds * 1000.0);
        m_bands->setActor(span);
    }

    m_axes->coverLatency(m_maxLatencyMs);
    // The reduction of dense series depends on the time range: a new range
    // redraws them all (rare: the range grows in steps).
    if (m_axes->coverTime(lastSeconds))
        dirty = AllDirty;
    rebuildSeries(dirty);
}

// `inFlightUntilMs`: when recording stopped (NaN while live). A read still
// unanswered then waited at least that long.
void LatencyChart::classify(const ProbeSample& sample, double inFlightUntilMs, QList<QPointF>& okBatch,
                            QList<double>& problemTimes)
{
    const double x = sample.startMs / 1000.0;
    if (sample.kind == ProbeKind::Write) {
        classifyWrite(sample, inFlightUntilMs);
        return;
    }
    if (sample.inFlight || sample.outcome != ProbeOutcome::Ok)
        problemTimes.append(x);
    if (sample.outcome != ProbeOutcome::NoFreeConnection || sample.inFlight) {
        const double waited = sample.inFlight && !std::isnan(inFlightUntilMs) ? inFlightUntilMs - sample.startMs
                                                                              : sample.latencyMs;
        if (waited >= kCutOffMinimumMs)
            m_waits.append({ x, waited });
    }
    if (sample.inFlight) {
        const double waited = std::isnan(inFlightUntilMs) ? sample.latencyMs : inFlightUntilMs - sample.startMs;
        // A read sent just before recording stopped had no time to wait: it
        // is left out (it was no timeout). One that had waited long is drawn
        // as cut off by the end of the run, at its wait so far.
        if (waited < kCutOffMinimumMs) {
            problemTimes.removeLast();
            return;
        }
        m_cutOff.append(QPointF(x, waited));
        m_maxLatencyMs = std::max(m_maxLatencyMs, waited);
        return;
    }
    switch (sample.outcome) {
    case ProbeOutcome::Ok:
        okBatch.append(QPointF(x, sample.latencyMs));
        break;
    case ProbeOutcome::Timeout:
        m_timeouts.append(QPointF(x, sample.latencyMs));
        break;
    case ProbeOutcome::Error:
        m_errors.append(QPointF(x, sample.latencyMs));
        break;
    case ProbeOutcome::NoFreeConnection:
        m_noFree.append(QPointF(x, ChartAxes::kTopY));
        return;
    }
    m_maxLatencyMs = std::max(m_maxLatencyMs, sample.latencyMs);
}

// Writes get one line and one set of markers: the read line's breaks and
// the "no free connection" strip stay about the reads.
void LatencyChart::classifyWrite(const ProbeSample& sample, double inFlightUntilMs)
{
    const double x = sample.startMs / 1000.0;
    if (sample.outcome == ProbeOutcome::NoFreeConnection && !sample.inFlight)
        return;
    double latency = sample.latencyMs;
    if (sample.inFlight && !std::isnan(inFlightUntilMs))
        latency = inFlightUntilMs - sample.startMs;
    latency = std::max(0.0, latency);
    m_maxLatencyMs = std::max(m_maxLatencyMs, latency);
    if (sample.inFlight || sample.outcome != ProbeOutcome::Ok) {
        m_writeProblems.append(QPointF(x, latency));
        return;
    }
    const QPointF point(x, latency);
    // Writes finish out of order too; most arrive in order, so insert from the end.
    auto at = std::upper_bound(m_writeOk.begin(), m_writeOk.end(), point,
                               [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
    m_writeOk.insert(at, point);
}

// Probes finish out of order (a blocked read started earlier answers with
// the others when the lock goes), so a batch may reach back into the line.
void LatencyChart::merge(QList<QPointF> okBatch, QList<double> problemTimes)
{
    if (!okBatch.isEmpty()) {
        const auto byX = [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); };
        std::stable_sort(okBatch.begin(), okBatch.end(), byX);
        const qsizetype middle = m_ok.size();
        m_ok.append(okBatch);
        if (middle > 0 && okBatch.first().x() < m_ok.at(middle - 1).x())
            std::inplace_merge(m_ok.begin(), m_ok.begin() + middle, m_ok.end(), byX);
    }
    if (!problemTimes.isEmpty()) {
        std::sort(problemTimes.begin(), problemTimes.end());
        const qsizetype middle = m_problemTimes.size();
        m_problemTimes.append(problemTimes);
        std::inplace_merge(m_problemTimes.begin(), m_problemTimes.begin() + middle, m_problemTimes.end());
    }
}

void LatencyChart::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    const QColor background = dark ? QColor(0x1e, 0x1e, 0x1e) : QColor(Qt::white);
    const QColor text = dark ? QColor(0xee, 0xee, 0xee) : chartstyle::textColor();
    setBackgroundBrush(background);
    m_chart->setBackgroundBrush(background);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : m_chart->axes()) {
        axis->setTitleBrush(text);
        axis->setLabelsColor(text);
        axis->setGridLineColor(dark ? QColor(0x50, 0x50, 0x50) : QColor(0xd8, 0xd8, 0xd8));
        axis->setMinorGridLineColor(dark ? QColor(0x38, 0x38, 0x38) : QColor(0xee, 0xee, 0xee));
    }
    for (QLineSeries* series : m_okSegments) {
        QPen pen = series->pen();
        // #6cb4f0 on #1e1e1e: contrast 7.6:1; the light blue on white: 5.3:1.
        pen.setColor(dark ? QColor(0x6c, 0xb4, 0xf0) : chartstyle::okColor());
        series->setPen(pen);
    }
    m_bands->setCaptionColor(dark ? QColor(0xbb, 0xbb, 0xbb) : chartstyle::secondaryTextColor());
}

QLineSeries* LatencyChart::addOkSegment()
{
    auto* series = new QLineSeries;
    series->setName(tr("Read OK"));
    QPen pen(m_dark ? QColor(0x6c, 0xb4, 0xf0) : chartstyle::okColor(), 2);
    // Not round: Qt Charts strokes every segment on its own, and round caps
    // and joins turn each into arcs (atan2, Bezier flattening) that cost
    // two thirds of a repaint of a long run (locklab-bench, benchmark 5).
    // Square caps close the joints just as well at 2 px.
    pen.setCapStyle(Qt::SquareCap);
    pen.setJoinStyle(Qt::BevelJoin);
    series->setPen(pen);
    series->setMarkerSize(6);
    series->setPointsVisible(m_okSegments.isEmpty() || m_okSegments.first()->pointsVisible());
    m_chart->addSeries(series);
    m_axes->attachLatencySeries(series);
    if (!m_okSegments.isEmpty()) {
        for (QLegendMarker* marker : m_chart->legend()->markers(series))
            marker->setVisible(false);
    }
    m_okSegments.append(series);
    return series;
}

void LatencyChart::rebuildOkLine(double latencyFloor)
{
    const double from = m_axes->timeAxis()->min();
    const double to = m_axes->timeMax();
    const QList<qsizetype> breaks = PointDecimator::lineBreaks(m_ok, m_problemTimes, kMaxLineSegments);
    qsizetype start = 0;
    qsizetype segment = 0;
    const auto draw = [&](qsizetype end) {
        if (segment == m_okSegments.size())
            addOkSegment();
        const QList<QPointF> points = m_ok.mid(start, end - start);
        // Each stretch gets its share of the plot's columns.
        const double left = points.first().x();
        const double right = points.last().x();
        const int columns = std::max(1, int(std::ceil(m_columns * (right - left) / (to - from))));
        m_okSegments[segment]->replace(PointDecimator::line(points, left, right, columns, latencyFloor));
        ++segment;
        start = end;
    };
    for (const qsizetype end : breaks)
        draw(end);
    if (start < m_ok.size())
        draw(m_ok.size());
    for (qsizetype unused = segment; unused < m_segmentsInUse; ++unused)
        m_okSegments[unused]->clear();
    m_segmentsInUse = segment;
    updateMarkerVisibility();
}

// One replace() per series: Qt Charts 6.4 handles append(QList) point by
// point, recomputing the whole line each time (quadratic: 20,000 points
// took minutes); replace() recomputes once.
void LatencyChart::rebuildSeries(int dirty)
{
    rebuildSeries(dirty, m_axes->latencyFloor());
}

void LatencyChart::rebuildSeries(int dirty, double floor)
{
    const double from = m_axes->timeAxis()->min();
    const double to = m_axes->timeMax();
    const int columns = m_columns;
    if (dirty & OkDirty) {
        rebuildOkLine(floor);
        m_writeSeries->replace(m_writeOk.isEmpty() ? QList<QPointF>()
                                                   : PointDecimator::line(m_writeOk, from, to, columns, floor));
    }
    // The write entries of the legend only when the step probes writes.
    const bool writes = !m_writeOk.isEmpty() || !m_writeProblems.isEmpty();
    for (QXYSeries* series :
         { static_cast<QXYSeries*>(m_writeSeries), static_cast<QXYSeries*>(m_writeTimeoutSeries) }) {
        for (QLegendMarker* marker : m_chart->legend()->markers(series))
            marker->setVisible(writes);
    }
    if (dirty & ProblemDirty) {
        m_writeTimeoutSeries->replace(PointDecimator::markers(m_writeProblems, from, to, columns, floor));
        m_timeoutSeries->replace(PointDecimator::markers(m_timeouts, from, to, columns, floor));
        m_errorSeries->replace(PointDecimator::markers(m_errors, from, to, columns, floor));
        m_cutOffSeries->replace(PointDecimator::markers(m_cutOff, from, to, columns, floor));
        QList<WaitSpanItem::Span> spans;
        spans.reserve(m_waits.size());
        for (const auto& [sent, waited] : std::as_const(m_waits))
            spans.append({ sent, sent + waited / 1000.0, waited });
        m_waitSpans->setFloor(floor);
        m_waitSpans->setSpans(spans);
        // Named in the legend only when a read was cut off.
        for (QLegendMarker* marker : m_chart->legend()->markers(m_cutOffSeries))
            marker->setVisible(!m_cutOff.isEmpty());
        m_lockWaitSeries->replace(PointDecimator::markers(m_lockWaits, from, to, columns, floor));
        m_slowSeries->replace(PointDecimator::markers(m_slow, from, to, columns, floor));
    }
    if (dirty & NoFreeDirty)
        m_noFreeSeries->replace(PointDecimator::markers(m_noFree, from, to, columns));
}

void LatencyChart::updateMarkerVisibility()
{
    // Pixels per point over the stretch of time the reads cover (not the
    // whole axis: three seconds of reads on a 90 s axis are dense).
    qsizetype count = 0;
    for (qsizetype i = 0; i < m_segmentsInUse; ++i)
        count += m_okSegments.at(i)->count();
    const double axisSpan = m_axes->timeMax() - m_axes->timeAxis()->min();
    const double okSpan = m_ok.size() > 1 ? m_ok.last().x() - m_ok.first().x() : axisSpan;
    const double pixels = m_chart->plotArea().width() * std::max(okSpan, 1e-9) / axisSpan;
    const bool visible = count <= 1 || pixels / count >= kMinPixelsPerMarker;
    for (QLineSeries* series : std::as_const(m_okSegments)) {
        if (series->pointsVisible() != visible)
            series->setPointsVisible(visible);
    }
    // A line with more points than pixels is a solid zigzag: antialiasing
    // cannot smooth it, yet stroking it antialiased cost two thirds of a
    // repaint of an hour-long run (locklab-bench, benchmark 5). Exports set
    // their own painter's hints and stay antialiased; text keeps its own.
    const bool smooth = count <= 1 || pixels >= count * kMinPixelsPerSmoothPoint;
    if (renderHints().testFlag(QPainter::Antialiasing) != smooth)
        setRenderHint(QPainter::Antialiasing, smooth);
}

} // namespace locklab
