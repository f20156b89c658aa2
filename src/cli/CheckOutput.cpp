#include "cli/CheckOutput.h"

#include "core/analysis/AnalysisRules.h"

#include <QJsonArray>
#include <QSet>

namespace locklab {

namespace {
QString location(const AnalysisReport& report, const SourcePosition& p)
{
    return QString("%1:%2:%3").arg(report.fileName.isEmpty() ? "-" : report.fileName).arg(p.line).arg(p.column);
}

QString indent(const QString& text, const QString& prefix)
{
    QStringList lines = text.split('\n');
    for (QString& line : lines)
        line = prefix + line;
    return lines.join('\n');
}

// GitHub workflow commands: data escapes %, CR, LF; properties also ':' and ','.
QString escapeData(QString s)
{
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
}
QString escapeProperty(QString s)
{
    return escapeData(s).replace(":", "%3A").replace(",", "%2C");
}
} // namespace

QString CheckOutput::lockSummary(const PredictedLock& lock)
{
    QString text = QString("%1 on %2%3 (blocks %4), %5")
                       .arg(LockModes::displayName(lock.mode), lock.onIndex ? "the table of index " : "", lock.table,
                            blockedActivity(lock.mode), tableEffectName(lock.effect));
    text += lock.duration == LockDuration::UntilCommit ? ", held until COMMIT" : ", held for the statement";
    return text;
}

QString CheckOutput::text(const AnalysisReport& report, bool strict)
{
    QStringList out;
    out.append(QString("%1: %2 statement(s)%3")
                   .arg(report.fileName.isEmpty() ? "-" : report.fileName)
                   .arg(report.statements.size())
                   .arg(report.pgVersion > 0 ? QString(", notes for PostgreSQL %1").arg(report.pgVersion) : QString()));
    for (const StatementAnalysis& s : report.statements) {
        const QString head = QString("  %1 [line %2] ").arg(s.index).arg(s.position.line);
        if (!s.parsed && s.newerSyntaxVersion == 0) {
            out.append(head
                       + QString("does not parse: %1 (line %2, column %3)")
                             .arg(s.parseError)
                             .arg(s.errorPosition.line)
                             .arg(s.errorPosition.column));
            continue;
        }
        out.append(head + s.command + (s.inTransaction ? " (in a transaction block)" : ""));
        for (const PredictedLock& lock : s.locks)
            out.append("      " + lockSummary(lock));
        if (!s.transactionAllowed)
            out.append("      cannot run inside a transaction block");
        for (const QString& note : s.versionNotes)
            out.append("      version: " + note);
        for (const QString& remark : s.remarks)
            out.append("      " + remark);
    }
    QSet<QString> explained;
    for (const AnalysisFinding& f : report.findings) {
        const AnalysisRule* rule = AnalysisRules::instance().rule(f.rule);
        const QString kind = f.note ? (strict ? "note (strict)" : "note") : "finding";
        out.append(QString("%1: %2 %3: %4%5")
                       .arg(location(report, f.position), kind, f.rule,
                            f.statement > 0 ? QString("statement %1: ").arg(f.statement) : QString(), f.message));
        if (rule && !explained.contains(f.rule)) {
            explained.insert(f.rule);
            out.append("    why: " + rule->why);
            if (!rule->rewrite.isEmpty())
                out.append("    safe rewrite:\n" + indent(rule->rewrite, "      "));
            if (!rule->lesson.isEmpty())
                out.append("    shown in: " + rule->lesson);
        }
    }
    const int findings = report.findingCount(false);
    const int notes = report.findingCount(true) - findings;
    out.append(QString("%1 finding(s), %2 note(s)%3.")
                   .arg(findings)
                   .arg(notes)
                   .arg(report.hasParseErrors() ? ", parse errors" : ""));
    return out.join('\n') + '\n';
}

QString CheckOutput::github(const AnalysisReport& report, bool strict)
{
    QStringList out;
    const QString file = escapeProperty(report.fileName);
    for (const StatementAnalysis& s : report.statements) {
        if (!s.parsed && s.newerSyntaxVersion == 0)
            out.append(QString("::error file=%1,line=%2,col=%3,title=syntax error::%4")
                           .arg(file)
                           .arg(s.errorPosition.line)
                           .arg(s.errorPosition.column)
                           .arg(escapeData(s.parseError)));
    }
    for (const AnalysisFinding& f : report.findings) {
        const AnalysisRule* rule = AnalysisRules::instance().rule(f.rule);
        QString message = f.message;
        if (rule && !rule->rewrite.isEmpty())
            message += "\n\nSafe rewrite:\n" + rule->rewrite;
        const QString level = f.note ? (strict ? "warning" : "notice") : "error";
        out.append(QString("::%1 file=%2,line=%3,col=%4,title=%5::%6")
                       .arg(level, file)
                       .arg(f.position.line)
                       .arg(f.position.column)
                       .arg(escapeProperty(f.rule), escapeData(message)));
    }
    return out.isEmpty() ? QString() : out.join('\n') + '\n';
}

QJsonObject CheckOutput::json(const AnalysisReport& report)
{
    QJsonArray statements;
    for (const StatementAnalysis& s : report.statements) {
        QJsonArray locks;
        for (const PredictedLock& l : s.locks)
            locks.append(
                QJsonObject { { "table", l.table },
                              { "onIndex", l.onIndex },
                              { "mode", LockModes::displayName(l.mode) },
                              { "blocks", blockedActivity(l.mode) },
                              { "effect", tableEffectName(l.effect) },
                              { "held", l.duration == LockDuration::UntilCommit ? "until COMMIT" : "statement" } });
        QJsonObject o { { "index", s.index },
                        { "line", s.position.line },
                        { "column", s.position.column },
                        { "sql", s.sql },
                        { "command", s.command },
                        { "parsed", s.parsed },
                        { "inTransaction", s.inTransaction },
                        { "transactionAllowed", s.transactionAllowed },
                        { "locks", locks },
                        { "versionNotes", QJsonArray::fromStringList(s.versionNotes) },
                        { "remarks", QJsonArray::fromStringList(s.remarks) } };
        if (!s.parsed) {
            o.insert("error", s.parseError);
            o.insert("errorLine", s.errorPosition.line);
            o.insert("errorColumn", s.errorPosition.column);
        }
        if (s.newerSyntaxVersion > 0)
            o.insert("newerSyntaxVersion", s.newerSyntaxVersion);
        if (!s.refusal.isEmpty())
            o.insert("sandboxRefusal", s.refusal);
        statements.append(o);
    }
    QJsonArray findings;
    for (const AnalysisFinding& f : report.findings) {
        const AnalysisRule* rule = AnalysisRules::instance().rule(f.rule);
        findings.append(QJsonObject { { "rule", f.rule },
                                      { "kind", f.note ? "note" : "finding" },
                                      { "statement", f.statement },
                                      { "line", f.position.line },
                                      { "column", f.position.column },
                                      { "message", f.message },
                                      { "why", rule ? rule->why : QString() },
                                      { "rewrite", rule ? rule->rewrite : QString() },
                                      { "lesson", rule ? rule->lesson : QString() } });
    }
    return { { "file", report.fileName },
             { "pgVersion", report.pgVersion },
             { "statements", statements },
             { "findings", findings },
             { "parseErrors", report.hasParseErrors() } };
}

} // namespace locklab
