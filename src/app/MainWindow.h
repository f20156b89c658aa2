#pragma once

#include "ExecutionPlan.h"
#include "Lesson.h"
#include "LessonRunner.h"
#include "RunRecord.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

#include <memory>

class QLabel;

namespace Ui {
class MainWindow;
}

namespace locklab {

class ServerSession;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ServerSession& session, const LessonLibrary& library, QWidget* parent = nullptr);
    ~MainWindow() override;

    // The text shown in the status bar about the server (for tests and screenshots).
    QString serverStatusText() const;
    LessonRunner* runner() const { return m_runner; }
    const RunRecord* lastRecord(const QString& lessonId, const QString& stepId) const;

    void selectStep(int lessonIndex, int stepIndex);
    void runCurrentStep();
    void cancelStep();
    void nextStep();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void setUpActions();
    void showStep(int lessonIndex, int stepIndex);
    void refreshSqlPreview();
    void migrateTo(const QString& target);
    void onPhaseChanged(LessonRunner::Phase phase);
    void onProgress(qint64 done, qint64 total, const QString& what);
    void onStatementStarted(const QString& sql, double startMs);
    void onStatementFinished(const StatementTiming& timing);
    void onStepFinished(const RunRecord& record, const StepOutcome& outcome);
    void onSnapshotChanged(const SchemaSnapshot& snapshot);
    void showStatements(const QList<StatementTiming>& statements);
    void prepareResultViews(const QString& title, bool probes);
    void showRecordResults(const RunRecord* record);
    void exportShownRun();
    void updateRunningLabel();
    void showAbout();
    const Lesson* currentLesson() const;
    const LessonStep* currentStep() const;

    std::unique_ptr<Ui::MainWindow> m_ui;
    ServerSession& m_session;
    LessonLibrary m_library;
    LessonRunner* m_runner = nullptr;
    QLabel* m_serverLabel = nullptr;
    int m_lesson = -1;
    int m_step = -1;
    QPair<int, int> m_runningStep { -1, -1 };
    QMap<QString, RunRecord> m_history; // "lesson/step" -> last run
    QMap<QString, StepOutcome> m_outcomes;
    QString m_currentStatement;
    QElapsedTimer m_statementTimer;
    QElapsedTimer m_progressTimer;
    QTimer m_tick;
    bool m_closeWhenIdle = false;
};

} // namespace locklab
