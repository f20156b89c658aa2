#pragma once

#include "core/migration/MigrationWorker.h"
#include "core/migration/SchemaSnapshot.h"
#include "core/run/LessonRunner.h"
#include "core/run/RunRecord.h"

#include <QObject>
#include <functional>

namespace locklab {

// Runs lesson steps one after the other through a LessonRunner, as the
// window does, and waits for each in a local event loop (the probes, the
// lock monitor and the runner's timers need one). interrupt() (the CLI
// connects Ctrl-C, SIGTERM and SIGHUP to it) cancels the running step
// cleanly: the runner cancels the statement in flight and rolls back, the
// step ends cancelled, and interrupted() tells the caller to run nothing more.
class StepDriver : public QObject
{
    Q_OBJECT
public:
    explicit StepDriver(LessonRunner* runner, QObject* parent = nullptr);

    struct Result
    {
        bool started = false; // false: runStep refused (error says why)
        QString error;
        RunRecord record;
        StepOutcome outcome;
        SchemaSnapshot snapshot; // read after the step
        bool ok() const { return started && outcome.succeeded; }
    };

    // Runs the step and waits for it, then reads the snapshot again, so the
    // runner knows the tables as the step left them (the next step's record
    // takes the main table's row count from there).
    Result run(const Lesson& lesson, const LessonStep& step, const QMap<QString, Migration>& catalog,
               const QVariantMap& parameters);
    Result run(const LessonLibrary& library, const QString& lessonId, int stepIndex, const QVariantMap& parameters);

    // Reads the schema and ledger again (the exact row counts of the runner's tables included).
    SchemaSnapshot snapshot();

    void interrupt();
    bool interrupted() const { return m_interrupted; }

private:
    Result runWith(const std::function<bool(QString*)>& start);

    LessonRunner* m_runner;
    bool m_interrupted = false;
};

} // namespace locklab
