#include "charts/ChartBands.h"

#include "charts/BandItem.h"
#include "charts/BandLabels.h"
#include "charts/ChartStyle.h"
#include "charts/LockFolding.h"
#include "core/observe/LockModes.h"
#include "core/run/Verdict.h"

#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <QValueAxis>

#include <map>

namespace locklab {

namespace {

constexpr qreal kLaneHeight = 24;
constexpr qreal kLaneGap = 5;
constexpr qreal kPadTop = 6;
constexpr qreal kPadBottom = 8;
constexpr qreal kMinBarWidth = 2; // a 1 ms COMMIT still shows as a tick
constexpr qreal kLabelPad = 6; // text to label edge
constexpr qreal kLabelGap = 4; // bar to a label beside it
constexpr qreal kMinElideWidth = 60;
constexpr qreal kMaxCrossedBarWidth = 6; // a label beside its bar may cross bars up to this wide
// Between the plot's own background (0) and its grid lines (2): the lock's
// shading sits behind the grid and the points.
constexpr qreal kShadeZ = 1.5;

// Red stops reads and writes, dark orange stops writes only, light orange stops neither.
QColor lockColor(const QString& mode)
{
    const std::optional<LockMode> parsed = LockModes::fromName(mode);
    if (parsed == LockMode::AccessExclusive)
        return chartstyle::accessExclusiveColor();
    if (parsed == LockMode::ShareUpdateExclusive)
        return chartstyle::shareUpdateExclusiveColor();
    return chartstyle::writeBlockingLockColor();
}

} // namespace

ChartBands::ChartBands(QChart* chart, QValueAxis* timeAxis, QObject* parent)
    : QObject(parent)
    , m_chart(chart)
    , m_time(timeAxis)
    , m_sqlCaption(new QGraphicsSimpleTextItem(tr("SQL"), chart))
    , m_lockCaption(new QGraphicsSimpleTextItem(tr("Locks"), chart))
    , m_actorCaption(new QGraphicsSimpleTextItem(tr("Actors"), chart))
{
    m_actorCaption->setVisible(false);
    for (QGraphicsSimpleTextItem* caption : { m_sqlCaption, m_lockCaption, m_actorCaption }) {
        caption->setFont(chartstyle::font(chartstyle::kBandLabelPx, true));
        caption->setBrush(chartstyle::secondaryTextColor());
    }
    connect(m_chart, &QChart::plotAreaChanged, this, &ChartBands::relayout);
    connect(m_time, &QValueAxis::rangeChanged, this, &ChartBands::relayout);
    updateMargin();
}

ChartBands::~ChartBands() = default;

void ChartBands::setDark(bool dark)
{
    m_dark = dark;
    for (QGraphicsSimpleTextItem* caption : { m_sqlCaption, m_lockCaption, m_actorCaption })
        caption->setBrush(dark ? QColor(0xbb, 0xbb, 0xbb) : chartstyle::secondaryTextColor());
    for (const QList<Band>* bands : { &m_statements, &m_locks, &m_actors }) {
        for (const Band& band : *bands)
            band.item->setDark(dark);
    }
}

BandItem* ChartBands::newItem(const QColor& fill)
{
    auto* item = new BandItem(fill, m_chart);
    item->setDark(m_dark);
    return item;
}

void ChartBands::addStatement(const StatementTiming& statement)
{
    Band band;
    band.fromMs = statement.startMs;
    band.toMs = std::max(statement.startMs, statement.endMs);
    // No bare "19 ms" fallback: beside a tick it would not say what took 19 ms.
    if (BandLabels::deservesLabel(statement.sql))
        band.labels = { BandLabels::statementLabel(statement) };
    band.groupKey = BandLabels::shortSql(statement.sql) + (statement.error.isEmpty() ? "" : "\n(failed)");
    band.control = BandLabels::isControlStatement(statement.sql);
    band.item = newItem(statement.error.isEmpty() ? chartstyle::statementColor() : chartstyle::failedStatementColor());
    QString tip = statement.sql.simplified();
    if (tip.size() > 400)
        tip = tip.left(399) + QChar(0x2026);
    tip += QStringLiteral("\n") + Verdict::formatDuration(band.toMs - band.fromMs);
    if (!statement.error.isEmpty())
        tip += QStringLiteral("\n") + statement.error;
    band.item->setToolTip(tip);

    // Statements arrive in order live; a record may list them in any order.
    auto at = std::upper_bound(m_statements.begin(), m_statements.end(), band.fromMs,
                               [](double ms, const Band& b) { return ms < b.fromMs; });
    m_statements.insert(at, band);
    scheduleRelayout();
}

bool ChartBands::addLock(const LockInterval& lock)
{
    if (!BandLabels::isChartedLock(lock))
        return false;
    Band band;
    band.fromMs = lock.fromMs;
    band.toMs = std::max(lock.fromMs, lock.toMs);
    band.labels = { BandLabels::lockLabel(lock),
                    QStringLiteral("%1: %2").arg(LockModes::displayName(lock.mode),
                                                 Verdict::formatDuration(std::max(0.0, lock.durationMs()))),
                    Verdict::formatDuration(std::max(0.0, lock.durationMs())) };
    const QColor color = lockColor(lock.mode);
    band.item = newItem(color);
    band.lock = lock;
    band.tip = band.labels.first() + QStringLiteral("\nheld by the migration (pid %1)").arg(lock.pid);
    band.item->setToolTip(band.tip);
    band.shade = new QGraphicsRectItem(m_chart);
    band.shade->setPen(Qt::NoPen);
    QColor shade = color;
    shade.setAlpha(38);
    band.shade->setBrush(shade);
    band.shade->setZValue(kShadeZ);
    m_locks.append(band);
    assignLockLanes();
    scheduleRelayout();
    return true;
}

void ChartBands::setActor(const ActorSpan& actor)
{
    auto it = std::find_if(m_actors.begin(), m_actors.end(),
                           [&](const Band& band) { return band.groupKey == actor.name; });
    const bool added = it == m_actors.end();
    if (added) {
        Band band;
        band.groupKey = actor.name;
        band.item = newItem(chartstyle::actorColor());
        m_actors.append(band);
        it = m_actors.end() - 1;
    }
    const double duration = std::max(0.0, actor.endMs - actor.startMs);
    it->fromMs = actor.startMs;
    it->toMs = std::max(actor.startMs, actor.endMs);
    it->labels = { QStringLiteral("%1: %2").arg(actor.name, Verdict::formatDuration(duration)), actor.name };
    QString tip = QStringLiteral("%1 (%2)\n%3").arg(actor.name, actor.kind, Verdict::formatDuration(duration));
    if (!actor.problem.isEmpty())
        tip += QStringLiteral("\n") + actor.problem;
    it->item->setToolTip(tip);
    if (added) {
        m_actorCaption->setVisible(true);
        updateMargin();
    }
    scheduleRelayout();
}

void ChartBands::clear()
{
    for (const Band& band : std::as_const(m_actors))
        delete band.item;
    m_actors.clear();
    m_actorCaption->setVisible(false);
    for (const Band& band : std::as_const(m_statements))
        delete band.item;
    for (const Band& band : std::as_const(m_locks)) {
        delete band.item;
        delete band.shade;
    }
    m_statements.clear();
    m_locks.clear();
    m_lockLanes = 1;
    updateMargin();
}

QStringList ChartBands::visibleLabels() const
{
    std::multimap<qreal, QString> byX;
    for (const QList<Band>* list : { &m_statements, &m_locks, &m_actors }) {
        for (const Band& band : *list) {
            if (band.item->isVisible() && band.item->labelPlacement() != BandItem::Label::Hidden)
                byX.emplace(band.item->bar().left() + band.lane * 1e6, band.item->labelText());
        }
    }
    QStringList labels;
    for (const auto& entry : byX)
        labels.append(entry.second);
    return labels;
}

qreal ChartBands::laneTop(int lane) const
{
    qreal left = 0, top = 0, right = 0, bottom = 0;
    if (m_chart->layout())
        m_chart->layout()->getContentsMargins(&left, &top, &right, &bottom);
    const qreal marginTop = m_chart->size().height() - bottom - m_chart->margins().bottom();
    return marginTop + kPadTop + lane * (kLaneHeight + kLaneGap);
}

double ChartBands::xOf(double ms) const
{
    const QRectF plot = m_chart->plotArea();
    const double span = m_time->max() - m_time->min();
    const double x = plot.left() + (ms / 1000.0 - m_time->min()) / span * plot.width();
    return std::clamp(x, plot.left(), plot.right());
}

void ChartBands::updateMargin()
{
    QMargins margins = m_chart->margins();
    const int lanes = laneCount();
    margins.setBottom(int(std::ceil(kPadTop + lanes * kLaneHeight + (lanes - 1) * kLaneGap + kPadBottom)));
    if (margins != m_chart->margins())
        m_chart->setMargins(margins);
}

void ChartBands::foldLocks()
{
    QList<LockInterval> locks;
    for (const Band& band : std::as_const(m_locks))
        locks.append(band.lock);
    const QList<int> hosts = LockFolding::hosts(locks);
    QList<QStringList> foldedInto(m_locks.size());
    for (qsizetype i = 0; i < m_locks.size(); ++i) {
        Band& band = m_locks[i];
        band.folded = hosts.at(i) >= 0;
        band.item->setVisible(!band.folded);
        if (band.folded) {
            band.item->hideLabel();
            band.shade->setVisible(false);
            foldedInto[hosts.at(i)].append(band.labels.first());
        }
    }
    for (qsizetype i = 0; i < m_locks.size(); ++i) {
        Band& band = m_locks[i];
        QString tip = band.tip;
        if (!foldedInto.at(i).isEmpty())
            tip += tr("\nalso held over the same time:\n") + foldedInto.at(i).join(QLatin1Char('\n'));
        band.item->setToolTip(tip);
    }
}

void ChartBands::assignLockLanes()
{
    foldLocks();
    QList<Band*> ordered;
    for (Band& band : m_locks) {
        if (band.folded)
            band.lane = -1;
        else
            ordered.append(&band);
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const Band* a, const Band* b) { return a->fromMs < b->fromMs; });
    QList<double> laneEnds;
    for (Band* band : ordered) {
        int lane = 0;
        while (lane < laneEnds.size() && laneEnds.at(lane) > band->fromMs)
            ++lane;
        if (lane == laneEnds.size())
            laneEnds.append(band->toMs);
        else
            laneEnds[lane] = band->toMs;
        band->lane = 1 + lane;
    }
    m_lockLanes = std::max(1, int(laneEnds.size()));
    updateMargin();
}

