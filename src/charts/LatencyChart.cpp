#include "charts/LatencyChart.h"

#include "charts/ChartAxes.h"
#include "charts/ChartBands.h"
#include "charts/ChartStyle.h"
#include "charts/PointDecimator.h"
#include "charts/ProblemMarkers.h"
#include "charts/SegmentedLine.h"
#include "charts/StaticItemCache.h"
#include "charts/WaitSpanItem.h"

#include <QGraphicsLayout>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace locklab {

namespace {

// Line markers only while they stand apart; denser, they merge into a thick
// smear and cost most of the repaint.
constexpr qreal kMinPixelsPerMarker = 5;
constexpr qreal kMinPixelsPerSmoothPoint = 1;
// Fewer columns than this would merge the points of a short run on a small
// plot; a thousand samples are always drawn each.
constexpr int kMinColumns = 500;

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

    m_axes = new ChartAxes(m_chart, m_chart);
    // Series are drawn in the order they were added: the lines first, the
    // problems over them.
    m_okLine = new SegmentedLine(m_chart, m_axes, tr("Read OK"), chartstyle::okColor(), 8);
    m_okLine->setPointsVisible(true);
    m_writeLine = new SegmentedLine(m_chart, m_axes, tr("Write OK"), chartstyle::writeColor(), 4);
    m_markers = new ProblemMarkers(m_chart, m_axes);
    m_bands = new ChartBands(m_chart, m_axes->timeAxis(), m_chart);
    m_waitSpans = new WaitSpanItem(m_chart, m_markers->timeouts());
    m_writeWaitSpans = new WaitSpanItem(m_chart, m_markers->writeTimeouts());
    QColor writeWait = chartstyle::writeColor();
    writeWait.setAlpha(120);
    m_writeWaitSpans->setColor(writeWait);

    connect(m_chart, &QChart::plotAreaChanged, this, &LatencyChart::onPlotAreaChanged);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &LatencyChart::flush);
    m_cacheTimer.setSingleShot(true);
    m_cacheTimer.setInterval(0);
    connect(&m_cacheTimer, &QTimer::timeout, this, [this] { StaticItemCache::cache(scene()); });
    m_cacheTimer.start();
}

LatencyChart::~LatencyChart()
{
    delete m_okLine;
    delete m_writeLine;
    delete m_markers;
}

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
    m_openActors.clear();
    m_reads.clear();
    m_markers->clear();
    m_bands->clear();
    // Empty the series before the axes change: a range change recomputes
    // every series' geometry, which for an hour's points is a full redraw.
    rebuildSeries(AllDirty);
    m_axes->reset();
}

void LatencyChart::showRecord(const RunRecord& record)
{
    clear();
    m_reads.addRecord(record);
    m_markers->classify(record);
    // Bands straight to ChartBands: the time axis is sized once below and
    // the series built once (addStatement() would rebuild them whenever a
    // band widened the axis).
    double lastMs = std::max(record.endMs, record.migrationEndMs);
    for (const StatementTiming& statement : record.statements) {
        m_bands->addStatement(statement);
        lastMs = std::max({ lastMs, statement.startMs, statement.endMs });
    }
    for (const LockInterval& lock : record.locks) {
        if (m_bands->addLock(lock))
            lastMs = std::max({ lastMs, lock.fromMs, lock.toMs });
    }
    for (const ActorSpan& actor : record.actors) {
        m_bands->setActor(actor);
        lastMs = std::max({ lastMs, actor.startMs, actor.endMs });
    }
    double lastSeconds = lastMs / 1000.0;
    if (!m_reads.ok.isEmpty())
        lastSeconds = std::max(lastSeconds, m_reads.ok.last().x()); // sorted
    for (const QList<QPointF>* points : { &m_reads.timeouts, &m_reads.errors, &m_reads.noFree, &m_reads.cutOff,
                                          &m_reads.writeOk, &m_reads.writeProblems }) {
        for (const QPointF& point : *points)
            lastSeconds = std::max(lastSeconds, point.x());
    }
    m_axes->fitTime(lastSeconds);
    m_axes->coverLatency(m_reads.maxLatencyMs);
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
    m_cacheTimer.start();
}

