#pragma once

#include "core/run/RunRecord.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <algorithm>

class QChart;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QValueAxis;

namespace locklab {

class BandItem;

// The lanes under the time axis that say what ran and what it locked:
//
//   Time (s)
//   SQL    [UPDATE large_user … 4.1 s           ]| |
//   Locks  [ACCESS EXCLUSIVE on large_user: 4.2 s ]
//   Actors [nightly report: 10.0 s                     ]   (only when the step has actors)
//
// One lane for the statements (they run one after another on the migration's
// connection), one or more for the locks (overlapping locks get a lane each),
// each lock also shading its time in the plot so the stall lines up with it.
// The lanes live in the chart's bottom margin, which this class sizes; bars
// follow the time axis and the plot area. Labels that do not fit their bar
// go beside it, and are left out (tooltip only) rather than overlap another.
// A run of batches (UPDATE, COMMIT, UPDATE, COMMIT ...) gets one label for the
// whole run, "40 × UPDATE large_user … 6.0 s", not forty unreadable ones.
class ChartBands : public QObject
{
    Q_OBJECT

public:
    ChartBands(QChart* chart, QValueAxis* timeAxis, QObject* parent = nullptr);
    ~ChartBands() override;

    void addStatement(const StatementTiming& statement);
    // False (and nothing drawn) for locks BandLabels::isChartedLock() leaves out.
    bool addLock(const LockInterval& lock);
    // A background session (actor) on the Actors lane, added or, for a name
    // already shown, moved to the span's times.
    void setActor(const ActorSpan& actor);
    void clear();

    int count() const { return int(m_statements.size() + m_locks.size() + m_actors.size()); }
    // For tests: the labels currently shown, lane by lane, left to right.
    QStringList visibleLabels() const;

    // Lane captions and the labels beside their bars follow a dark chart.
    void setDark(bool dark);

    // Positions every bar and label for the current plot area and time range.
    // Adding bands only schedules this (a record may bring thousands of
    // batches); the event loop or an export runs it once.
    void relayout();

private:
    struct Band
    {
        double fromMs = 0;
        double toMs = 0;
        QStringList labels; // the band's own label, then shorter ones for tight spots
        QString groupKey; // statements: short SQL, for batch grouping
        bool control = false;
        int lane = 0;
        BandItem* item = nullptr;
        QGraphicsRectItem* shade = nullptr; // locks only
        LockInterval lock; // locks only
        QString tip; // locks only: the tooltip before folded locks are named in it
        bool folded = false; // locks only: drawn inside another lock's bar (LockFolding)
    };
    struct LabelRequest
    {
        double fromX;
        double toX;
        QStringList texts; // preferred first
        BandItem* owner;
    };

    BandItem* newItem(const QColor& fill);
    void scheduleRelayout();
    int laneCount() const { return 1 + std::max(1, m_lockLanes) + (m_actors.isEmpty() ? 0 : 1); }
    int actorLane() const { return 1 + std::max(1, m_lockLanes); }
    qreal laneTop(int lane) const;
    double xOf(double ms) const;
    void updateMargin();
    void foldLocks();
    void assignLockLanes();
    QList<LabelRequest> statementLabels() const;
    void placeLabels(QList<LabelRequest> requests, int lane);

    QChart* m_chart;
    QValueAxis* m_time;
    QList<Band> m_statements;
    QList<Band> m_locks;
    QList<Band> m_actors; // groupKey holds the actor's name
    int m_lockLanes = 1;
    bool m_relayoutScheduled = false;
    bool m_dark = false;
    QGraphicsSimpleTextItem* m_sqlCaption;
    QGraphicsSimpleTextItem* m_lockCaption;
    QGraphicsSimpleTextItem* m_actorCaption;
};

} // namespace locklab
