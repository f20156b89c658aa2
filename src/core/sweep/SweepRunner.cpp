#include "core/sweep/SweepRunner.h"

#include "core/lesson/CountParser.h"
#include "core/migration/StepPlanner.h"
#include "core/run/LessonRunner.h"
#include "core/sweep/VacuumTask.h"

namespace locklab {

namespace {
const QString kRowsParameter = QStringLiteral("rows");

} // namespace

SweepRunner::SweepRunner(LessonRunner* runner, const LessonLibrary& library, const ConnectionSettings& sandbox,
                         QObject* parent)
    : QObject(parent)
    , m_runner(runner)
    , m_library(library)
    , m_sandbox(sandbox)
{
    connect(m_runner, &LessonRunner::stepFinished, this, &SweepRunner::onStepFinished);
}

SweepRunner::~SweepRunner() = default;

const Lesson* SweepRunner::seedLesson(const LessonLibrary& library, int* stepIndex)
{
    for (const Lesson& lesson : library.lessons) {
        for (int i = 0; i < lesson.steps.size(); ++i) {
            if (lesson.steps.at(i).kind == StepKind::Seed && lesson.steps.at(i).parameter(kRowsParameter)) {
                *stepIndex = i;
                return &lesson;
            }
        }
    }
    return nullptr;
}

QList<qint64> SweepRunner::defaultRows(const LessonLibrary& library)
{
    QList<qint64> rows { 10000, 100000, 1000000 };
    int index = 0;
    const Lesson* seed = seedLesson(library, &index);
    if (!seed)
        return rows;
    const LessonParameter* limits = seed->steps.at(index).parameter(kRowsParameter);
    QList<qint64> result;
    for (qint64 r : rows) {
        if (r >= limits->minimum && r <= limits->maximum)
            result << r;
    }
    return result;
}

QString SweepRunner::riskySeriesName(const Lesson& lesson, const LessonStep& step)
{
    return step.title.isEmpty() ? lesson.title : step.title;
}

QString SweepRunner::safeSeriesName(const Lesson& lesson)
{
    return QStringLiteral("%1 (all %2 steps)").arg(lesson.title).arg(lesson.steps.size());
}

bool SweepRunner::start(const Plan& plan, QString* error)
{
    if (m_running || m_runner->isBusy()) {
        *error = QStringLiteral("A step is running: wait for it or cancel it first.");
        return false;
    }
    int seedIndex = 0;
    const Lesson* seed = seedLesson(m_library, &seedIndex);
    if (!seed) {
        *error = QStringLiteral("The lessons have no seed step with a 'rows' parameter to re-seed between sizes.");
        return false;
    }
    const Lesson* lesson = m_library.lesson(plan.lessonId);
    if (!lesson || plan.stepIndex < 0 || plan.stepIndex >= lesson->steps.size()) {
        *error = QStringLiteral("No lesson '%1' with a step %2 to sweep.").arg(plan.lessonId).arg(plan.stepIndex + 1);
        return false;
    }
    const Lesson* safe = plan.safeLessonId.isEmpty() ? nullptr : m_library.lesson(plan.safeLessonId);
    if (!plan.safeLessonId.isEmpty() && !safe) {
        *error = QStringLiteral("No lesson '%1' for the safe path.").arg(plan.safeLessonId);
        return false;
    }
    if (plan.rows.size() < 2) {
        *error = QStringLiteral("A sweep needs at least two sizes (for example 10k,100k,1M).");
        return false;
    }
    const LessonStep& seedStep = seed->steps.at(seedIndex);
    for (qint64 rows : plan.rows) {
        if (!StepPlanner::validateParameters(seedStep, { { kRowsParameter, rows } }, error))
            return false;
    }

    m_tasks.clear();
    const auto addSize = [&](qint64 rows, const Lesson& measured, int from, int to, const QString& series) {
        m_tasks << Task { Task::Kind::Seed, seed->id, seedIndex, rows, QString() };
        m_tasks << Task { Task::Kind::Vacuum, QString(), 0, rows, QString() };
        for (int i = from; i < to; ++i)
            m_tasks << Task { Task::Kind::Step, measured.id, i, rows, series };
    };
    const QString riskyName = riskySeriesName(*lesson, lesson->steps.at(plan.stepIndex));
    for (qint64 rows : plan.rows) {
        addSize(rows, *lesson, plan.stepIndex, plan.stepIndex + 1, riskyName);
        if (safe)
            addSize(rows, *safe, 0, int(safe->steps.size()), safeSeriesName(*safe));
    }
    m_parameters = plan.parameters;
    m_index = 0;
    m_runs.clear();
    m_cancelled = false;
    m_running = true;
    next();
    return true;
}

void SweepRunner::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_runner->isBusy())
        m_runner->cancel(); // onStepFinished() ends the sweep
    else if (!m_vacuum)
        finish(QString());
    // A running VACUUM is let finish (it is harmless); its end ends the sweep.
}

