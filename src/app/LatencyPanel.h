#pragma once

#include "core/observe/LockIntervalTracker.h"
#include "core/observe/LockRow.h"
#include "core/run/RunRecord.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLabel;

namespace locklab {

class LatencyChart;
struct RunStatistics;

// The live latency chart with its figures beside it: p50 / p95 / p99 / max,
// timeouts, and how long reads were blocked, all from the recorded samples.
class LatencyPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LatencyPanel(QWidget* parent = nullptr);

    void start(const QString& title, double blockedThresholdMs, double probeRateHz);
    void addSample(const ProbeSample& sample);
    void addStatement(const StatementTiming& statement);
    // The lock monitor's polls: which probes wait on a lock, so the live
    // figures tell lock waits from slow reads as the verdict will.
    void addLocks(const QList<locklab::LockRow>& rows, double atMs);
    void actorStarted(const QString& name, double atMs);
    void addActorSpan(const ActorSpan& span);
    void showRecord(const RunRecord& record);
    void clear();

    LatencyChart* chart() const { return m_chart; }
    QString figuresText() const;

private:
    void updateFigures();
    double liveBlockedMs(const RunStatistics& stats, ProbeKind kind) const;

    LatencyChart* m_chart = nullptr;
    QLabel* m_figures = nullptr;
    QCheckBox* m_logScale = nullptr;
    RunRecord m_live; // samples and lock waits so far, for the figures
    LockIntervalTracker m_locks;
    QTimer m_figuresTimer;
    bool m_dirty = false;
    bool m_liveMode = false;
    double m_tickMs = 50;
};

} // namespace locklab