// Groups runs of the same statement (batches), looking through the
// BEGIN/COMMIT between them, and asks for one label per group.
QList<ChartBands::LabelRequest> ChartBands::statementLabels() const
{
    QList<LabelRequest> requests;
    struct Group
    {
        const Band* first = nullptr;
        const Band* last = nullptr;
        int members = 0;
    };
    Group current;
    QList<const Band*> pendingControls;
    const auto emitBand = [&](const Band* band) {
        requests.append({ xOf(band->fromMs), band->item->bar().right(), band->labels, band->item });
    };
    const auto emitGroup = [&]() {
        if (!current.first)
            return;
        // The COMMIT after the last batch belongs to the run of batches.
        if (current.members > 1 && !pendingControls.isEmpty()) {
            current.last = pendingControls.last();
            pendingControls.clear();
        }
        if (current.members == 1) {
            emitBand(current.first);
        } else {
            const double spanMs = current.last->toMs - current.first->fromMs;
            requests.append(
                { xOf(current.first->fromMs),
                  current.last->item->bar().right(),
                  { BandLabels::batchLabel(current.first->groupKey.section('\n', 0, 0), current.members, spanMs) },
                  current.first->item });
        }
        current = Group();
    };
    for (const Band& band : m_statements) {
        if (band.control) {
            if (current.first)
                pendingControls.append(&band);
            else
                emitBand(&band);
            continue;
        }
        if (current.first && current.first->groupKey == band.groupKey) {
            pendingControls.clear(); // inside the run: covered by the group's label
            current.last = &band;
            ++current.members;
            continue;
        }
        emitGroup();
        for (const Band* control : std::as_const(pendingControls))
            emitBand(control);
        pendingControls.clear();
        current = Group { &band, &band, 1 };
    }
    emitGroup();
    for (const Band* control : std::as_const(pendingControls))
        emitBand(control);
    return requests;
}

