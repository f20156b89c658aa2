#include "core/tryout/TryRunner.h"

#include "core/run/LessonRunner.h"
#include "core/run/Verdict.h"

namespace locklab {

TryRunner::TryRunner(const ConnectionSettings& sandbox, QObject* parent)
    : QObject(parent)
    , m_sandbox(sandbox)
    , m_runner(new LessonRunner(TryPlan::connection(sandbox), this))
{
    // finished() carries a TryResult: registered here, as ProbePool and LockMonitor do theirs, so a queued
    // connection or a QSignalSpy can hold one.
    qRegisterMetaType<TryResult>();
    connect(m_runner, &LessonRunner::stepFinished, this, &TryRunner::onStepFinished);
}

TryRunner::~TryRunner() = default;

void TryRunner::setServerVersion(const QString& version)
{
    m_runner->setServerVersion(version);
}

bool TryRunner::start(const TryPlan& plan, QString* error)
{
    if (isBusy()) {
        *error = "A try is already running. Wait for it to finish or cancel it first.";
        return false;
    }
    if (!plan.ok()) {
        *error = plan.error;
        return false;
    }
    m_plan = plan;
    m_result = {};
    m_result.safeRewrite = plan.library.lessons.first().steps.at(TryPlan::Migrate).id == "safe-rewrite";
    m_cancelled = false;
    useExtensionSchemas({});
    if (!m_plan.extensions.isEmpty()) {
        emit stageChanged("Checking the sandbox database's extensions");
        m_lookup = new ExtensionLookup(m_sandbox, this);
        connect(m_lookup, &ExtensionLookup::finished, this, &TryRunner::onExtensions);
        m_lookup->start();
        return true;
    }
    if (!runStage(TryPlan::Prepare)) {
        *error = m_result.error;
        m_stage = -1;
        return false;
    }
    return true;
}

void TryRunner::useExtensionSchemas(const QStringList& schemas)
{
    if (schemas == m_extensionSchemas)
        return;
    m_extensionSchemas = schemas;
    m_runner->setSandbox(TryPlan::connection(m_sandbox, schemas));
}

void TryRunner::onExtensions(bool ok, const DatabaseExtensions& extensions, const QString& error)
{
    m_lookup->deleteLater();
    m_lookup = nullptr;
    QStringList refusals;
    if (!ok)
        refusals.append("The sandbox database's extensions could not be read: " + error);
    else
        refusals = m_plan.extensionRefusals(extensions.installedNames(), extensions.available);
    if (m_cancelled || !refusals.isEmpty()) {
        m_result.refused = !m_cancelled;
        m_result.error = m_cancelled ? QString("Cancelled before anything ran.") : refusals.join('\n');
        emit finished(m_result);
        return;
    }
    // Their types, functions and operator classes resolve where the extension put them.
    QStringList schemas;
    for (const NeededExtension& e : m_plan.extensions)
        schemas.append(extensions.installed.value(e.name));
    useExtensionSchemas(schemas);
    if (!runStage(TryPlan::Prepare)) {
        m_stage = -1;
        emit finished(m_result);
    }
}

bool TryRunner::runStage(int stage)
{
    m_stage = stage;
    static const QStringList words = { "Creating the tables and filling them", "Running the migration",
                                       "Dropping the try schema" };
    emit stageChanged(words.at(stage));
    if (stage == TryPlan::Migrate) {
        m_runner->setProbeSettings(m_plan.probes);
        emit migrationStarted();
    }
    QString error;
    if (!m_runner->runStep(m_plan.library, TryPlan::lessonId, stage, {}, &error)) {
        m_result.error = error;
        return false;
    }
    return true;
}

void TryRunner::cancel()
{
    if (!isBusy())
        return;
    m_cancelled = true;
    if (!m_lookup)
        m_runner->cancel();
}

void TryRunner::onStepFinished(const RunRecord& record, const StepOutcome& outcome)
{
    switch (m_stage) {
    case TryPlan::Prepare:
        if (!outcome.succeeded) {
            m_result.error = outcome.cancelled ? QString("Cancelled while the tables were being filled.")
                                               : "Creating or filling the tables failed: " + outcome.error;
            break;
        }
        if (!m_cancelled && runStage(TryPlan::Migrate))
            return;
        break;
    case TryPlan::Migrate:
        m_result.record = record;
        m_result.outcome = outcome;
        m_result.succeeded = outcome.succeeded;
        if (!outcome.succeeded)
            m_result.error = outcome.cancelled ? QString("Cancelled.") : outcome.error;
        m_result.verdict = Verdict::describe(RunSummary(record));
        m_result.comparison = PredictionCheck::compare(m_plan.prediction, record, m_plan.writeProbe, m_plan.probeTable);
        break;
    case TryPlan::Cleanup:
        m_stage = -1;
        if (!outcome.succeeded && m_result.error.isEmpty())
            m_result.error = "The try schema could not be dropped: " + outcome.error;
        emit finished(m_result);
        return;
    default:
        return;
    }
    // Whatever happened, the try schema goes.
    if (!runStage(TryPlan::Cleanup)) {
        m_stage = -1;
        emit finished(m_result);
    }
}

} // namespace locklab