bool LatencyChart::logScale() const
{
    return m_axes->logScale();
}

int LatencyChart::waitSpanCount() const
{
    return int(m_waitSpans->spans().size());
}

int LatencyChart::writeWaitSpanCount() const
{
    return int(m_writeWaitSpans->spans().size());
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
    const StaticItemCache::Suspended vectors(scene());
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
    m_cacheTimer.start();
    m_waitSpans->update();
    m_writeWaitSpans->update();
    // One column per device pixel: the line holds at most two points per
    // pixel (PointDecimator), fewer only paint over each other.
    const double width = m_chart->plotArea().width() * devicePixelRatioF();
    const int columns = width > 0 ? std::clamp(int(std::ceil(width)), kMinColumns, PointDecimator::kColumns)
                                  : m_columns;
    // Not for a few pixels: a new time range relabels the axis and moves the
    // plot's edge by a label's width, and rebuilding an hour's series for
    // that doubled the cost of opening a run. Columns up to a tenth wider
    // than pixels only make a spike's column a fraction of a pixel wider.
    if (std::abs(columns - m_columns) * 10 > m_columns) {
        m_columns = columns;
        rebuildSeries(AllDirty); // sets the markers' visibility
        return;
    }
    updateMarkerVisibility(m_okLine->pointCount());
}

void LatencyChart::flush()
{
    m_flushTimer.stop();
    if (m_queue.isEmpty())
        return;
    const qsizetype problems = m_reads.timeouts.size() + m_reads.errors.size() + m_reads.writeProblems.size();
    const qsizetype noFree = m_reads.noFree.size();
    const qsizetype writes = m_reads.writeOk.size();
    QList<QPointF> okBatch;
    okBatch.reserve(m_queue.size());
    QList<double> problemTimes;
    double lastSeconds = 0;
    for (const ProbeSample& sample : std::as_const(m_queue)) {
        m_reads.add(sample, std::nan(""), okBatch, problemTimes);
        lastSeconds = std::max(lastSeconds, sample.startMs / 1000.0);
    }
    // Emptied, not swapped out: the queue keeps its capacity, so the next
    // samples are not copied into freshly faulted-in memory (that was half
    // the cost of taking in an hour at once).
    m_queue.clear();
    // A new problem can break the line, so it redraws the line too.
    int dirty = okBatch.isEmpty() && m_reads.writeOk.size() == writes ? 0 : OkDirty;
    if (m_reads.timeouts.size() + m_reads.errors.size() + m_reads.writeProblems.size() != problems)
        dirty |= ProblemDirty | OkDirty;
    if (m_reads.noFree.size() != noFree)
        dirty |= NoFreeDirty | OkDirty;
    m_reads.merge(std::move(okBatch), std::move(problemTimes));
    // A started actor's band reaches as far as the samples do.
    for (auto it = m_openActors.cbegin(); it != m_openActors.cend(); ++it) {
        ActorSpan span;
        span.name = it.key();
        span.startMs = it.value();
        span.endMs = std::max(it.value(), lastSeconds * 1000.0);
        m_bands->setActor(span);
    }

    if (m_axes->coverLatency(m_reads.maxLatencyMs))
        m_cacheTimer.start();
    // The reduction of dense series depends on the time range: a new range
    // redraws them all (rare: the range grows in steps).
    if (m_axes->coverTime(lastSeconds))
        dirty = AllDirty;
    rebuildSeries(dirty);
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
    // #6cb4f0 on #1e1e1e: contrast 7.6:1; the light blue on white: 5.3:1.
    m_okLine->setColor(dark ? QColor(0x6c, 0xb4, 0xf0) : chartstyle::okColor());
    m_bands->setDark(dark);
}

