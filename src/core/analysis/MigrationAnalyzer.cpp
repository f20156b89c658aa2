#include "core/analysis/MigrationAnalyzer.h"

#include "core/analysis/AnalysisContext.h"
#include "core/analysis/AnalysisRules.h"
#include "core/analysis/ParseTree.h"
#include "core/analysis/PgParser.h"
#include "core/analysis/SandboxPolicy.h"
#include "core/analysis/StatementAnalyzer.h"

#include <optional>

namespace locklab {

namespace {

SourcePosition positionOf(const QByteArray& script, int offset)
{
    SourcePosition p;
    PgParser::lineColumn(script, offset, &p.line, &p.column);
    return p;
}

bool isSlow(const StatementAnalysis& s, const AnalysisContext& context, const QList<RuleHit>& hits)
{
    for (const RuleHit& h : hits) {
        if (h.rule == "backfill-in-one-statement")
            return true;
    }
    for (const PredictedLock& lock : s.locks) {
        if ((lock.effect == TableEffect::Scan || lock.effect == TableEffect::Rewrite) && !context.isNew(lock.table))
            return true;
    }
    return false;
}

// A lock that makes the application wait: it blocks its reads or writes.
const PredictedLock* blockingLock(const StatementAnalysis& s, const AnalysisContext& context)
{
    const PredictedLock* found = nullptr;
    for (const PredictedLock& lock : s.locks) {
        if ((blocksReads(lock.mode) || blocksWrites(lock.mode)) && !context.isNew(lock.table)
            && (!found || int(lock.mode) > int(found->mode)))
            found = &lock;
    }
    return found;
}

// State of one explicit transaction block, for the rules that span statements.
struct OpenTransaction
{
    int firstBlocking = 0; // statement that took the first blocking lock
    PredictedLock lock;
    bool reported = false;
};

} // namespace

QStringList MigrationAnalyzer::schemaTables(const QString& schemaSql)
{
    const AnalysisReport schema = analyze(schemaSql, {});
    QStringList tables;
    for (const StatementAnalysis& s : schema.statements) {
        if (s.command == "CREATE TABLE" && !s.locks.isEmpty())
            tables.append(AnalysisContext::key(s.locks.first().table));
    }
    return tables;
}

AnalysisReport MigrationAnalyzer::analyze(const QString& sql, const Options& options, const QString& fileName)
{
    AnalysisReport report;
    report.fileName = fileName;
    report.pgVersion = options.pgVersion;
    AnalysisContext context;
    context.pgVersion = options.pgVersion;
    context.sandbox = options.sandbox;
    context.sandboxSchema = options.sandboxSchema;
    context.installedExtensions = options.installedExtensions;
    if (!options.schemaSql.trimmed().isEmpty()) {
        AnalysisContext schemaContext;
        const QByteArray schemaBytes = options.schemaSql.toUtf8();
        QList<ParsedStatement> parsed;
        QString error;
        int errorOffset = -1;
        if (PgParser::parseScript(schemaBytes, &parsed, &error, &errorOffset)) {
            for (const ParsedStatement& p : parsed) {
                if (!p.ok)
                    continue;
                StatementAnalysis ignored;
                QList<RuleHit> hits;
                StatementAnalyzer(&schemaContext, &ignored, &hits).analyze(p.node);
            }
        }
        context.columnTypes = schemaContext.columnTypes;
        context.sandboxTables = schemaContext.createdTables;
        context.validatedNotNull = schemaContext.validatedNotNull;
    }

    const QByteArray script = sql.toUtf8();
    QList<ParsedStatement> parsed;
    QString splitError;
    int splitErrorOffset = -1;
    if (!PgParser::parseScript(script, &parsed, &splitError, &splitErrorOffset)) {
        StatementAnalysis s;
        s.index = 1;
        s.sql = sql.trimmed();
        s.parsed = false;
        s.parseError = splitError;
        s.errorPosition = positionOf(script, qMax(0, splitErrorOffset));
        report.statements.append(s);
        return report;
    }

    bool lockTimeoutReported = false;
    bool statementTimeoutReported = false;
    std::optional<OpenTransaction> transaction;
    for (int i = 0; i < parsed.size(); ++i) {
        const ParsedStatement& p = parsed.at(i);
        StatementAnalysis s;
        s.index = i + 1;
        s.position = positionOf(script, p.offset);
        s.sql = QString::fromUtf8(script.mid(p.offset, p.length)).trimmed();
        QList<RuleHit> hits;
        if (!p.ok) {
            s.parsed = false;
            s.parseError = p.error;
            s.errorPosition = positionOf(script, p.errorOffset >= 0 ? p.errorOffset : p.offset);
            newerSyntax(script, p, &s, &hits);
        } else {
            const QString type = ParseTree::nodeType(p.node);
            if (type == "TransactionStmt") {
                const QString kind = ParseTree::body(p.node).value("kind").toString();
                if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
                    if (context.inTransaction)
                        hits.append(
                            RuleHit { "transaction-nesting", "BEGIN inside a transaction that is already open" });
                    context.inTransaction = true;
                    transaction = OpenTransaction();
                } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK") {
                    if (!context.inTransaction)
                        hits.append(RuleHit { "transaction-nesting", "ends a transaction that is not open" });
                    context.inTransaction = false;
                    context.notValidInThisTransaction.clear();
                    transaction.reset();
                }
            }
            s.inTransaction = context.inTransaction && type != "TransactionStmt";
            StatementAnalyzer(&context, &s, &hits).analyze(p.node);
            s.refusal = SandboxPolicy::refusal(p.node, context);
        }
        s.inTransaction = s.inTransaction || (!s.parsed && context.inTransaction);
        if (s.inTransaction) {
            for (PredictedLock& lock : s.locks)
                lock.duration = LockDuration::UntilCommit;
        }
        if (!s.transactionAllowed && s.inTransaction)
            hits.append(RuleHit { "ban-concurrent-index-creation-in-transaction",
                                  QString("%1 cannot run inside a transaction block: it fails there").arg(s.command) });

