#include "cli/RunOutput.h"

#include "charts/ChartExporter.h"
#include "core/migration/StepOutcomeText.h"
#include "core/run/RunExporter.h"
#include "core/run/Verdict.h"
#include "core/run/WaitAccount.h"
#include "core/teach/PredictionResult.h"

#include <QDir>
#include <QJsonDocument>
#include <cstdio>

namespace locklab {

RunOutput::RunOutput(bool json)
    : m_json(json)
{
}

QStringList RunOutput::exportRecord(const RunSummary& summary, const QString& directory, const QStringList& formats,
                                    QStringList* errors)
{
    const RunRecord& record = summary.record();
    QStringList written;
    if (formats.isEmpty())
        return written;
    QDir dir(directory);
    if (!dir.mkpath(".")) {
        *errors << QString("Cannot create the directory %1 for the exports.").arg(directory);
        return written;
    }
    const QString base = ChartExporter::defaultFileName(record, ChartExporter::Format::Png).chopped(4);
    for (const QString& format : formats) {
        const QString path = dir.filePath(base + '.' + format);
        QString error;
        bool ok = false;
        if (format == "csv")
            ok = RunExporter::writeCsv(record, path, &error);
        else if (format == "json")
            ok = RunExporter::writeJson(summary, path, &error);
        else
            ok = ChartExporter::exportChart(record, path, ChartExporter::formatForPath(path), &error);
        if (ok)
            written << path;
        else
            *errors << error;
    }
    return written;
}

QString RunOutput::outcomeText(const StepOutcome& outcome)
{
    return StepOutcomeText::withServerMessage(outcome.summary, outcome, " ");
}

QString RunOutput::finishLine(const StepOutcome& outcome)
{
    const QString elapsed = QString::number((outcome.endMs - outcome.startMs) / 1000.0, 'f', 1) + " s";
    if (outcome.succeeded)
        return "  done in " + elapsed;
    return outcome.cancelled ? "  cancelled after " + elapsed : "  failed after " + elapsed;
}

void RunOutput::line(const QString& text)
{
    if (m_json)
        return;
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

void RunOutput::addSkipped(const QString& heading, const QString& stepId, const QString& reason)
{
    if (m_json) {
        m_skipped.append(QJsonObject { { "step_id", stepId }, { "reason", reason } });
        return;
    }
    line(heading);
    line("  Skipped: this step " + reason + ".");
}

void RunOutput::addStep(const QString& heading, const RunSummary& summary, const StepOutcome& outcome,
                        const QStringList& files)
{
    const RunRecord& record = summary.record();
    if (m_json) {
        QJsonObject step = RunExporter::toJson(summary);
        step.insert("summary", outcome.summary);
        step.insert("connection_lost", outcome.connectionLost);
        step.insert("files", QJsonArray::fromStringList(files));
        m_steps.append(step);
        return;
    }
    line(heading);
    for (const QString& warning : record.preflightWarnings)
        line("  Pre-flight warning: " + warning);
    line("  " + outcomeText(outcome));
    line("  " + Verdict::describe(summary));
    const QStringList waits = WaitAccount::lines(record);
    if (!waits.isEmpty()) {
        line("  Who waited for whom:");
        for (const QString& wait : waits)
            line("    " + wait);
    }
    for (const QString& file : files)
        line("  Wrote " + QDir::toNativeSeparators(file));
}

void RunOutput::addPrediction(const Prediction& prediction, const RunSummary& summary)
{
    if (prediction.isEmpty())
        return;
    const PredictionResult result = PredictionResult::evaluate(prediction, summary);
    const QString answer = result.hasMeasured() ? prediction.choices.at(result.measuredIndex).text : QString();
    if (m_json) {
        if (m_steps.isEmpty())
            return;
        QJsonArray choices;
        for (const PredictionChoice& choice : prediction.choices)
            choices.append(QJsonObject { { "id", choice.id }, { "text", choice.text } });
        QJsonObject step = m_steps.last().toObject();
        step.insert("prediction",
                    QJsonObject { { "question", prediction.question },
                                  { "choices", choices },
                                  { "measured",
                                    result.hasMeasured() ? QJsonValue(prediction.choices.at(result.measuredIndex).id)
                                                         : QJsonValue(QJsonValue::Null) },
                                  { "measured_text", result.measuredText } });
        m_steps.replace(m_steps.size() - 1, step);
        return;
    }
    line("  Predict: " + prediction.question);
    line("  Measured answer: " + (result.hasMeasured() ? answer : QString("none of the choices fits")) + ". "
         + result.measuredText);
}

void RunOutput::finish(bool succeeded)
{
    if (!m_json)
        return;
    m_document.insert("steps", m_steps);
    if (!m_skipped.isEmpty())
        m_document.insert("skipped", m_skipped);
    m_document.insert("succeeded", succeeded);
    std::fprintf(stdout, "%s", QJsonDocument(m_document).toJson(QJsonDocument::Indented).constData());
    std::fflush(stdout);
}

} // namespace locklab
