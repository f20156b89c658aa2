#include "core/analysis/AlterTableAnalyzer.h"

#include "core/analysis/AnalysisRules.h"
#include "core/analysis/ParseTree.h"

namespace locklab {

using namespace ParseTree;

namespace {

const QStringList serialTypes = { "serial", "serial2", "serial4", "serial8", "smallserial", "bigserial" };

// The column a CHECK (column IS NOT NULL) is about, or empty.
QString notNullCheckColumn(const QJsonObject& constraint)
{
    const QJsonObject test = child(constraint, "raw_expr", "NullTest");
    if (test.value("nulltesttype").toString() != "IS_NOT_NULL")
        return {};
    const QJsonObject ref = child(test, "arg", "ColumnRef");
    const QStringList parts = names(ref.value("fields").toArray());
    return parts.size() == 1 ? parts.first().toLower() : QString();
}

// Whether changing `from` to `to` needs neither a rewrite nor a check:
// PostgreSQL treats these as binary coercible with no length to verify.
bool typeChangeIsCatalogOnly(const QString& from, const QString& to)
{
    const auto base = [](const QString& t) { return t.section('(', 0, 0); };
    const auto mod = [](const QString& t, int i) {
        const QString inner = t.section('(', 1).chopped(t.contains('(') ? 1 : 0);
        return t.contains('(') ? inner.section(',', i, i).toInt() : -1;
    };
    const QString fb = base(from), tb = base(to);
    const bool fromString = fb == "varchar" || fb == "text";
    if (fromString && tb == "text")
        return true;
    if (fromString && tb == "varchar")
        return !to.contains('(') || (fb == "varchar" && from.contains('(') && mod(to, 0) >= mod(from, 0));
    if (fb == "numeric" && tb == "numeric") {
        if (!to.contains('('))
            return true;
        return from.contains('(') && mod(to, 0) >= mod(from, 0) && mod(to, 1) == mod(from, 1);
    }
    return false;
}

} // namespace

AlterTableAnalyzer::AlterTableAnalyzer(AnalysisContext* context, StatementAnalysis* statement, QList<RuleHit>* hits)
    : m_context(context)
    , m_statement(statement)
    , m_hits(hits)
{
}

void AlterTableAnalyzer::hit(const QString& rule, const QString& message)
{
    // Locks on a table created earlier in the same file harm no one: it is empty and unused.
    if (!m_new)
        m_hits->append(RuleHit { rule, message });
}

void AlterTableAnalyzer::lockOther(const QString& table, LockMode mode, TableEffect effect)
{
    m_statement->locks.append(PredictedLock { table, mode, effect, LockDuration::Statement, false });
}

void AlterTableAnalyzer::analyze(const QJsonObject& alterTable)
{
    const QString objectType = alterTable.value("objtype").toString();
    m_table = relationName(alterTable.value("relation").toObject());
    m_new = m_context->isNew(m_table);
    m_statement->command = objectType == "OBJECT_INDEX" ? "ALTER INDEX" : "ALTER TABLE";
    if (m_new)
        m_statement->remarks.append(
            QString("%1 is created earlier in this file: it is empty, its locks block no one.").arg(m_table));
    PredictedLock lock { m_table, LockMode::AccessShare, TableEffect::None, LockDuration::Statement,
                         objectType == "OBJECT_INDEX" };
    bool first = true;
    for (const QJsonValue& v : alterTable.value("cmds").toArray()) {
        const Effect e = command(v.toObject().value("AlterTableCmd").toObject());
        if (first || int(e.mode) > int(lock.mode))
            lock.mode = e.mode;
        if (int(e.effect) > int(lock.effect))
            lock.effect = e.effect;
        first = false;
    }
    m_statement->locks.prepend(lock);
}

AlterTableAnalyzer::Effect AlterTableAnalyzer::command(const QJsonObject& cmd)
{
    const QString subtype = cmd.value("subtype").toString();
    const QString column = cmd.value("name").toString();
    const QJsonObject def = cmd.value("def").toObject();
    if (subtype == "AT_AddColumn")
        return addColumn(body(def));
    if (subtype == "AT_AddConstraint")
        return addConstraint(def.value("Constraint").toObject());
    if (subtype == "AT_AlterColumnType")
        return alterType(column, def.value("ColumnDef").toObject());
    if (subtype == "AT_SetNotNull")
        return setNotNull(column);
    if (subtype == "AT_ValidateConstraint")
        return validate(column);
    if (subtype == "AT_DropColumn") {
        hit("ban-drop-column", QString("drops column %1 of %2").arg(column, m_table));
        return { LockMode::AccessExclusive, TableEffect::CatalogOnly };
    }
    if (subtype == "AT_DetachPartition") {
        const bool concurrent = body(def).value("concurrent").toBool();
        if (concurrent) {
            m_statement->transactionAllowed = false;
            return { LockMode::ShareUpdateExclusive, TableEffect::CatalogOnly };
        }
        hit("require-concurrent-partition-detach", QString("detaches a partition of %1").arg(m_table));
        return { LockMode::AccessExclusive, TableEffect::CatalogOnly };
    }
    if (subtype == "AT_AttachPartition") {
        m_statement->remarks.append("ATTACH PARTITION scans the partition to check its bound unless a validated "
                                    "CHECK constraint already proves it.");
        return { LockMode::ShareUpdateExclusive, TableEffect::Scan };
    }
    if (subtype == "AT_SetStatistics" || subtype == "AT_ClusterOn" || subtype == "AT_DropCluster"
        || subtype == "AT_SetRelOptions" || subtype == "AT_ResetRelOptions")
        return { LockMode::ShareUpdateExclusive, TableEffect::CatalogOnly };
    if (subtype.startsWith("AT_EnableTrig") || subtype.startsWith("AT_DisableTrig") || subtype == "AT_EnableAlwaysTrig"
        || subtype == "AT_EnableReplicaTrig")
        return { LockMode::ShareRowExclusive, TableEffect::CatalogOnly };
    if (subtype == "AT_SetLogged" || subtype == "AT_SetUnLogged" || subtype == "AT_SetAccessMethod"
        || subtype == "AT_SetTableSpace") {
        m_statement->remarks.append("This subcommand rewrites the table.");
        return { LockMode::AccessExclusive, TableEffect::Rewrite };
    }
    // SET/DROP DEFAULT, DROP NOT NULL, DROP CONSTRAINT, RENAME, OWNER, ...: catalog only.
    return { LockMode::AccessExclusive, TableEffect::CatalogOnly };
}

bool AlterTableAnalyzer::defaultIsVolatile(const QJsonObject& columnDef, QString* why) const
{
    const QString type = baseTypeName(columnDef.value("typeName").toObject());
    if (serialTypes.contains(type)) {
        *why = QString("%1 fills every row from a sequence (nextval() is volatile)").arg(type);
        return true;
    }
    for (const QJsonValue& v : columnDef.value("constraints").toArray()) {
        const QJsonObject c = v.toObject().value("Constraint").toObject();
        const QString contype = c.value("contype").toString();
        if (contype == "CONSTR_IDENTITY") {
            *why = "an identity column fills every row from a sequence";
            return true;
        }
        if (contype == "CONSTR_GENERATED") {
            *why = "a stored generated column is computed for every row";
            return true;
        }
        if (contype == "CONSTR_DEFAULT") {
            for (const QString& f : functionNames(c.value("raw_expr"))) {
                if (AnalysisRules::instance().isVolatileFunction(f)) {
                    *why = QString("the default calls %1(), which is volatile (or not known to LockLab as "
                                   "stable or immutable)")
                               .arg(f);
                    return true;
                }
            }
        }
    }
    return false;
}

AlterTableAnalyzer::Effect AlterTableAnalyzer::addColumn(const QJsonObject& columnDef)
{
    const QString column = columnDef.value("colname").toString();
    m_context->columnTypes[AnalysisContext::key(m_table)][column.toLower()] = typeName(
        columnDef.value("typeName").toObject());
    bool hasDefault = false, notNull = false;
    Effect effect { LockMode::AccessExclusive, TableEffect::CatalogOnly };
    for (const QJsonValue& v : columnDef.value("constraints").toArray()) {
        const QJsonObject c = v.toObject().value("Constraint").toObject();
        const QString contype = c.value("contype").toString();
        if (contype == "CONSTR_DEFAULT" || contype == "CONSTR_IDENTITY" || contype == "CONSTR_GENERATED")
            hasDefault = true;
        else if (contype == "CONSTR_NOTNULL")
            notNull = true;
        else if (contype == "CONSTR_PRIMARY" || contype == "CONSTR_UNIQUE") {
            notNull = notNull || contype == "CONSTR_PRIMARY";
            hit(contype == "CONSTR_PRIMARY" ? "adding-serial-primary-key-field" : "disallowed-unique-constraint",
                QString("adds column %1 with %2, building the index under ACCESS EXCLUSIVE")
                    .arg(column, contype == "CONSTR_PRIMARY" ? "PRIMARY KEY" : "UNIQUE"));
            effect.effect = qMax(effect.effect, TableEffect::Scan);
        } else if (contype == "CONSTR_FOREIGN") {
            // The new column's values are checked against the other table: a scan of this one.
            const QString other = relationName(c.value("pktable").toObject());
            lockOther(other, LockMode::ShareRowExclusive, TableEffect::CatalogOnly);
            effect.effect = qMax(effect.effect, TableEffect::Scan);
            hit("adding-foreign-key-constraint",
                QString("adds column %1 REFERENCES %2: the foreign key is validated at once, scanning %3 while "
                        "writes to both tables wait")
                    .arg(column, other, m_table));
        } else if (contype == "CONSTR_CHECK") {
            effect.effect = qMax(effect.effect, TableEffect::Scan);
        }
    }
    if (serialTypes.contains(baseTypeName(columnDef.value("typeName").toObject()))) {
        hasDefault = true;
        notNull = true;
    }
    QString why;
    if (defaultIsVolatile(columnDef, &why)) {
        hit("adding-field-with-default", QString("adds column %1: %2, so the table is rewritten").arg(column, why));
        effect.effect = TableEffect::Rewrite;
    } else if (hasDefault) {
        m_statement->versionNotes.append(
            QString("PostgreSQL 11+: the default of %1 is not volatile, so it is stored in the catalog and no "
                    "row is rewritten (before 11 the table was rewritten).")
                .arg(column));
        if (m_context->pgVersion > 0 && m_context->pgVersion < 11) {
            hit("adding-field-with-default",
                QString("adds column %1 with a default: PostgreSQL %2 rewrites the table")
                    .arg(column)
                    .arg(m_context->pgVersion));
            effect.effect = TableEffect::Rewrite;
        }
    }
    if (notNull && !hasDefault)
        hit("adding-required-field", QString("adds column %1 NOT NULL without a default").arg(column));
    return effect;
}

AlterTableAnalyzer::Effect AlterTableAnalyzer::addConstraint(const QJsonObject& constraint)
{
    const QString contype = constraint.value("contype").toString();
    const QString name = constraint.value("conname").toString();
    const bool notValid = constraint.value("skip_validation").toBool();
    const QString label = name.isEmpty() ? QString() : " " + name;
    if (contype == "CONSTR_CHECK") {
        const QString column = notNullCheckColumn(constraint);
        const QString key = AnalysisContext::key(m_table) + "." + column;
        if (notValid) {
            if (!column.isEmpty() && !name.isEmpty())
                m_context->notValidNotNullChecks.insert(name.toLower(), key);
            if (m_context->inTransaction && !name.isEmpty())
                m_context->notValidInThisTransaction.insert(name.toLower());
            return { LockMode::AccessExclusive, TableEffect::CatalogOnly };
        }
        if (!column.isEmpty())
            m_context->validatedNotNull.insert(key);
        hit("constraint-missing-not-valid",
            QString("adds CHECK constraint%1 to %2 without NOT VALID: scans the table under ACCESS EXCLUSIVE")
                .arg(label, m_table));
        return { LockMode::AccessExclusive, TableEffect::Scan };
    }
    if (contype == "CONSTR_FOREIGN") {
        const QString other = relationName(constraint.value("pktable").toObject());
        if (notValid && m_context->inTransaction && !name.isEmpty())
            m_context->notValidInThisTransaction.insert(name.toLower());
        lockOther(other, LockMode::ShareRowExclusive, notValid ? TableEffect::CatalogOnly : TableEffect::Rows);
        if (notValid)
            return { LockMode::ShareRowExclusive, TableEffect::CatalogOnly };
        hit("adding-foreign-key-constraint",
            QString("adds FOREIGN KEY%1 from %2 to %3 without NOT VALID: checks every row while writes to both "
                    "tables wait")
                .arg(label, m_table, other));
        return { LockMode::ShareRowExclusive, TableEffect::Scan };
    }
    if (contype == "CONSTR_UNIQUE" || contype == "CONSTR_PRIMARY" || contype == "CONSTR_EXCLUSION") {
        const QString what = contype == "CONSTR_PRIMARY" ? "PRIMARY KEY"
            : contype == "CONSTR_UNIQUE"                 ? "UNIQUE"
                                                         : "EXCLUDE";
        if (!constraint.value("indexname").toString().isEmpty()) {
            m_statement->remarks.append(
                QString("%1 USING INDEX: the index exists, only the catalog changes%2.")
                    .arg(what, contype == "CONSTR_PRIMARY" ? " (and columns not yet NOT NULL are scanned)" : ""));
            return { LockMode::AccessExclusive, TableEffect::CatalogOnly };
        }
        hit(contype == "CONSTR_PRIMARY" ? "adding-serial-primary-key-field" : "disallowed-unique-constraint",
            QString("adds %1%2 to %3: builds its index under ACCESS EXCLUSIVE").arg(what, label, m_table));
        return { LockMode::AccessExclusive, TableEffect::Scan };
    }
    return { LockMode::AccessExclusive, TableEffect::CatalogOnly };
}

AlterTableAnalyzer::Effect AlterTableAnalyzer::alterType(const QString& column, const QJsonObject& columnDef)
{
    const QString to = typeName(columnDef.value("typeName").toObject());
    const QString from = m_context->columnTypes.value(AnalysisContext::key(m_table)).value(column.toLower());
    const bool usingClause = columnDef.contains("raw_default");
    m_context->columnTypes[AnalysisContext::key(m_table)][column.toLower()] = to;
    if (!from.isEmpty() && !usingClause && typeChangeIsCatalogOnly(from, to)) {
        m_statement->remarks.append(
            QString("%1 %2 -> %3 needs no rewrite and no scan: catalog only.").arg(column, from, to));
        return { LockMode::AccessExclusive, TableEffect::CatalogOnly };
    }
    if (from.isEmpty())
        hit("changing-column-type",
            QString("changes the type of %1 to %2: rewrites %3 and its indexes, unless the column is a varchar "
                    "widened or turned into text (give the CREATE TABLE with --schema to know)")
                .arg(column, to, m_table));
    else
        hit("changing-column-type",
            QString("changes %1 from %2 to %3: rewrites %4 and its indexes").arg(column, from, to, m_table));
    return { LockMode::AccessExclusive, TableEffect::Rewrite };
}

AlterTableAnalyzer::Effect AlterTableAnalyzer::setNotNull(const QString& column)
{
    const QString key = AnalysisContext::key(m_table) + "." + column.toLower();
    const bool proved = m_context->validatedNotNull.contains(key);
    if (proved && (m_context->pgVersion == 0 || m_context->pgVersion >= 12)) {
        m_statement->versionNotes.append(
            QString("PostgreSQL 12+: a validated CHECK (%1 IS NOT NULL) proves the column has no NULLs, so SET "
                    "NOT NULL skips the scan (PostgreSQL 11 and older scan anyway).")
                .arg(column));
        return { LockMode::AccessExclusive, TableEffect::CatalogOnly };
    }
    hit("adding-not-nullable-field",
        proved ? QString("sets %1 NOT NULL: PostgreSQL %2 scans %3 under ACCESS EXCLUSIVE despite the "
                         "validated check")
                     .arg(column)
                     .arg(m_context->pgVersion)
                     .arg(m_table)
               : QString("sets %1 NOT NULL: scans %2 under ACCESS EXCLUSIVE (no validated CHECK (%1 IS NOT NULL) "
                         "seen before it)")
                     .arg(column, m_table));
    if (m_context->pgVersion == 0 || m_context->pgVersion >= 18)
        m_statement->versionNotes.append("PostgreSQL 18+: ADD CONSTRAINT ... NOT NULL ... NOT VALID, then "
                                         "VALIDATE CONSTRAINT, sets NOT NULL "
                                         "without a long ACCESS EXCLUSIVE lock.");
    return { LockMode::AccessExclusive, TableEffect::Scan };
}

AlterTableAnalyzer::Effect AlterTableAnalyzer::validate(const QString& name)
{
    const QString key = m_context->notValidNotNullChecks.value(name.toLower());
    if (!key.isEmpty())
        m_context->validatedNotNull.insert(key);
    if (m_context->notValidInThisTransaction.contains(name.toLower()))
        hit("constraint-missing-not-valid",
            QString("validates %1 in the same transaction that added it NOT VALID: the ACCESS EXCLUSIVE lock of "
                    "the ADD is held through the scan")
                .arg(name));
    return { LockMode::ShareUpdateExclusive, TableEffect::Scan };
}

} // namespace locklab