// Widest first: the long statement and the long lock are what the chart is
// about; a 1 ms COMMIT gets a label only where there is room left.
void ChartBands::placeLabels(QList<LabelRequest> requests, int lane)
{
    std::stable_sort(requests.begin(), requests.end(),
                     [](const LabelRequest& a, const LabelRequest& b) { return a.toX - a.fromX > b.toX - b.fromX; });
    const QFontMetricsF metrics(chartstyle::font(chartstyle::kBandLabelPx));
    const qreal top = laneTop(lane);
    const qreal minX = m_chart->plotArea().left();
    const qreal maxX = m_chart->size().width() - 8;
    QList<QRectF> taken;
    const auto isFree = [&](const QRectF& rect) {
        return std::none_of(taken.begin(), taken.end(), [&](const QRectF& other) { return other.intersects(rect); });
    };
    // A label beside its bar may cross tiny bars (a COMMIT; its backing keeps
    // it legible) but not cover a bar one can see, such as the next
    // statement's: that bar would seem to be the label's.
    const auto coversAnotherBar = [&](const QRectF& rect, const LabelRequest& own) {
        return std::any_of(requests.begin(), requests.end(), [&](const LabelRequest& other) {
            return other.owner != own.owner && other.toX - other.fromX > kMaxCrossedBarWidth
                && other.fromX < rect.right() && other.toX > rect.left();
        });
    };
    struct Candidate
    {
        QRectF rect;
        BandItem::Label placement;
    };
    // Inside the bar, else beside it (right, then left), for the full text
    // and then each shorter one; only then the full text cut to the bar.
    const auto candidatesFor = [&](const LabelRequest& request, qreal width) {
        const qreal span = request.toX - request.fromX;
        QList<Candidate> candidates;
        if (span >= width)
            candidates.append(
                { QRectF(request.fromX + (span - width) / 2, top, width, kLaneHeight), BandItem::Label::Inside });
        if (request.toX + kLabelGap + width <= maxX)
            candidates.append({ QRectF(request.toX + kLabelGap, top, width, kLaneHeight), BandItem::Label::Outside });
        if (request.fromX - kLabelGap - width >= minX)
            candidates.append(
                { QRectF(request.fromX - kLabelGap - width, top, width, kLaneHeight), BandItem::Label::Outside });
        return candidates;
    };
    for (const LabelRequest& request : std::as_const(requests)) {
        request.owner->hideLabel();
        if (request.texts.isEmpty())
            continue;
        bool placed = false;
        const auto tryPlace = [&](const QString& text, const Candidate& candidate) {
            if (placed || !isFree(candidate.rect))
                return;
            if (candidate.placement == BandItem::Label::Outside && coversAnotherBar(candidate.rect, request))
                return;
            request.owner->setLabel(text, candidate.rect, candidate.placement);
            taken.append(candidate.rect.adjusted(-kLabelGap, 0, kLabelGap, 0));
            placed = true;
        };
        for (const QString& text : request.texts) {
            const qreal width = metrics.horizontalAdvance(text) + 2 * kLabelPad;
            for (const Candidate& candidate : candidatesFor(request, width))
                tryPlace(text, candidate);
        }
        const qreal span = request.toX - request.fromX;
        if (!placed && span >= kMinElideWidth && !request.texts.isEmpty()) {
            const QString cut = metrics.elidedText(request.texts.first(), Qt::ElideRight, span - 2 * kLabelPad);
            tryPlace(cut, { QRectF(request.fromX, top, span, kLaneHeight), BandItem::Label::Inside });
        }
    }
}

