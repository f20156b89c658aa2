#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace locklab {

// One test of a run metric: "reads_blocked_ms at least 500". Both bounds may
// be given; `atLeast` is inclusive, `below` exclusive.
struct MetricCondition
{
    QString metric; // a name RunMetrics knows, e.g. "reads_blocked_ms"
    std::optional<double> atLeast;
    std::optional<double> below;
};

// One answer the attendee may pick. After the run, the first choice (in
// order) whose conditions all hold on the run's numbers is the measured
// answer; a choice without conditions always holds (a catch-all, put last).
struct PredictionChoice
{
    QString id; // unique within the prediction, e.g. "until-commit"
    QString text; // "wait for the whole migration, until COMMIT"
    QList<MetricCondition> when;
};

// The question an attendee answers before pressing Run.
struct Prediction
{
    QString question; // "While 0003 runs, reads on large_user will..."
    QList<PredictionChoice> choices;
    // Sentence with the run's numbers shown beside the answer, with {metric}
    // placeholders: "Reads waited {reads_blocked_ms} in all."
    QString measured;

    bool isEmpty() const { return question.isEmpty(); }
};

// One file of the Django code of a step ("demoapp/models.py", the migration).
struct DjangoFile
{
    QString path; // as it sits in the Django project: demoapp/migrations/0004_....py
    QString language; // "python" (default), "sql" or "shell"
    QString code;
};

// The Django code that produces exactly the SQL of a step.
struct DjangoCode
{
    QString minVersion; // "4.0": the oldest version that has every operation used
    QString about; // Markdown: why these operations, the deploy order
    QList<DjangoFile> files;

    bool isEmpty() const { return files.isEmpty(); }
};

// A note that holds for some PostgreSQL major versions only: [fromMajor, beforeMajor).
struct VersionNote
{
    int fromMajor = 0; // 0: no lower bound
    int beforeMajor = 0; // 0: no upper bound
    QString text; // Markdown

    bool appliesTo(int major) const
    {
        return (fromMajor == 0 || major >= fromMajor) && (beforeMajor == 0 || major < beforeMajor);
    }
};

// What to expect at a table size: the first note whose `belowRows` is above
// the table's row count applies (0: any size, put last).
struct SizeNote
{
    qint64 belowRows = 0;
    QString text; // Markdown
};

// Everything a step teaches besides its explanation (see "How a lesson step
// teaches" in DESIGN.md). All parts are optional in the format; the built-in
// lessons give all of them.
struct StepTeaching
{
    Prediction prediction;
    DjangoCode django;
    QList<VersionNote> versionNotes;
    QList<SizeNote> sizeNotes;
    QString answer; // Markdown: answers the explanation's question; shown after the run
    QString instructorNotes; // Markdown: what to point at; collapsed by default
};

// An extra page of a lesson (a production checklist), opened from the step view.
struct LessonPage
{
    QString title;
    QString text; // Markdown
};

} // namespace locklab