        const PredictedLock* blocking = blockingLock(s, context);
        if (blocking && !context.lockTimeoutSet && !lockTimeoutReported) {
            lockTimeoutReported = true;
            hits.append(RuleHit { "require-lock-timeout",
                                  QString("waits for %1 on %2 with no lock_timeout set: queued behind any running "
                                          "transaction, it blocks everything queued behind it")
                                      .arg(LockModes::displayName(blocking->mode), blocking->table) });
        }
        if ((blocking || isSlow(s, context, hits)) && !context.statementTimeoutSet && !statementTimeoutReported) {
            statementTimeoutReported = true;
            hits.append(RuleHit { "require-statement-timeout", "no statement_timeout is set before this statement" });
        }
        if (transaction && !transaction->reported) {
            if (transaction->firstBlocking > 0 && isSlow(s, context, hits)) {
                transaction->reported = true;
                RuleHit held { "locks-held-until-commit",
                               QString("its %1 on %2 (statement %3) is held until COMMIT, through statement "
                                       "%4 (%5, %6)")
                                   .arg(LockModes::displayName(transaction->lock.mode), transaction->lock.table)
                                   .arg(transaction->firstBlocking)
                                   .arg(s.index)
                                   .arg(s.command, tableEffectName(s.strongestEffect())) };
                AnalysisFinding f { held.rule, false, transaction->firstBlocking,
                                    report.statements.at(transaction->firstBlocking - 1).position, held.message };
                report.findings.append(f);
            }
            if (transaction->firstBlocking == 0 && blocking) {
                transaction->firstBlocking = s.index;
                transaction->lock = *blocking;
            }
        }
        for (const RuleHit& h : hits) {
            const AnalysisRule* rule = AnalysisRules::instance().rule(h.rule);
            report.findings.append(
                AnalysisFinding { h.rule, rule ? rule->note : false, s.index, s.position, h.message });
        }
        report.statements.append(s);
    }
    if (context.inTransaction)
        report.findings.append(AnalysisFinding {
            "ban-uncommitted-transaction", true, 0, {}, "the file ends inside BEGIN without COMMIT" });
    return report;
}

void MigrationAnalyzer::newerSyntax(const QByteArray& script, const ParsedStatement& parsed,
                                    StatementAnalysis* statement, QList<RuleHit>* hits)
{
    if (!parsed.error.startsWith("syntax error"))
        return;
    const QByteArray text = script.mid(parsed.offset, parsed.length);
    const QList<ScanToken> tokens = PgParser::scan(text);
    QStringList words;
    for (const ScanToken& t : tokens)
        words.append(QString::fromUtf8(text.mid(t.start, t.end - t.start)).toUpper());
    for (const NewerSyntax& n : AnalysisRules::instance().newerSyntax()) {
        if (words.mid(0, n.startsWith.size()) != n.startsWith)
            continue;
        int at = n.startsWith.size();
        bool all = true;
        for (const QStringList& sequence : n.contains) {
            int found = -1;
            for (int i = at; i + sequence.size() <= words.size() && found < 0; ++i) {
                if (words.mid(i, sequence.size()) == sequence)
                    found = i;
            }
            if (found < 0) {
                all = false;
                break;
            }
            at = found + sequence.size();
        }
        if (!all)
            continue;
        // The table is the name after `tableAfter`, past IF EXISTS / ONLY, schema-qualified or not.
        QString table;
        int i = int(words.indexOf(n.tableAfter)) + 1;
        while (i > 0 && i < words.size() && QStringList { "IF", "EXISTS", "ONLY" }.contains(words.at(i)))
            ++i;
        const auto name = [&](int k) {
            QString w = QString::fromUtf8(text.mid(tokens.at(k).start, tokens.at(k).end - tokens.at(k).start));
            return w.startsWith('"') ? w.mid(1, w.size() - 2) : w.toLower();
        };
        if (i > 0 && i < words.size()) {
            table = name(i);
            if (i + 2 < words.size() && words.at(i + 1) == ".")
                table += "." + name(i + 2);
        }
        statement->newerSyntaxVersion = n.version;
        statement->command = n.startsWith.join(' ');
        const auto mode = LockModes::fromName(n.lock);
        const TableEffect effect = n.effect == "catalog" ? TableEffect::CatalogOnly
            : n.effect == "rows"                         ? TableEffect::Rows
            : n.effect == "scan"                         ? TableEffect::Scan
                                                         : TableEffect::Rewrite;
        if (mode && !table.isEmpty())
            statement->locks.append(PredictedLock { table, *mode, effect, LockDuration::Statement, false });
        statement->versionNotes.append(QString("PostgreSQL %1+: %2").arg(n.version).arg(n.explain));
        hits->append(
            RuleHit { "newer-syntax",
                      QString("uses syntax newer than the analyser knows (PostgreSQL %1: %2); analysed from what "
                              "it is known to do: measure it on a PostgreSQL %1 server")
                          .arg(n.version)
                          .arg(n.syntax) });
        return;
    }
}

} // namespace locklab