void ChartBands::scheduleRelayout()
{
    if (m_relayoutScheduled)
        return;
    m_relayoutScheduled = true;
    QMetaObject::invokeMethod(this, &ChartBands::relayout, Qt::QueuedConnection);
}

void ChartBands::relayout()
{
    m_relayoutScheduled = false;
    const QRectF plot = m_chart->plotArea();
    if (!plot.isValid() || !(m_time->max() > m_time->min()))
        return;
    const auto barRect = [&](const Band& band) {
        const double left = xOf(band.fromMs);
        const double right = std::max(xOf(band.toMs), left + kMinBarWidth);
        return QRectF(left, laneTop(band.lane), right - left, kLaneHeight);
    };
    for (Band& band : m_statements)
        band.item->setBar(barRect(band));
    for (qsizetype i = 0; i < m_locks.size(); ++i) {
        Band& band = m_locks[i];
        if (band.folded)
            continue;
        const QRectF bar = barRect(band);
        band.item->setBar(bar);
        band.shade->setRect(QRectF(bar.left(), plot.top(), bar.width(), plot.height()));
        // The table and its index locked together: shade the time once, not
        // twice as dark.
        const bool covered = std::any_of(m_locks.begin(), m_locks.begin() + i, [&](const Band& earlier) {
            return !earlier.folded && earlier.shade->brush() == band.shade->brush() && earlier.fromMs <= band.fromMs
                && earlier.toMs >= band.toMs;
        });
        band.shade->setVisible(!covered);
    }

    QList<LabelRequest> actorRequests;
    for (Band& band : m_actors) {
        band.lane = actorLane();
        band.item->setBar(barRect(band));
        actorRequests.append({ band.item->bar().left(), band.item->bar().right(), band.labels, band.item });
    }
    placeLabels(actorRequests, actorLane());

    placeLabels(statementLabels(), 0);
    for (int lane = 1; lane <= m_lockLanes; ++lane) {
        QList<LabelRequest> requests;
        for (const Band& band : std::as_const(m_locks)) {
            if (band.lane == lane)
                requests.append({ band.item->bar().left(), band.item->bar().right(), band.labels, band.item });
        }
        placeLabels(requests, lane);
    }

    const auto placeCaption = [&](QGraphicsSimpleTextItem* caption, int lane) {
        const QRectF box = caption->boundingRect();
        caption->setPos(plot.left() - 10 - box.width(), laneTop(lane) + (kLaneHeight - box.height()) / 2);
    };
    placeCaption(m_sqlCaption, 0);
    placeCaption(m_lockCaption, 1);
    placeCaption(m_actorCaption, actorLane());
}

} // namespace locklab
