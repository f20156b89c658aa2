#include "core/tryout/SeedPlanner.h"

#include "core/analysis/ParseTree.h"
#include "core/analysis/PgParser.h"
#include "core/tryout/CheckConstraintReader.h"
#include "core/tryout/SeedValues.h"

#include <QSet>

namespace locklab {

using namespace ParseTree;

namespace {

const QStringList integerTypes = { "int2", "int4", "int8", "smallint", "integer", "bigint" };
const QStringList serialTypes = { "serial", "serial2", "serial4", "serial8", "smallserial", "bigserial" };

QString quoted(const QString& identifier)
{
    QString s = identifier;
    return '"' + s.replace('"', "\"\"") + '"';
}

} // namespace

SeedPlan SeedPlanner::plan(const QString& schemaSql, const QMap<QString, qint64>& rows, qint64 defaultRows)
{
    SeedPlan plan;
    const QByteArray script = schemaSql.toUtf8();
    QList<ParsedStatement> statements;
    QString error;
    int errorOffset = -1;
    if (!PgParser::parseScript(script, &statements, &error, &errorOffset)) {
        plan.problems.append("The schema does not parse: " + error);
        return plan;
    }
    struct Table
    {
        QString name;
        QList<SeedColumn> columns;
        QMap<QString, ColumnCheck> checks; // column -> what the table's simple CHECKs allow
        QStringList refs;
    };
    QList<Table> tables;
    for (const ParsedStatement& p : statements) {
        const QString text = QString::fromUtf8(script.mid(p.offset, p.length)).trimmed();
        if (!p.ok) {
            int line = 0, column = 0;
            PgParser::lineColumn(script, p.errorOffset, &line, &column);
            plan.problems.append(
                QString("The schema does not parse at line %1, column %2: %3").arg(line).arg(column).arg(p.error));
            continue;
        }
        const QString type = nodeType(p.node);
        static const QStringList allowed = { "CreateStmt",     "IndexStmt",        "AlterTableStmt", "CreateSeqStmt",
                                             "CreateEnumStmt", "CreateDomainStmt", "CommentStmt" };
        if (!allowed.contains(type)) {
            plan.problems.append(
                QString("The schema may only create tables, indexes, sequences and types; not: %1").arg(text.left(80)));
            continue;
        }
        plan.ddl.append(text);
        if (type != "CreateStmt")
            continue;
        const QJsonObject fields = body(p.node);
        Table table;
        table.name = fields.value("relation").toObject().value("relname").toString();
        CheckConstraintReader checks(script.mid(p.offset, p.length));
        const auto readCheck = [&](const QJsonObject& con) {
            if (!checks.add(con))
                plan.notes.append(QString("%1: the row generator does not understand %2; generated rows may "
                                          "violate it, and the fill then fails naming it.")
                                      .arg(table.name, checks.text(con)));
        };
        QStringList uniqueColumns;
        QMap<QString, QString> fkColumns;
        for (const QJsonValue& v : fields.value("tableElts").toArray()) {
            const QJsonObject element = v.toObject();
            const QJsonObject def = element.value("ColumnDef").toObject();
            if (!def.isEmpty()) {
                SeedColumn c;
                c.name = def.value("colname").toString();
                const QJsonObject typeName = def.value("typeName").toObject();
                c.type = baseTypeName(typeName);
                c.mods = typeModifiers(typeName);
                c.generatedByDefault = serialTypes.contains(c.type);
                for (const QJsonValue& cv : def.value("constraints").toArray()) {
                    const QJsonObject con = cv.toObject().value("Constraint").toObject();
                    const QString contype = con.value("contype").toString();
                    if (contype == "CONSTR_NOTNULL" || contype == "CONSTR_PRIMARY")
                        c.notNull = true;
                    if (contype == "CONSTR_PRIMARY" || contype == "CONSTR_UNIQUE")
                        c.unique = true;
                    if (contype == "CONSTR_DEFAULT" || contype == "CONSTR_IDENTITY" || contype == "CONSTR_GENERATED")
                        c.generatedByDefault = true;
                    if (contype == "CONSTR_FOREIGN")
                        c.refTable = con.value("pktable").toObject().value("relname").toString();
                    if (contype == "CONSTR_CHECK")
                        readCheck(con);
                }
                table.columns.append(c);
                continue;
            }
            const QJsonObject con = element.value("Constraint").toObject();
            const QString contype = con.value("contype").toString();
            const QStringList keys = names(con.value("keys").toArray());
            if ((contype == "CONSTR_PRIMARY" || contype == "CONSTR_UNIQUE") && keys.size() == 1)
                uniqueColumns.append(keys.first());
            if ((contype == "CONSTR_PRIMARY" || contype == "CONSTR_UNIQUE") && keys.size() > 1)
                plan.notes.append(QString("%1: the first column of a multi-column key is numbered, which keeps it "
                                          "unique.")
                                      .arg(table.name));
            if (contype == "CONSTR_PRIMARY" || contype == "CONSTR_UNIQUE")
                uniqueColumns.append(keys.mid(0, 1));
            if (contype == "CONSTR_PRIMARY")
                for (const QString& k : keys)
                    fkColumns.insert("notnull:" + k, {});
            if (contype == "CONSTR_FOREIGN") {
                const QStringList fk = names(con.value("fk_attrs").toArray());
                if (fk.size() == 1)
                    fkColumns.insert(fk.first(), con.value("pktable").toObject().value("relname").toString());
                else
                    plan.notes.append(QString("%1: multi-column foreign keys are not generated.").arg(table.name));
            }
            if (contype == "CONSTR_CHECK")
                readCheck(con);
        }
        table.checks = checks.columns();
        for (SeedColumn& c : table.columns) {
            c.notNull = c.notNull || table.checks.value(c.name).notNull;
            c.unique = c.unique || uniqueColumns.contains(c.name);
            c.notNull = c.notNull || fkColumns.contains("notnull:" + c.name);
            if (fkColumns.contains(c.name))
                c.refTable = fkColumns.value(c.name);
            if (!c.refTable.isEmpty())
                table.refs.append(c.refTable.toLower());
        }
        tables.append(table);
    }

    // Referenced tables first, so their keys exist when a foreign key is filled.
    QSet<QString> done;
    QMap<QString, qint64> rowCounts;
    QSet<QString> numberedKeys; // tables whose key is 1..rows
    while (plan.tables.size() < tables.size()) {
        bool progress = false;
        for (const Table& t : tables) {
            const QString key = t.name.toLower();
            if (done.contains(key))
                continue;
            bool ready = true;
            for (const QString& r : t.refs)
                ready = ready
                    && (done.contains(r) || r == key || !std::any_of(tables.begin(), tables.end(), [&](const Table& o) {
                            return o.name.toLower() == r;
                        }));
            if (!ready)
                continue;
            TableSeed seed;
            seed.table = key;
            seed.rows = rows.value(key, defaultRows);
            rowCounts.insert(key, seed.rows);
            QStringList names, values;
            for (const SeedColumn& c : t.columns) {
                seed.columns.append(c.name);
                // The key batches, probes and foreign keys use: an integer numbered 1..rows.
                const bool integerKey = seed.keyColumn.isEmpty() && c.unique
                    && (integerTypes.contains(c.type) || serialTypes.contains(c.type));
                if (c.generatedByDefault) {
                    if (integerKey)
                        seed.keyColumn = c.name;
                    continue;
                }
                QString value;
                QString problem;
                if (!c.refTable.isEmpty()) {
                    const QString ref = c.refTable.toLower();
                    if (rowCounts.value(ref) > 0 && numberedKeys.contains(ref))
                        value = QString("((g - 1) % %1) + 1").arg(rowCounts.value(ref));
                    else
                        problem = QString("%1.%2 references %3, which is not a generated table with rows numbered "
                                          "1, 2, ... (a CHECK on its key moves them)")
                                      .arg(t.name, c.name, c.refTable);
                } else {
                    const auto found = t.checks.constFind(c.name);
                    const ColumnCheck* check = found == t.checks.cend() ? nullptr : &found.value();
                    QString unrespected;
                    value = SeedValues::valueFor(c, seed.rows, check, &problem, &unrespected);
                    if (!unrespected.isEmpty())
                        plan.notes.append(QString("%1.%2: the row generator cannot keep to %3 (%4); generated rows "
                                                  "may violate it, and the fill then fails naming it.")
                                              .arg(t.name, c.name, check->checks.join(", "), unrespected));
                    if (value.isEmpty() && problem.isEmpty())
                        problem = QString("no values are generated for %1.%2 of type %3").arg(t.name, c.name, c.type);
                }
                if (value.isEmpty()) {
                    if (c.notNull) {
                        plan.problems.append(problem + ", and it is NOT NULL: fill this table yourself.");
                        continue;
                    }
                    plan.notes.append(problem + ": left NULL.");
                    continue;
                }
                if (integerKey && value == "g")
                    seed.keyColumn = c.name;
                names.append(quoted(c.name));
                values.append(value);
            }
            seed.insertSql = names.isEmpty()
                ? QString("INSERT INTO %1 SELECT FROM generate_series(1, %2) AS g").arg(quoted(t.name)).arg(seed.rows)
                : QString("INSERT INTO %1 (%2) SELECT %3 FROM generate_series(1, %4) AS g")
                      .arg(quoted(t.name), names.join(", "), values.join(", "))
                      .arg(seed.rows);
            if (!seed.keyColumn.isEmpty())
                numberedKeys.insert(key);
            plan.tables.append(seed);
            done.insert(key);
            progress = true;
        }
        if (!progress) {
            plan.problems.append("The tables' foreign keys form a cycle: LockLab cannot order their rows.");
            break;
        }
    }
    if (tables.isEmpty() && plan.problems.isEmpty())
        plan.problems.append("The schema creates no table: give the CREATE TABLE of the tables the migration uses.");
    return plan;
}

} // namespace locklab