// `points` (sorted) cut where a probe sent in between never answered (see
// PointDecimator::lineBreaks), each stretch reduced to its share of the
// plot's columns.
QList<QList<QPointF>> LatencyChart::stretches(const QList<QPointF>& points, const QList<double>& problemTimes,
                                              double latencyFloor) const
{
    const double from = m_axes->timeAxis()->min();
    const double to = m_axes->timeMax();
    QList<QList<QPointF>> result;
    qsizetype start = 0;
    const auto cut = [&](qsizetype end) {
        const QList<QPointF> stretch = points.mid(start, end - start);
        const double left = stretch.first().x();
        const double right = stretch.last().x();
        const int columns = std::max(1, int(std::ceil(m_columns * (right - left) / (to - from))));
        result.append(PointDecimator::line(stretch, left, right, columns, latencyFloor));
        start = end;
    };
    for (const qsizetype end : PointDecimator::lineBreaks(points, problemTimes, kMaxLineSegments))
        cut(end);
    if (start < points.size())
        cut(points.size());
    return result;
}

void LatencyChart::rebuildOkLine(double latencyFloor)
{
    const QList<QList<QPointF>> stretches = this->stretches(m_reads.ok, m_reads.problemTimes, latencyFloor);
    qsizetype count = 0;
    for (const QList<QPointF>& stretch : stretches)
        count += stretch.size();
    // Markers on or off before the points go in: switching them after lays
    // the whole line out a second time (Qt Charts strokes it for its shape
    // on every change), a fifth of opening an hour-long run.
    updateMarkerVisibility(count);
    m_okLine->setStretches(stretches);
}

void LatencyChart::rebuildWriteLine(double latencyFloor)
{
    m_writeLine->setStretches(this->stretches(m_reads.writeOk, m_reads.writeProblemTimes, latencyFloor));
    QList<WaitSpanItem::Span> spans;
    for (const auto& [sent, waited] : std::as_const(m_reads.writeWaits))
        spans.append({ sent, sent + waited / 1000.0, waited });
    m_writeWaitSpans->setFloor(latencyFloor);
    m_writeWaitSpans->setSpans(spans);
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
    // A new time range rebuilds every series; its new ticks may have brought new grid items.
    if (dirty == AllDirty)
        m_cacheTimer.start();
    const double from = m_axes->timeAxis()->min();
    const double to = m_axes->timeMax();
    const int columns = m_columns;
    if (dirty & OkDirty) {
        rebuildOkLine(floor);
        rebuildWriteLine(floor);
    }
    // The write entries of the legend only when the step probes writes.
    const bool writes = !m_reads.writeOk.isEmpty() || !m_reads.writeProblems.isEmpty();
    m_axes->setWritesShown(writes);
    m_writeLine->setInLegend(writes);
    if (dirty & ProblemDirty) {
        m_markers->rebuild(m_reads, from, to, columns, floor);
        QList<WaitSpanItem::Span> spans;
        spans.reserve(m_reads.waits.size());
        for (const auto& [sent, waited] : std::as_const(m_reads.waits))
            spans.append({ sent, sent + waited / 1000.0, waited });
        m_waitSpans->setFloor(floor);
        m_waitSpans->setSpans(spans);
    }
    if (dirty & NoFreeDirty)
        m_markers->rebuildNoFree(m_reads, from, to, columns);
}

// `count`: the points the read line draws.
void LatencyChart::updateMarkerVisibility(qsizetype count)
{
    // Pixels per point over the stretch of time the reads cover (not the
    // whole axis: three seconds of reads on a 90 s axis are dense).
    const double axisSpan = m_axes->timeMax() - m_axes->timeAxis()->min();
    const double okSpan = m_reads.ok.size() > 1 ? m_reads.ok.last().x() - m_reads.ok.first().x() : axisSpan;
    const double pixels = m_chart->plotArea().width() * std::max(okSpan, 1e-9) / axisSpan;
    m_okLine->setPointsVisible(count <= 1 || pixels / count >= kMinPixelsPerMarker);
    // A line with more points than pixels is a solid zigzag: antialiasing
    // cannot smooth it, yet stroking it antialiased cost two thirds of a
    // repaint of an hour-long run (locklab-bench, benchmark 5). Exports set
    // their own painter's hints and stay antialiased; text keeps its own.
    const bool smooth = count <= 1 || pixels >= count * kMinPixelsPerSmoothPoint;
    if (renderHints().testFlag(QPainter::Antialiasing) != smooth)
        setRenderHint(QPainter::Antialiasing, smooth);
}

} // namespace locklab
