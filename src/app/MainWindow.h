#pragma once

#include "core/lesson/Lesson.h"
#include "core/migration/ExecutionPlan.h"
#include "core/run/LessonRunner.h"
#include "core/run/RunRecord.h"
#include "core/server/SavedSettings.h"
#include "core/server/ServerSession.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>
#include <memory>

class QLabel;

namespace Ui {
class MainWindow;
}

namespace locklab {

class RebuildBanner;
class StepProgress;
class WorkshopActions;
class StepTeachingPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ServerSession& session, const LessonLibrary& library, QWidget* parent = nullptr);
    ~MainWindow() override;

    // The text shown in the status bar about the server (for tests and screenshots).
    QString serverStatusText() const;
    LessonRunner* runner() const { return m_runner; }
    StepTeachingPanel* teachingPanel() const { return m_teaching; }
    const RunRecord* lastRecord(const QString& lessonId, const QString& stepId) const;
    // Every run recorded in this window (the last of each step), oldest first: what a session file saves.
    QList<RunRecord> recordedRuns() const;
    const RunRecord* shownRecord() const;
    WorkshopActions* workshopActions() const { return m_workshop; }

    // Reconnecting: the runner goes with the old session and a new one comes
    // with the new session; the runs recorded so far stay. detachSession()
    // refuses (and says why) while a step runs.
    bool detachSession();
    void attachSession(ServerSession& session);

    void selectStep(int lessonIndex, int stepIndex);
    void runCurrentStep();
    void cancelStep();
    void nextStep();

signals:
    void reconnectRequested(const locklab::LaunchOptions& options);
    void restartServerRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void setUpActions();
    void createRunner();
    bool isBusy() const;
    LessonRunner::Phase currentPhase() const;
    void openSettings();
    void offerRestartAfterLostConnection(const StepOutcome& outcome);
    void showStep(int lessonIndex, int stepIndex);
    void refreshSqlPreview();
    void migrateTo(const QString& target);
    void rebuildTables(const QStringList& tables);
    void updateRebuildBanner();
    void onPhaseChanged(LessonRunner::Phase phase);
    void onStepFinished(const RunRecord& record, const StepOutcome& outcome);
    void onSnapshotChanged(const SchemaSnapshot& snapshot);
    void prepareResultViews(const QString& title, bool probes);
    void showRecordResults(const RunRecord* record);
    void exportShownRun();
    void showAbout();
    const Lesson* currentLesson() const;
    const LessonStep* currentStep() const;
    // "needs PostgreSQL 18 or newer; this server is 15", or empty.
    QString versionShortfall(const LessonStep& step) const;
    void showServerStatus();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ServerSession* m_session = nullptr;
    LessonLibrary m_library;
    LessonRunner* m_runner = nullptr;
    StepProgress* m_progress = nullptr;
    WorkshopActions* m_workshop = nullptr;
    RebuildBanner* m_rebuildBanner = nullptr;
    StepTeachingPanel* m_teaching = nullptr; // predict, Django, versions, answers
    QLabel* m_serverLabel = nullptr;
    int m_lesson = -1;
    int m_step = -1;
    QPair<int, int> m_runningStep { -1, -1 };
    QMap<QString, RunRecord> m_history; // "lesson/step" -> last run
    QMap<QString, StepOutcome> m_outcomes;
    bool m_closeWhenIdle = false;
};

} // namespace locklab
