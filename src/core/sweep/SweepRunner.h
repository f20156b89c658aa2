#pragma once

#include "core/lesson/Lesson.h"
#include "core/migration/MigrationWorker.h"
#include "core/run/RunRecord.h"
#include "core/server/ConnectionSettings.h"

#include <QObject>
#include <QPointer>

namespace locklab {

class LessonRunner;
class VacuumTask;

// A step run at several table sizes, each from the same conditions: for
// every size the seed step (which drops, refills and resets the ledger),
// VACUUM ANALYZE, then the measured step; with the safe path chosen, the same
// again followed by every step of the safe lesson. Drives the given
// LessonRunner one step at a time through its signals (nothing blocks), one
// progress figure for the whole sweep, cancel at any point.
class SweepRunner : public QObject
{
    Q_OBJECT
public:
    struct Plan
    {
        QString lessonId; // the measured step's lesson ("not-null")
        int stepIndex = 0;
        QList<qint64> rows; // sizes, in the order run
        QString safeLessonId; // empty: no safe path
        QVariantMap parameters; // passed to the steps that declare them (batch size)
    };

    SweepRunner(LessonRunner* runner, const LessonLibrary& library, const ConnectionSettings& sandbox,
                QObject* parent = nullptr);
    ~SweepRunner() override;

    // Checks the whole plan first (lessons, steps, every size against the
    // seed's limits); false with *error and nothing started when it is wrong.
    bool start(const Plan& plan, QString* error);
    void cancel();
    bool isRunning() const { return m_running; }

    // The default sizes (10k, 100k, 1M) clipped to the seed's maximum.
    static QList<qint64> defaultRows(const LessonLibrary& library);
    // The seed lesson and its step index; nullptr when the library has none.
    static const Lesson* seedLesson(const LessonLibrary& library, int* stepIndex);
    // The series names the runs carry (RunRecord::sweepSeries).
    static QString riskySeriesName(const Lesson& lesson, const LessonStep& step);
    static QString safeSeriesName(const Lesson& lesson);

signals:
    // done of total tasks, and what runs now ("Seeding 100,000 rows").
    void progress(int done, int total, const QString& what);
    void runRecorded(const locklab::RunRecord& record);
    // The measured runs (seed runs left out), in order.
    void finished(const QList<locklab::RunRecord>& runs, bool cancelled, const QString& error);

private:
    struct Task
    {
        enum class Kind { Seed, Vacuum, Step } kind = Kind::Step;
        QString lessonId;
        int stepIndex = 0;
        qint64 rows = 0;
        QString series; // for measured steps
    };

    void next();
    void onStepFinished(const RunRecord& record, const StepOutcome& outcome);
    void finish(const QString& error);

    LessonRunner* m_runner;
    LessonLibrary m_library;
    ConnectionSettings m_sandbox;
    QList<Task> m_tasks;
    int m_index = 0;
    QList<RunRecord> m_runs;
    QVariantMap m_parameters;
    VacuumTask* m_vacuum = nullptr;
    bool m_running = false;
    bool m_cancelled = false;
};

} // namespace locklab
