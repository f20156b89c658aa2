#include "core/analysis/StatementAnalyzer.h"

#include "core/analysis/AlterTableAnalyzer.h"
#include "core/analysis/ParseTree.h"

#include <QRegularExpression>

namespace locklab {

using namespace ParseTree;

namespace {
bool hasOption(const QJsonObject& fields, const QString& key, const QString& option)
{
    for (const QJsonValue& v : fields.value(key).toArray()) {
        if (v.toObject().value("DefElem").toObject().value("defname").toString() == option)
            return true;
    }
    return false;
}

// A WHERE clause that walks a key range (BETWEEN, <, >, IN, = ANY) is one
// batch of a batched backfill; anything else may touch the whole table.
bool isKeyRange(const QJsonValue& where)
{
    QList<QJsonObject> exprs;
    collect(where, "A_Expr", &exprs);
    for (const QJsonObject& e : exprs) {
        const QString kind = e.value("kind").toString();
        if (kind.startsWith("AEXPR_BETWEEN") || kind == "AEXPR_IN" || kind == "AEXPR_OP_ANY")
            return true;
        const QStringList op = names(e.value("name").toArray());
        if (!op.isEmpty() && QStringList { "<", "<=", ">", ">=", "=" }.contains(op.last()))
            return true;
    }
    return false;
}

const QMap<QString, QString>& commandNames()
{
    static const QMap<QString, QString> map {
        { "CreateStmt", "CREATE TABLE" },
        { "IndexStmt", "CREATE INDEX" },
        { "DropStmt", "DROP" },
        { "ReindexStmt", "REINDEX" },
        { "ClusterStmt", "CLUSTER" },
        { "VacuumStmt", "VACUUM" },
        { "RenameStmt", "RENAME" },
        { "UpdateStmt", "UPDATE" },
        { "DeleteStmt", "DELETE" },
        { "InsertStmt", "INSERT" },
        { "SelectStmt", "SELECT" },
        { "MergeStmt", "MERGE" },
        { "TruncateStmt", "TRUNCATE" },
        { "LockStmt", "LOCK TABLE" },
        { "VariableSetStmt", "SET" },
        { "TransactionStmt", "TRANSACTION" },
        { "CreateTrigStmt", "CREATE TRIGGER" },
        { "CommentStmt", "COMMENT" },
        { "AlterDomainStmt", "ALTER DOMAIN" },
        { "RefreshMatViewStmt", "REFRESH MATERIALIZED VIEW" },
        { "CreateStatsStmt", "CREATE STATISTICS" },
        { "AlterEnumStmt", "ALTER TYPE" },
        { "ConstraintsSetStmt", "SET CONSTRAINTS" },
        { "DropdbStmt", "DROP DATABASE" },
        { "CreatedbStmt", "CREATE DATABASE" },
        { "CopyStmt", "COPY" },
        { "DoStmt", "DO" },
        { "CreateTableSpaceStmt", "CREATE TABLESPACE" },
        { "CreateFunctionStmt", "CREATE FUNCTION" },
    };
    return map;
}

// LOCK TABLE's mode numbers are PostgreSQL's lock numbers (lockdefs.h), AccessShare = 1.
LockMode lockModeFromNumber(int number)
{
    return number >= 1 && number <= 8 ? LockMode(number - 1) : LockMode::AccessExclusive;
}
} // namespace

StatementAnalyzer::StatementAnalyzer(AnalysisContext* context, StatementAnalysis* statement, QList<RuleHit>* hits)
    : m_context(context)
    , m_statement(statement)
    , m_hits(hits)
{
}

void StatementAnalyzer::lock(const QString& table, LockMode mode, TableEffect effect, bool onIndex)
{
    m_statement->locks.append(PredictedLock { table, mode, effect, LockDuration::Statement, onIndex });
}

void StatementAnalyzer::hit(const QString& table, const QString& rule, const QString& message)
{
    if (table.isEmpty() || !m_context->isNew(table))
        m_hits->append(RuleHit { rule, message });
}

void StatementAnalyzer::analyze(const QJsonObject& node)
{
    const QString type = nodeType(node);
    const QJsonObject fields = body(node);
    if (commandNames().contains(type)) {
        m_statement->command = commandNames().value(type);
    } else {
        // CreateExtensionStmt -> "CREATE EXTENSION"
        QString words = type.endsWith("Stmt") ? type.chopped(4) : type;
        words.replace(QRegularExpression("([a-z])([A-Z])"), "\\1 \\2");
        m_statement->command = words.toUpper();
    }
    if (type == "TransactionStmt") {
        static const QMap<QString, QString> kinds { { "TRANS_STMT_BEGIN", "BEGIN" },
                                                    { "TRANS_STMT_START", "BEGIN" },
                                                    { "TRANS_STMT_COMMIT", "COMMIT" },
                                                    { "TRANS_STMT_ROLLBACK", "ROLLBACK" },
                                                    { "TRANS_STMT_SAVEPOINT", "SAVEPOINT" } };
        m_statement->command = kinds.value(fields.value("kind").toString(), "TRANSACTION");
    } else if (type == "AlterTableStmt") {
        AlterTableAnalyzer(m_context, m_statement, m_hits).analyze(fields);
    } else if (type == "CreateStmt") {
        createTable(fields);
    } else if (type == "IndexStmt") {
        index(fields);
    } else if (type == "DropStmt") {
        drop(fields);
    } else if (type == "ReindexStmt") {
        reindex(fields);
    } else if (type == "VacuumStmt") {
        vacuum(fields);
    } else if (type == "ClusterStmt") {
        const QString table = relationName(fields.value("relation").toObject());
        lock(table, LockMode::AccessExclusive, TableEffect::Rewrite);
        hit(table, "prefer-repack", QString("CLUSTER rewrites %1 under ACCESS EXCLUSIVE").arg(table));
    } else if (type == "RenameStmt") {
        rename(fields);
    } else if (type == "UpdateStmt" || type == "DeleteStmt" || type == "InsertStmt" || type == "MergeStmt"
               || type == "SelectStmt") {
        dml(type, fields);
    } else if (type == "TruncateStmt") {
        for (const QJsonValue& v : fields.value("relations").toArray())
            lock(relationName(v.toObject().value("RangeVar").toObject()), LockMode::AccessExclusive,
                 TableEffect::Rewrite);
    } else if (type == "LockStmt") {
        lockTable(fields);
    } else if (type == "VariableSetStmt") {
        set(fields);
    } else if (type == "CreateTrigStmt") {
        lock(relationName(fields.value("relation").toObject()), LockMode::ShareRowExclusive, TableEffect::CatalogOnly);
    } else if (type == "CreateStatsStmt" || type == "CommentStmt") {
        QList<QJsonObject> relations;
        collect(fields, "RangeVar", &relations);
        for (const QJsonObject& r : relations)
            lock(relationName(r), LockMode::ShareUpdateExclusive, TableEffect::CatalogOnly);
    } else if (type == "RefreshMatViewStmt") {
        const bool concurrent = fields.value("concurrent").toBool();
        lock(relationName(fields.value("relation").toObject()),
             concurrent ? LockMode::Exclusive : LockMode::AccessExclusive, TableEffect::Rewrite);
    } else if (type == "AlterDomainStmt") {
        if (fields.value("subtype").toString() == "C"
            && !child(fields, "def", "Constraint").value("skip_validation").toBool())
            m_hits->append(
                RuleHit { "ban-alter-domain-with-add-constraint",
                          "adds a domain constraint: every column of that domain in every table is checked" });
    } else if (type == "CreateExtensionStmt") {
        m_statement->extension = fields.value("extname").toString();
        // Whether it is there is a fact about one database, which a file cannot tell.
        if (!m_context->installedExtensions)
            m_statement->remarks.append(
                QString("needs the extension %1 installed; without a server it cannot be known whether it is "
                        "(`locklab-cli try` checks the sandbox database's pg_extension before anything runs).")
                    .arg(m_statement->extension));
    } else if (type == "AlterEnumStmt") {
        m_statement->versionNotes.append("ALTER TYPE ... ADD VALUE cannot run inside a transaction block before "
                                         "PostgreSQL 12; from 12 it can, but the new value cannot be used "
                                         "until the transaction commits.");
        if (m_context->pgVersion > 0 && m_context->pgVersion < 12)
            m_statement->transactionAllowed = false;
    }
}

void StatementAnalyzer::createTable(const QJsonObject& fields)
{
    const QString table = relationName(fields.value("relation").toObject());
    m_context->createdTables.insert(AnalysisContext::key(table));
    QHash<QString, QString>& columns = m_context->columnTypes[AnalysisContext::key(table)];
    for (const QJsonValue& v : fields.value("tableElts").toArray()) {
        const QJsonObject def = v.toObject().value("ColumnDef").toObject();
        if (!def.isEmpty())
            columns.insert(def.value("colname").toString().toLower(), typeName(def.value("typeName").toObject()));
    }
    lock(table, LockMode::AccessExclusive, TableEffect::CatalogOnly);
    QList<QJsonObject> constraints;
    collect(fields.value("tableElts"), "Constraint", &constraints);
    for (const QJsonObject& c : constraints) {
        if (c.value("contype").toString() == "CONSTR_FOREIGN")
            lock(relationName(c.value("pktable").toObject()), LockMode::ShareRowExclusive, TableEffect::CatalogOnly);
    }
    m_statement->remarks.append(QString("%1 is new: its locks block no one.").arg(table));
}

void StatementAnalyzer::index(const QJsonObject& fields)
{
    const QString table = relationName(fields.value("relation").toObject());
    const bool concurrent = fields.value("concurrent").toBool();
    const QString name = fields.value("idxname").toString();
    m_statement->command = fields.value("unique").toBool() ? "CREATE UNIQUE INDEX" : "CREATE INDEX";
    if (concurrent) {
        m_statement->transactionAllowed = false;
        lock(table, LockMode::ShareUpdateExclusive, TableEffect::Scan);
        m_statement->remarks.append("CONCURRENTLY scans the table twice and waits for the transactions that "
                                    "started before it; reads and writes go on.");
        if (!fields.value("if_not_exists").toBool() && !m_context->inTransaction)
            m_hits->append(
                RuleHit { "prefer-robust-stmts",
                          QString("CREATE INDEX CONCURRENTLY %1 without IF NOT EXISTS: a failed build leaves an "
                                  "invalid index behind and a re-run fails")
                              .arg(name) });
        return;
    }
    lock(table, LockMode::Share, TableEffect::Scan);
    hit(table, "require-concurrent-index-creation",
        QString("builds index %1 on %2 under SHARE: writes wait for the whole build").arg(name, table));
}

void StatementAnalyzer::drop(const QJsonObject& fields)
{
    const QString kind = fields.value("removeType").toString();
    const bool concurrent = fields.value("concurrent").toBool();
    QStringList objects;
    for (const QJsonValue& v : fields.value("objects").toArray())
        objects.append(names(v.toObject().value("List").toObject().value("items").toArray()).join('.'));
    m_statement->command = "DROP " + kind.mid(7).replace('_', ' ');
    if (kind == "OBJECT_INDEX") {
        for (const QString& index : objects)
            lock(index, concurrent ? LockMode::ShareUpdateExclusive : LockMode::AccessExclusive,
                 TableEffect::CatalogOnly, true);
        if (concurrent) {
            m_statement->transactionAllowed = false;
            if (!fields.value("missing_ok").toBool() && !m_context->inTransaction)
                m_hits->append(
                    RuleHit { "prefer-robust-stmts",
                              QString("DROP INDEX CONCURRENTLY %1 without IF EXISTS").arg(objects.join(", ")) });
        } else {
            m_hits->append(
                RuleHit { "require-concurrent-index-deletion",
                          QString("drops index %1 under ACCESS EXCLUSIVE on its table").arg(objects.join(", ")) });
        }
    } else if (kind == "OBJECT_TABLE") {
        for (const QString& table : objects)
            lock(table, LockMode::AccessExclusive, TableEffect::CatalogOnly);
    }
}

void StatementAnalyzer::reindex(const QJsonObject& fields)
{
    const QString kind = fields.value("kind").toString();
    const bool concurrent = hasOption(fields, "params", "concurrently");
    const bool onIndex = kind == "REINDEX_OBJECT_INDEX";
    const QString name = relationName(fields.value("relation").toObject());
    if (concurrent) {
        m_statement->transactionAllowed = false;
        lock(name, LockMode::ShareUpdateExclusive, TableEffect::Scan, onIndex);
        return;
    }
    // SHARE on the table; each rebuilt index is ACCESS EXCLUSIVE, so reads using it wait too.
    lock(name, LockMode::Share, TableEffect::Scan, onIndex);
    if (kind == "REINDEX_OBJECT_SCHEMA" || kind == "REINDEX_OBJECT_DATABASE" || kind == "REINDEX_OBJECT_SYSTEM")
        m_statement->transactionAllowed = false;
    hit(name, "require-concurrent-reindex",
        QString("rebuilds %1 without CONCURRENTLY: writes wait, and reads that use the index").arg(name));
}

void StatementAnalyzer::vacuum(const QJsonObject& fields)
{
    const bool isVacuum = fields.value("is_vacuumcmd").toBool();
    const bool full = hasOption(fields, "options", "full");
    m_statement->command = isVacuum ? (full ? "VACUUM FULL" : "VACUUM") : "ANALYZE";
    if (isVacuum)
        m_statement->transactionAllowed = false;
    for (const QJsonValue& v : fields.value("rels").toArray()) {
        const QString table = relationName(
            v.toObject().value("VacuumRelation").toObject().value("relation").toObject());
        if (full) {
            lock(table, LockMode::AccessExclusive, TableEffect::Rewrite);
            hit(table, "prefer-repack", QString("VACUUM FULL rewrites %1 under ACCESS EXCLUSIVE").arg(table));
        } else {
            lock(table, LockMode::ShareUpdateExclusive, TableEffect::Scan);
        }
    }
}

void StatementAnalyzer::rename(const QJsonObject& fields)
{
    const QString kind = fields.value("renameType").toString();
    const QString table = relationName(fields.value("relation").toObject());
    const QString newName = fields.value("newname").toString();
    if (kind == "OBJECT_COLUMN") {
        m_statement->command = "ALTER TABLE RENAME COLUMN";
        lock(table, LockMode::AccessExclusive, TableEffect::CatalogOnly);
        hit(table, "renaming-column",
            QString("renames column %1 of %2 to %3").arg(fields.value("subname").toString(), table, newName));
    } else if (kind == "OBJECT_TABLE") {
        m_statement->command = "ALTER TABLE RENAME";
        lock(table, LockMode::AccessExclusive, TableEffect::CatalogOnly);
        hit(table, "renaming-table", QString("renames %1 to %2").arg(table, newName));
    } else if (kind == "OBJECT_INDEX") {
        // Since PostgreSQL 12 renaming an index takes SHARE UPDATE EXCLUSIVE.
        lock(table, LockMode::ShareUpdateExclusive, TableEffect::CatalogOnly, true);
    } else if (!table.isEmpty()) {
        lock(table, LockMode::AccessExclusive, TableEffect::CatalogOnly);
    }
}

void StatementAnalyzer::readOnlyRelations(const QJsonObject& fields, const QString& except)
{
    QList<QJsonObject> relations;
    collectRelations(fields, &relations);
    QList<QJsonObject> ctes;
    collect(fields, "CommonTableExpr", &ctes);
    QStringList cteNames;
    for (const QJsonObject& c : ctes)
        cteNames.append(c.value("ctename").toString());
    for (const QJsonObject& r : relations) {
        const QString name = relationName(r);
        if (name != except && !cteNames.contains(name))
            lock(name, LockMode::AccessShare, TableEffect::Rows);
    }
}

void StatementAnalyzer::dml(const QString& type, const QJsonObject& fields)
{
    const QString target = type == "SelectStmt" ? QString() : relationName(fields.value("relation").toObject());
    if (!target.isEmpty())
        lock(target, LockMode::RowExclusive, TableEffect::Rows);
    QJsonObject rest = fields;
    rest.remove("relation");
    readOnlyRelations(rest, target);
    if ((type == "UpdateStmt" || type == "DeleteStmt") && !isKeyRange(fields.value("whereClause"))) {
        const QString verb = type == "UpdateStmt" ? "updates" : "deletes";
        hit(target, "backfill-in-one-statement",
            fields.contains("whereClause")
                ? QString("%1 every matching row of %2 in one statement (the WHERE has no key range)").arg(verb, target)
                : QString("%1 every row of %2 in one statement").arg(verb, target));
    }
}

void StatementAnalyzer::set(const QJsonObject& fields)
{
    const QString name = fields.value("name").toString().toLower();
    const bool reset = fields.value("kind").toString() != "VAR_SET_VALUE";
    QList<QJsonObject> constants;
    collect(fields.value("args"), "A_Const", &constants);
    bool zero = false;
    for (const QJsonObject& c : constants) {
        const QString s = c.value("sval").toObject().value("sval").toString();
        zero = zero || (c.contains("ival") && c.value("ival").toObject().value("ival").toInt() == 0)
            || s.trimmed() == "0";
    }
    if (name == "lock_timeout")
        m_context->lockTimeoutSet = !reset && !zero;
    else if (name == "statement_timeout")
        m_context->statementTimeoutSet = !reset && !zero;
}

void StatementAnalyzer::lockTable(const QJsonObject& fields)
{
    const LockMode mode = lockModeFromNumber(fields.value("mode").toInt());
    for (const QJsonValue& v : fields.value("relations").toArray()) {
        const QString table = relationName(v.toObject().value("RangeVar").toObject());
        lock(table, mode, TableEffect::None);
        hit(table, "lock-table",
            QString("takes %1 on %2 until the end of the transaction").arg(LockModes::displayName(mode), table));
    }
    if (!m_context->inTransaction)
        m_statement->remarks.append("LOCK TABLE outside a transaction block is an error: it must follow BEGIN.");
}

} // namespace locklab
