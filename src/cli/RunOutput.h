#pragma once

#include "core/lesson/StepTeaching.h"
#include "core/migration/MigrationWorker.h"
#include "core/run/RunSummary.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace locklab {

// What the runner prints on stdout and writes to --out: per step the
// verdict in words (Verdict::describe) or, with --json, one JSON document at
// the end holding every step's RunExporter::toJson; and per step the chart
// (ChartExporter) and the data (RunExporter) in the formats asked for.
class RunOutput
{
public:
    explicit RunOutput(bool json);

    // Writes the run in every format into `directory` (created when
    // missing), named like the window's exports. Returns the paths written;
    // problems go to *errors.
    static QStringList exportRecord(const RunSummary& summary, const QString& directory, const QStringList& formats,
                                    QStringList* errors);

    // One step done: printed now as text, or kept for the JSON document.
    void addStep(const QString& heading, const RunSummary& summary, const StepOutcome& outcome,
                 const QStringList& files);

    // A step not run because the server is too old for it: printed now, or
    // listed under "skipped" in the JSON document (never as a step, which
    // would read as a run).
    void addSkipped(const QString& heading, const QString& stepId, const QString& reason);

    // The step's prediction with the answer its run measured: a line of text,
    // or "prediction" in the last step's JSON. Nothing when there is none.
    void addPrediction(const Prediction& prediction, const RunSummary& summary);

    // Top-level fields of the JSON document ("command", "server", ...).
    void set(const QString& key, const QJsonValue& value) { m_document.insert(key, value); }
    // Text mode: a line on stdout. JSON mode: nothing (the document says it).
    void line(const QString& text);

    // JSON mode: prints the document with "steps" and "succeeded".
    void finish(bool succeeded);

    // The step's summary and the server's message, under the step's heading.
    static QString outcomeText(const StepOutcome& outcome);
    // The progress line's end: "  done in 1.2 s", "  failed after 0.3 s".
    static QString finishLine(const StepOutcome& outcome);

private:
    bool m_json;
    QJsonObject m_document;
    QJsonArray m_steps;
    QJsonArray m_skipped;
};

} // namespace locklab