void SweepRunner::next()
{
    if (m_cancelled || m_index >= m_tasks.size()) {
        finish(QString());
        return;
    }
    const Task& task = m_tasks.at(m_index);
    switch (task.kind) {
    case Task::Kind::Seed:
        emit progress(m_index, int(m_tasks.size()),
                      QStringLiteral("Seeding %1 rows").arg(CountParser::format(task.rows)));
        break;
    case Task::Kind::Vacuum:
        emit progress(m_index, int(m_tasks.size()),
                      QStringLiteral("VACUUM ANALYZE after seeding %1 rows").arg(CountParser::format(task.rows)));
        m_vacuum = new VacuumTask(m_sandbox, this);
        connect(m_vacuum, &VacuumTask::finished, this, [this](bool ok, const QString& error) {
            m_vacuum->deleteLater();
            m_vacuum = nullptr;
            if (!ok) {
                finish(QStringLiteral("VACUUM ANALYZE failed: %1").arg(error));
                return;
            }
            ++m_index;
            next();
        });
        m_vacuum->start();
        return;
    case Task::Kind::Step:
        emit progress(m_index, int(m_tasks.size()),
                      QStringLiteral("%1 on %2 rows").arg(task.series, CountParser::format(task.rows)));
        break;
    }
    const Lesson* lesson = m_library.lesson(task.lessonId);
    const LessonStep& step = lesson->steps.at(task.stepIndex);
    QVariantMap parameters;
    if (task.kind == Task::Kind::Seed) {
        parameters.insert(kRowsParameter, task.rows);
    } else {
        for (auto it = m_parameters.cbegin(); it != m_parameters.cend(); ++it) {
            if (step.parameter(it.key()))
                parameters.insert(it.key(), it.value());
        }
    }
    QString error;
    if (!m_runner->runStep(m_library, task.lessonId, task.stepIndex, parameters, &error))
        finish(error);
}

void SweepRunner::onStepFinished(const RunRecord& record, const StepOutcome& outcome)
{
    if (!m_running || m_index >= m_tasks.size())
        return;
    const Task task = m_tasks.at(m_index);
    if (!outcome.succeeded) {
        finish(outcome.cancelled || m_cancelled ? QString()
                                                : QStringLiteral("%1 failed: %2").arg(record.stepTitle, outcome.error));
        return;
    }
    if (task.kind == Task::Kind::Step) {
        RunRecord measured = record;
        measured.sweepSeries = task.series;
        measured.rowCount = task.rows;
        m_runs << measured;
        emit runRecorded(measured);
    }
    ++m_index;
    // After every other receiver of stepFinished has seen this step end.
    QMetaObject::invokeMethod(this, &SweepRunner::next, Qt::QueuedConnection);
}

void SweepRunner::finish(const QString& error)
{
    if (!m_running)
        return;
    m_running = false;
    emit progress(m_index, int(m_tasks.size()), m_cancelled ? QStringLiteral("Cancelled") : QStringLiteral("Done"));
    emit finished(m_runs, m_cancelled, error);
}

} // namespace locklab
