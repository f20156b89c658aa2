#include "charts/ChartAxes.h"

#include "charts/ChartStyle.h"

#include <QChart>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QXYSeries>

#include <cmath>

namespace locklab {

namespace {

constexpr double kInitialTimeMax = 10; // s
constexpr double kInitialLinearMax = 10; // ms
constexpr double kInitialLogMax = 10000; // ms: a probe timeout of a few seconds fits from the start
constexpr double kHeadroom = 1.1; // grow a little past the data so the next points fit too

// Smallest 1, 2 or 5 times a power of ten that is >= value.
double niceStep(double value)
{
    if (!(value > 0))
        return 1;
    const double decade = std::pow(10.0, std::floor(std::log10(value)));
    for (const double factor : { 1.0, 2.0, 5.0, 10.0 }) {
        if (factor * decade >= value * (1 - 1e-9))
            return factor * decade;
    }
    return 10 * decade;
}

double timeTickInterval(double maxSeconds)
{
    // At most 8 intervals, on values a reader counts in.
    for (const double interval : { 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0 }) {
        if (maxSeconds / interval <= 8)
            return interval;
    }
    return std::ceil(maxSeconds / 8 / 1800) * 1800;
}

void styleAxis(QAbstractAxis* axis, const QString& title)
{
    axis->setTitleText(title);
    axis->setTitleFont(chartstyle::font(chartstyle::kAxisTitlePx));
    axis->setLabelsFont(chartstyle::font(chartstyle::kAxisLabelPx));
    axis->setTitleBrush(chartstyle::textColor());
    axis->setLabelsColor(chartstyle::textColor());
    axis->setGridLineColor(QColor(0xd8, 0xd8, 0xd8));
    axis->setMinorGridLineColor(QColor(0xee, 0xee, 0xee));
}

} // namespace

ChartAxes::ChartAxes(QChart* chart, QObject* parent)
    : QObject(parent)
    , m_chart(chart)
    , m_time(new QValueAxis)
    , m_linear(new QValueAxis(this))
    , m_log(new QLogValueAxis)
    , m_top(new QValueAxis)
{
    styleAxis(m_time, tr("Time (s)"));
    m_time->setTickType(QValueAxis::TicksDynamic);
    m_time->setTickAnchor(0);
    m_time->setLabelFormat(QStringLiteral("%g"));

    styleAxis(m_linear, tr("Read latency (ms)"));
    m_linear->setTickType(QValueAxis::TicksDynamic);
    m_linear->setTickAnchor(0);
    m_linear->setLabelFormat(QStringLiteral("%g"));

    styleAxis(m_log, tr("Read latency (ms)"));
    m_log->setBase(10);
    m_log->setLabelFormat(QStringLiteral("%g"));
    m_log->setMinorTickCount(8); // faint lines at 2..9 of each decade: 0.5 ms and 4000 ms can be read off

    m_top->setRange(0, 1);
    m_top->setVisible(false);

    // The chart owns the axes it shows (and deletes them); the latency axis
    // not shown stays a child of this object.
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_log, Qt::AlignLeft);
    m_chart->addAxis(m_top, Qt::AlignRight);
    reset();
}

ChartAxes::~ChartAxes() = default;

QAbstractAxis* ChartAxes::latencyAxis() const
{
    return m_logScale ? static_cast<QAbstractAxis*>(m_log) : static_cast<QAbstractAxis*>(m_linear);
}

void ChartAxes::attachLatencySeries(QXYSeries* series)
{
    series->attachAxis(m_time);
    series->attachAxis(latencyAxis());
    m_latencySeries.append(series);
}

void ChartAxes::attachTopSeries(QXYSeries* series)
{
    series->attachAxis(m_time);
    series->attachAxis(m_top);
}

bool ChartAxes::coverTime(double seconds)
{
    if (seconds <= m_time->max())
        return false;
    applyTimeRange(niceTimeMax(seconds * kHeadroom));
    return true;
}

bool ChartAxes::coverLatency(double ms)
{
    if (!(ms > m_maxLatencyMs))
        return false;
    m_maxLatencyMs = ms;
    const double linearMax = std::max(kInitialLinearMax, niceLinearMax(ms * kHeadroom));
    const double logTop = std::max(kInitialLogMax, logMax(ms * kHeadroom));
    if (linearMax == m_linear->max() && logTop == m_log->max())
        return false;
    applyLatencyRange();
    return true;
}

bool ChartAxes::fitTime(double seconds)
{
    const double fitted = niceTimeMax(seconds * kHeadroom);
    if (fitted == m_time->max())
        return false;
    applyTimeRange(fitted);
    return true;
}

void ChartAxes::setWritesShown(bool shown)
{
    if (shown == m_writesShown)
        return;
    m_writesShown = shown;
    const QString title = shown ? tr("Latency (ms)") : tr("Read latency (ms)");
    m_linear->setTitleText(title);
    m_log->setTitleText(title);
}

void ChartAxes::reset()
{
    m_maxLatencyMs = 0;
    applyTimeRange(kInitialTimeMax);
    applyLatencyRange();
}

void ChartAxes::setLogScale(bool on)
{
    if (on == m_logScale)
        return;
    QAbstractAxis* from = latencyAxis();
    m_logScale = on;
    QAbstractAxis* to = latencyAxis();
    m_chart->removeAxis(from); // detaches it from every series; ownership comes back to us
    from->setParent(this);
    m_chart->addAxis(to, Qt::AlignLeft);
    for (QXYSeries* series : std::as_const(m_latencySeries))
        series->attachAxis(to);
}

double ChartAxes::timeMax() const
{
    return m_time->max();
}

double ChartAxes::niceTimeMax(double seconds)
{
    for (const double candidate : { 5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0, 180.0, 240.0, 300.0, 450.0,
                                    600.0, 900.0, 1200.0, 1800.0, 2700.0, 3600.0 }) {
        if (seconds <= candidate)
            return candidate;
    }
    return std::ceil(seconds / 1800) * 1800;
}

double ChartAxes::niceLinearMax(double ms)
{
    return niceStep(ms);
}

double ChartAxes::logMax(double ms)
{
    if (!(ms > kLogFloorMs))
        return 1;
    return std::pow(10.0, std::ceil(std::log10(ms) - 1e-9));
}

void ChartAxes::applyTimeRange(double maxSeconds)
{
    m_time->setTickInterval(timeTickInterval(maxSeconds));
    m_time->setRange(0, maxSeconds);
}

void ChartAxes::applyLatencyRange()
{
    const double linearMax = std::max(kInitialLinearMax, niceLinearMax(m_maxLatencyMs * kHeadroom));
    m_linear->setTickInterval(niceStep(linearMax / 6));
    m_linear->setRange(0, linearMax);
    // A hair below the floor: Qt labels a log axis from the first whole
    // decade above its minimum, and log10(0.1) rounds to just above -1, so an
    // axis starting at exactly 0.1 left its bottom line unlabelled.
    m_log->setRange(kLogFloorMs * 0.999, std::max(kInitialLogMax, logMax(m_maxLatencyMs * kHeadroom)));
}

} // namespace locklab
