#include "core/tryout/SafeRewriter.h"

#include "core/analysis/ParseTree.h"
#include "core/analysis/PgParser.h"

namespace locklab {

using namespace ParseTree;

namespace {

QString quoted(const QString& identifier)
{
    QString s = identifier;
    return '"' + s.replace('"', "\"\"") + '"';
}

QString relation(const QJsonObject& rangeVar)
{
    const QString schema = rangeVar.value("schemaname").toString();
    return (schema.isEmpty() ? QString() : quoted(schema) + ".") + quoted(rangeVar.value("relname").toString());
}

struct Tokens
{
    QByteArray text;
    QList<ScanToken> list;
    QString word(int i) const
    {
        return QString::fromUtf8(text.mid(list.at(i).start, list.at(i).end - list.at(i).start)).toUpper();
    }
    int find(const QString& w, int from = 0) const
    {
        for (int i = from; i < list.size(); ++i) {
            if (word(i) == w)
                return i;
        }
        return -1;
    }
};

bool hasRule(const QList<AnalysisFinding>& findings, int statement, const QString& rule)
{
    for (const AnalysisFinding& f : findings) {
        if (f.statement == statement && f.rule == rule)
            return true;
    }
    return false;
}

SqlStatement plain(const QString& sql)
{
    SqlStatement s;
    s.sql = sql;
    return s;
}

} // namespace

SafeRewrite SafeRewriter::rewrite(const QString& sql, const AnalysisReport& report,
                                  const QMap<QString, QString>& keyColumns, const QString& batchSizeParameter)
{
    SafeRewrite result;
    const QByteArray script = sql.toUtf8();
    QList<ParsedStatement> parsed;
    QString error;
    int errorOffset = -1;
    if (!PgParser::parseScript(script, &parsed, &error, &errorOffset) || parsed.size() != report.statements.size()) {
        result.changes.append("The migration does not parse, so there is no rewrite.");
        return result;
    }
    result.statements.append(plain("SET lock_timeout = '5s'"));
    result.changes.append("Each statement runs on its own (no transaction block around a strong lock), with a "
                          "lock_timeout.");
    for (int i = 0; i < parsed.size(); ++i) {
        const ParsedStatement& p = parsed.at(i);
        const StatementAnalysis& s = report.statements.at(i);
        const int n = s.index;
        const QString text = s.sql;
        if (!p.ok) {
            result.statements.append(plain(text));
            continue;
        }
        const QString type = nodeType(p.node);
        const QJsonObject fields = body(p.node);
        Tokens tokens { script.mid(p.offset, p.length), {} };
        tokens.list = PgParser::scan(tokens.text);
        if (type == "TransactionStmt" || type == "ConstraintsSetStmt")
            continue;
        if (type == "VariableSetStmt" && fields.value("name").toString() == "lock_timeout")
            continue;
        if (type == "IndexStmt" && hasRule(report.findings, n, "require-concurrent-index-creation")) {
            const int at = tokens.find("INDEX");
            QString rewritten = QString::fromUtf8(tokens.text.left(tokens.list.at(at).end)) + " CONCURRENTLY"
                + QString::fromUtf8(tokens.text.mid(tokens.list.at(at).end));
            result.statements.append(plain(rewritten.trimmed()));
            result.changes.append(QString("Statement %1: CREATE INDEX CONCURRENTLY.").arg(n));
            continue;
        }
        if (type == "DropStmt" && hasRule(report.findings, n, "require-concurrent-index-deletion")) {
            const int at = tokens.find("INDEX");
            result.statements.append(plain(QString::fromUtf8(tokens.text.left(tokens.list.at(at).end)) + " CONCURRENTLY"
                                           + QString::fromUtf8(tokens.text.mid(tokens.list.at(at).end))));
            result.changes.append(QString("Statement %1: DROP INDEX CONCURRENTLY.").arg(n));
            continue;
        }
        if (type == "ReindexStmt" && hasRule(report.findings, n, "require-concurrent-reindex")) {
            const QString kind = fields.value("kind").toString() == "REINDEX_OBJECT_INDEX" ? "INDEX" : "TABLE";
            result.statements.append(
                plain(QString("REINDEX %1 CONCURRENTLY %2").arg(kind, relation(fields.value("relation").toObject()))));
            result.changes.append(QString("Statement %1: REINDEX CONCURRENTLY.").arg(n));
            continue;
        }
        if ((type == "UpdateStmt" || type == "DeleteStmt")
            && hasRule(report.findings, n, "backfill-in-one-statement")) {
            const QJsonObject rel = fields.value("relation").toObject();
            const QString key = keyColumns.value(rel.value("relname").toString().toLower());
            if (key.isEmpty() || fields.contains("returningList") || fields.contains("fromClause")
                || fields.contains("usingClause") || fields.contains("withClause")) {
                result.statements.append(plain(text));
                result.changes.append(QString("Statement %1 is kept: no integer key to batch it by.").arg(n));
                continue;
            }
            const QString alias = rel.value("alias").toObject().value("aliasname").toString();
            const QString column = (alias.isEmpty() ? QString() : quoted(alias) + ".") + quoted(key);
            const QString range = QString("%1 BETWEEN :first AND :last").arg(column);
            QString batched;
            const int where = tokens.find("WHERE");
            if (where < 0) {
                batched = text + " WHERE " + range;
            } else {
                const int from = tokens.list.at(where).end;
                batched = QString::fromUtf8(tokens.text.left(from)) + " ("
                    + QString::fromUtf8(tokens.text.mid(from)).trimmed() + ") AND " + range;
            }
            SqlStatement b;
            b.sql = batched;
            b.batched = true;
            b.batchTable = rel.value("relname").toString();
            b.batchKey = key;
            b.batchSizeParameter = batchSizeParameter;
            result.statements.append(b);
            result.changes.append(QString("Statement %1: in batches over %2, each batch committed.").arg(n).arg(key));
            continue;
        }
        if (type == "AlterTableStmt" && fields.value("cmds").toArray().size() == 1) {
            const QString table = relation(fields.value("relation").toObject());
            const QJsonObject cmd = fields.value("cmds").toArray().first().toObject().value("AlterTableCmd").toObject();
            const QString subtype = cmd.value("subtype").toString();
            const QJsonObject con = cmd.value("def").toObject().value("Constraint").toObject();
            if (subtype == "AT_SetNotNull" && hasRule(report.findings, n, "adding-not-nullable-field")) {
                const QString column = cmd.value("name").toString();
                const QString check = quoted(fields.value("relation").toObject().value("relname").toString() + "_"
                                             + column + "_not_null");
                result.statements.append(
                    plain(QString("ALTER TABLE %1 ADD CONSTRAINT %2 CHECK (%3 IS NOT NULL) NOT VALID")
                              .arg(table, check, quoted(column))));
                result.statements.append(plain(QString("ALTER TABLE %1 VALIDATE CONSTRAINT %2").arg(table, check)));
                result.statements.append(plain(text));
                result.statements.append(plain(QString("ALTER TABLE %1 DROP CONSTRAINT %2").arg(table, check)));
                result.changes.append(QString("Statement %1: SET NOT NULL through a CHECK ... NOT VALID, VALIDATE "
                                              "(no scan under ACCESS EXCLUSIVE on PostgreSQL 12+).")
                                          .arg(n));
                continue;
            }
            const QString name = con.value("conname").toString();
            const QString contype = con.value("contype").toString();
            if (subtype == "AT_AddConstraint" && !name.isEmpty()
                && (contype == "CONSTR_CHECK" || contype == "CONSTR_FOREIGN")
                && !con.value("skip_validation").toBool()) {
                result.statements.append(plain(text + " NOT VALID"));
                result.statements.append(
                    plain(QString("ALTER TABLE %1 VALIDATE CONSTRAINT %2").arg(table, quoted(name))));
                result.changes.append(QString("Statement %1: NOT VALID, then VALIDATE CONSTRAINT.").arg(n));
                continue;
            }
            if (subtype == "AT_AddConstraint" && !name.isEmpty() && contype == "CONSTR_UNIQUE"
                && !con.contains("indexname")) {
                QStringList keys;
                for (const QString& k : names(con.value("keys").toArray()))
                    keys.append(quoted(k));
                result.statements.append(plain(QString("CREATE UNIQUE INDEX CONCURRENTLY %1 ON %2 (%3)")
                                                   .arg(quoted(name), table, keys.join(", "))));
                result.statements.append(
                    plain(QString("ALTER TABLE %1 ADD CONSTRAINT %2 UNIQUE USING INDEX %2").arg(table, quoted(name))));
                result.changes.append(QString("Statement %1: UNIQUE through an index built CONCURRENTLY.").arg(n));
                continue;
            }
        }
        bool risky = false;
        for (const AnalysisFinding& f : report.findings)
            risky = risky
                || (f.statement == n && !f.note && f.rule != "require-lock-timeout"
                    && f.rule != "locks-held-until-commit");
        if (risky)
            result.changes.append(QString("Statement %1 is kept as it is: LockLab has no automatic rewrite for it "
                                          "(the finding's safe rewrite shows the way).")
                                      .arg(n));
        result.statements.append(plain(text));
    }
    QStringList lines;
    for (const SqlStatement& st : result.statements)
        lines.append(st.sql + ";"
                     + (st.batched ? QString("  -- in batches of :first..:last over %1").arg(st.batchKey) : QString()));
    result.sql = lines.join('\n') + '\n';
    return result;
}

} // namespace locklab
