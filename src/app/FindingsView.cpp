#include "app/FindingsView.h"

#include "core/analysis/AnalysisRules.h"
#include "core/run/Verdict.h"

namespace locklab {

namespace {
QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

// A statement on one line, cut at a word when it is long, so a cell never
// ends in the middle of a name ("CHECK ("sta").
QString statementText(const QString& sql)
{
    constexpr int kLongest = 160;
    const QString s = sql.simplified();
    if (s.size() <= kLongest)
        return esc(s);
    const qsizetype cut = s.lastIndexOf(' ', kLongest);
    return esc(s.left(cut > kLongest / 2 ? cut : kLongest)) + " …";
}
} // namespace

FindingsView::FindingsView(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenExternalLinks(false);
    setObjectName("findingsView");
    // Everything in it wraps (tables, code, pre-wrap); a stale horizontal bar only hid the last line.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
}

QString FindingsView::reportHtml(const AnalysisReport& report)
{
    QString html;
    const int findings = report.findingCount(false);
    const int notes = report.findingCount(true) - findings;
    html += QString("<h3>Prediction: %1 statement(s), %2 finding(s), %3 note(s)</h3>")
                .arg(report.statements.size())
                .arg(findings)
                .arg(notes);
    html += "<table cellspacing='0' cellpadding='3' border='1' style='border-collapse:collapse' width='100%'>"
            "<tr><th>#</th><th>Statement</th><th>Locks (held)</th><th>Effect</th></tr>";
    for (const StatementAnalysis& s : report.statements) {
        QString locks, effect;
        if (!s.parsed && s.newerSyntaxVersion == 0) {
            locks = QString("<span style='color:#b00020'>does not parse: %1 (line %2, column %3)</span>")
                        .arg(esc(s.parseError))
                        .arg(s.errorPosition.line)
                        .arg(s.errorPosition.column);
        } else {
            QStringList parts;
            for (const PredictedLock& l : s.locks)
                parts.append(QString("<b>%1</b> on %2 — blocks %3; %4")
                                 .arg(LockModes::displayName(l.mode), esc(l.table), blockedActivity(l.mode),
                                      l.duration == LockDuration::UntilCommit ? "until COMMIT" : "for the statement"));
            locks = parts.join("<br>");
            effect = s.locks.isEmpty() ? QString() : tableEffectName(s.strongestEffect());
            if (!s.transactionAllowed)
                effect += "<br><i>not in a transaction block</i>";
            if (s.newerSyntaxVersion > 0)
                effect += QString("<br><i>PostgreSQL %1 syntax</i>").arg(s.newerSyntaxVersion);
            for (const QString& v : s.versionNotes)
                effect += "<br><small>" + esc(v) + "</small>";
        }
        if (!s.refusal.isEmpty())
            locks += "<br><span style='color:#b00020'>refused in the sandbox: " + esc(s.refusal) + "</span>";
        html += QString("<tr><td>%1</td><td><code>%2</code></td><td>%3</td><td>%4</td></tr>")
                    .arg(s.index)
                    .arg(statementText(s.sql), locks, effect);
    }
    html += "</table>";
    QSet<QString> explained;
    for (const AnalysisFinding& f : report.findings) {
        const AnalysisRule* rule = AnalysisRules::instance().rule(f.rule);
        const QString color = f.note ? "#555555" : "#b00020";
        html += QString("<p><span style='color:%1'><b>%2 %3</b></span> (statement %4, line %5): %6</p>")
                    .arg(color, f.note ? "Note" : "Finding", esc(f.rule))
                    .arg(f.statement)
                    .arg(f.position.line)
                    .arg(esc(f.message));
        if (rule && !explained.contains(f.rule)) {
            explained.insert(f.rule);
            html += "<blockquote><b>Why:</b> " + esc(rule->why);
            if (!rule->rewrite.isEmpty())
                html += "<br><b>Safe rewrite:</b><pre style='white-space: pre-wrap'>" + esc(rule->rewrite) + "</pre>";
            if (!rule->lesson.isEmpty())
                html += "<b>Shown in:</b> " + esc(rule->lesson);
            html += "</blockquote>";
        }
    }
    if (report.findings.isEmpty())
        html += "<p>No findings: nothing in this migration is known to block reads or writes for long.</p>";
    return html;
}

void FindingsView::showReport(const AnalysisReport& report)
{
    setHtml(reportHtml(report));
}

QString FindingsView::comparisonHtml(const QString& title, const QList<StatementComparison>& rows,
                                     const QString& verdict, const QString& error)
{
    QString html = QString("<h3>%1: predicted and measured</h3>").arg(esc(title));
    if (!error.isEmpty())
        html += "<p style='color:#b00020'>" + esc(error) + "</p>";
    html += "<table cellspacing='0' cellpadding='3' border='1' style='border-collapse:collapse' width='100%'>"
            "<tr><th>#</th><th>Statement</th><th>Predicted</th><th>Measured</th></tr>";
    for (const StatementComparison& r : rows) {
        const QString style = r.contradiction ? " style='background:#fde2e2'" : "";
        html += QString("<tr%1><td>%2</td><td><code>%3</code></td><td>%4</td><td>%5%6</td></tr>")
                    .arg(style)
                    .arg(r.statement)
                    .arg(statementText(r.sql), esc(r.predicted), esc(r.measured),
                         r.contradiction ? "<br><b style='color:#b00020'>Contradicts the prediction</b>" : "");
    }
    html += "</table>";
    const int contradictions = PredictionCheck::contradictions(rows);
    html += contradictions > 0
        ? QString("<p style='color:#b00020'><b>%1 prediction(s) contradicted by the measurement.</b></p>")
              .arg(contradictions)
        : QString("<p>The measurement agrees with the prediction.</p>");
    html += "<p>" + esc(verdict) + "</p>";
    return html;
}

void FindingsView::showComparison(const QString& title, const QList<StatementComparison>& rows, const QString& verdict,
                                  const QString& error)
{
    setHtml(comparisonHtml(title, rows, verdict, error));
}

void FindingsView::showComparisonOfRuns(const TryResult& first, const TryResult& second, const QString& firstHtml,
                                        const QString& secondHtml)
{
    QString html = "<h3>Your migration and the safe rewrite, on the same tables</h3>"
                   "<table cellspacing='0' cellpadding='4' border='1' style='border-collapse:collapse' width='100%'>"
                   "<tr><th>Run</th><th>Probes</th><th>Migration took</th><th>Prediction</th></tr>";
    const auto row = [](const QString& name, const TryResult& r) {
        const int contradictions = PredictionCheck::contradictions(r.comparison);
        return QString("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
            .arg(name, esc(Verdict::headline(RunSummary(r.record))),
                 Verdict::formatSeconds(r.record.migrationEndMs - r.record.migrationStartMs),
                 contradictions ? QString("<b style='color:#b00020'>%1 contradicted</b>").arg(contradictions)
                                : QString("agrees"));
    };
    html += row("Your migration", first) + row("The safe rewrite", second) + "</table>";
    setHtml(html + secondHtml + "<hr>" + firstHtml);
}

} // namespace locklab
