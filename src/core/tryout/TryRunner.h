#pragma once

#include "core/migration/MigrationWorker.h"
#include "core/run/RunRecord.h"
#include "core/tryout/ExtensionLookup.h"
#include "core/tryout/PredictionCheck.h"
#include "core/tryout/TryPlan.h"

#include <QObject>

namespace locklab {

class LessonRunner;

struct TryResult
{
    bool succeeded = false;
    bool refused = false; // nothing ran: the sandbox lacks an extension the migration needs
    QString error;
    bool safeRewrite = false;
    RunRecord record; // of the migration step, as for a lesson step
    StepOutcome outcome;
    QList<StatementComparison> comparison;
    QString verdict;
};

// Runs a TryPlan through a LessonRunner of its own, like lesson steps:
// when the plan creates extensions, first a look at the sandbox's
// pg_extension (one not installed refuses the whole plan, nothing runs);
// then prepare (tables and rows, no probes), the migration (probes and lock
// monitor), then cleanup (the try schema is dropped, also after a failure or
// a cancel). Every connection has the try schema on its search_path. Lives
// on the GUI (or CLI main) thread and never blocks it.
class TryRunner : public QObject
{
    Q_OBJECT
public:
    explicit TryRunner(const ConnectionSettings& sandbox, QObject* parent = nullptr);
    ~TryRunner() override;

    void setServerVersion(const QString& version);
    LessonRunner* runner() const { return m_runner; }
    bool isBusy() const { return m_stage >= 0 || m_lookup; }
    bool inMigration() const { return m_stage == TryPlan::Migrate; }

    // False (with the reason) when busy or the plan has an error; nothing runs then.
    bool start(const TryPlan& plan, QString* error);
    void cancel();

signals:
    void stageChanged(const QString& what);
    void migrationStarted(); // the measured step begins: probes and lock monitor from here
    void finished(const locklab::TryResult& result);

private:
    void onStepFinished(const RunRecord& record, const StepOutcome& outcome);
    void onExtensions(bool ok, const DatabaseExtensions& extensions, const QString& error);
    bool runStage(int stage);
    void useExtensionSchemas(const QStringList& schemas);

    ConnectionSettings m_sandbox;
    LessonRunner* m_runner = nullptr;
    ExtensionLookup* m_lookup = nullptr; // while the sandbox's extensions are read
    QStringList m_extensionSchemas; // on the search_path after the try schema
    TryPlan m_plan;
    TryResult m_result;
    int m_stage = -1;
    bool m_cancelled = false;
};

} // namespace locklab

Q_DECLARE_METATYPE(locklab::TryResult)
