#include "core/tryout/SeedPlanner.h"

#include "core/analysis/ParseTree.h"
#include "core/analysis/PgParser.h"

#include <QSet>

namespace locklab {

using namespace ParseTree;

namespace {

const QStringList integerTypes = { "int2", "int4", "int8", "smallint", "integer", "bigint" };
const QStringList serialTypes = { "serial", "serial2", "serial4", "serial8", "smallserial", "bigserial" };

struct Column
{
    QString name;
    QString type;
    QList<int> mods;
    bool notNull = false;
    bool unique = false;
    bool generatedByDefault = false; // DEFAULT, serial, identity, generated: left to the server
    QString refTable;
};

QString quoted(const QString& identifier)
{
    QString s = identifier;
    return '"' + s.replace('"', "\"\"") + '"';
}

// The SQL for a column's value in row g, or empty when there is none.
QString valueFor(const Column& c, qint64 rows, QString* problem)
{
    const QString t = c.type;
    if (integerTypes.contains(t)) {
        if (t == "int2" && c.unique && rows > 32767) {
            *problem = QString("%1 is a unique smallint: at most 32,767 rows can be numbered").arg(c.name);
            return {};
        }
        return c.unique ? "g" : "(g % 1000)";
    }
    if (t == "numeric" || t == "float4" || t == "float8" || t == "real" || t == "double precision") {
        if (c.unique)
            return QString("g::%1").arg(t);
        return QString("((g %% 100) / 4.0)::%1").arg(t).replace("%%", "%");
    }
    if (t == "text" || t == "varchar" || t == "bpchar" || t == "citext") {
        const int length = c.mods.isEmpty() ? 0 : c.mods.first();
        const QString value = c.unique ? "('v' || g)" : "('value ' || (g % 1000))";
        if (length > 0 && c.unique && length < QString::number(rows).size() + 1) {
            *problem = QString("%1 is unique but %2(%3) is too short for %4 numbered values")
                           .arg(c.name, t)
                           .arg(length)
                           .arg(rows);
            return {};
        }
        return length > 0 ? QString("left(%1, %2)").arg(value).arg(length) : value;
    }
    if (t == "bool")
        return "(g % 2 = 0)";
    if (t == "date")
        return c.unique ? "(date '2000-01-01' + g::int)" : "(date '2020-01-01' + (g % 1000)::int)";
    if (t == "timestamp" || t == "timestamptz")
        return QString("(timestamp '2020-01-01' + g * interval '1 second')::%1").arg(t);
    if (t == "interval")
        return "(g * interval '1 second')";
    if (t == "uuid")
        return "md5(g::text)::uuid";
    if (t == "json" || t == "jsonb")
        return QString("json_build_object('n', g)::%1").arg(t);
    if (t == "bytea")
        return "decode(md5(g::text), 'hex')";
    return {};
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
        QList<Column> columns;
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
        QStringList uniqueColumns;
        QMap<QString, QString> fkColumns;
        for (const QJsonValue& v : fields.value("tableElts").toArray()) {
            const QJsonObject element = v.toObject();
            const QJsonObject def = element.value("ColumnDef").toObject();
            if (!def.isEmpty()) {
                Column c;
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
                        plan.notes.append(QString("%1.%2 has a CHECK: generated values are small and non-negative, "
                                                  "and the fill fails (saying which check) if that is not enough.")
                                              .arg(table.name, c.name));
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
                plan.notes.append(QString("%1 has a table CHECK: generated values may not satisfy it; the fill then "
                                          "fails and says which check.")
                                      .arg(table.name));
        }
        for (Column& c : table.columns) {
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
            for (const Column& c : t.columns) {
                seed.columns.append(c.name);
                if (seed.keyColumn.isEmpty() && c.unique
                    && (integerTypes.contains(c.type) || serialTypes.contains(c.type)))
                    seed.keyColumn = c.name;
                if (c.generatedByDefault)
                    continue;
                QString value;
                QString problem;
                if (!c.refTable.isEmpty()) {
                    const QString ref = c.refTable.toLower();
                    if (rowCounts.contains(ref) && rowCounts.value(ref) > 0)
                        value = QString("((g - 1) % %1) + 1").arg(rowCounts.value(ref));
                    else
                        problem = QString("%1.%2 references %3, which is not a generated table with rows")
                                      .arg(t.name, c.name, c.refTable);
                } else {
                    value = valueFor(c, seed.rows, &problem);
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
                names.append(quoted(c.name));
                values.append(value);
            }
            seed.insertSql = names.isEmpty()
                ? QString("INSERT INTO %1 SELECT FROM generate_series(1, %2) AS g").arg(quoted(t.name)).arg(seed.rows)
                : QString("INSERT INTO %1 (%2) SELECT %3 FROM generate_series(1, %4) AS g")
                      .arg(quoted(t.name), names.join(", "), values.join(", "))
                      .arg(seed.rows);
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
