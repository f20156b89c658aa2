#include "core/tryout/TryPlan.h"

#include "core/analysis/MigrationAnalyzer.h"

#include <QRegularExpression>

namespace locklab {

namespace {
SqlStatement plainStatement(const QString& sql)
{
    SqlStatement statement;
    statement.sql = sql;
    return statement;
}

QString quoted(const QString& identifier)
{
    QString s = identifier;
    return '"' + s.replace('"', "\"\"") + '"';
}

bool isTransactionControl(const StatementAnalysis& s)
{
    return QStringList { "BEGIN", "COMMIT", "ROLLBACK", "SET CONSTRAINTS" }.contains(s.command);
}
} // namespace

ConnectionSettings TryPlan::connection(const ConnectionSettings& sandbox, const QStringList& extensionSchemas)
{
    ConnectionSettings settings = sandbox;
    // Unqualified names resolve in the try schema first (pg_catalog aside).
    // An extension's schema comes after it only when the migration uses the
    // extension; statements naming tables the try schema lacks are refused
    // before anything runs (SandboxPolicy), so the lesson tables stay out of reach.
    // Plain lower-case names only: the list goes unquoted into libpq's options.
    static const QRegularExpression plain("^[a-z_][a-z0-9_]*$");
    QStringList path { schema };
    for (const QString& s : extensionSchemas) {
        if (plain.match(s).hasMatch() && !path.contains(s))
            path.append(s);
    }
    settings.options.insert("options", QString("-c search_path=%1").arg(path.join(',')));
    return settings;
}

QStringList TryPlan::extensionRefusals(const QSet<QString>& installed, const QSet<QString>& available) const
{
    QStringList refusals;
    for (const NeededExtension& e : extensions) {
        if (installed.contains(e.name))
            continue;
        refusals.append(
            QString("%1 is refused: the extension %2 is not installed in the sandbox database; LockLab does not "
                    "install extensions. %3")
                .arg(e.statement, e.name,
                     available.contains(e.name)
                         ? QString("The server has it: install it in the sandbox database yourself (CREATE "
                                   "EXTENSION %1) to try this migration.")
                               .arg(e.name)
                         : QString("The server does not have it either (not in pg_available_extensions).")));
    }
    return refusals;
}

QString TryPlan::lessonSchema(const LessonLibrary& library)
{
    for (const Lesson& lesson : library.lessons) {
        for (const QString& name : lesson.plan) {
            const Migration* migration = library.migration(name);
            if (!migration)
                continue;
            QStringList creates;
            for (const SqlStatement& s : migration->forward) {
                if (s.sql.trimmed().startsWith("CREATE TABLE", Qt::CaseInsensitive))
                    creates.append(s.sql.trimmed() + (s.sql.trimmed().endsWith(';') ? "" : ";"));
            }
            if (!creates.isEmpty())
                return creates.join('\n') + '\n';
        }
    }
    return {};
}

TryPlan TryPlan::build(const TryRequest& request, const ProbeSettings& baseProbes)
{
    TryPlan plan;
    QStringList problems;
    plan.seed = SeedPlanner::plan(request.schemaSql, request.rows, request.defaultRows);
    problems += plan.seed.problems;

    MigrationAnalyzer::Options options;
    options.pgVersion = request.pgVersion;
    options.schemaSql = request.schemaSql;
    options.sandbox = true;
    options.sandboxSchema = schema;
    options.installedExtensions = request.installedExtensions;
    plan.original = MigrationAnalyzer::analyze(request.migrationSql, options, "migration");
    for (const StatementAnalysis& s : plan.original.statements) {
        if (!s.parsed && s.newerSyntaxVersion == 0)
            problems.append(QString("Statement %1 does not parse (line %2, column %3): %4")
                                .arg(s.index)
                                .arg(s.errorPosition.line)
                                .arg(s.errorPosition.column)
                                .arg(s.parseError));
        if (!s.refusal.isEmpty())
            problems.append(QString("Statement %1 is refused: %2").arg(s.index).arg(s.refusal));
        else if (!s.extension.isEmpty())
            plan.extensions.append({ s.extension, QString("Statement %1").arg(s.index) });
    }
    // The schema in one piece, so its indexes may name the tables it creates.
    MigrationAnalyzer::Options ddlOptions;
    ddlOptions.sandbox = true;
    ddlOptions.sandboxSchema = schema;
    ddlOptions.installedExtensions = request.installedExtensions;
    for (const StatementAnalysis& s : MigrationAnalyzer::analyze(request.schemaSql, ddlOptions).statements) {
        if (!s.refusal.isEmpty())
            problems.append(QString("The schema statement '%1' is refused: %2").arg(s.sql.left(60), s.refusal));
        else if (!s.extension.isEmpty())
            plan.extensions.append({ s.extension, QString("The schema statement '%1'").arg(s.sql.left(60)) });
    }
    QMap<QString, QString> keys;
    for (const TableSeed& t : plan.seed.tables)
        keys.insert(t.table, t.keyColumn);
    plan.rewrite = SafeRewriter::rewrite(request.migrationSql, plan.original, keys, "batch_size");
    plan.prediction = request.safeRewrite ? MigrationAnalyzer::analyze(
                          [&] {
                              QStringList lines;
                              for (const SqlStatement& s : plan.rewrite.statements)
                                  lines.append(QString(s.sql).replace(":first", "$1").replace(":last", "$2") + ";");
                              return lines.join('\n');
                          }(),
                          options, "safe rewrite")
                                          : plan.original;
    if (!problems.isEmpty()) {
        plan.error = problems.join('\n');
        return plan;
    }

    // The table to probe: the one the strongest predicted lock is on.
    const PredictedLock* strongest = nullptr;
    for (const StatementAnalysis& s : plan.original.statements) {
        for (const PredictedLock& l : s.locks) {
            if (!l.onIndex && keys.contains(l.table.section('.', -1).toLower())
                && (!strongest || int(l.mode) > int(strongest->mode)))
                strongest = &l;
        }
    }
    plan.probeTable = strongest ? strongest->table.section('.', -1).toLower()
                                : (plan.seed.tables.isEmpty() ? QString() : plan.seed.tables.last().table);
    const TableSeed* probed = nullptr;
    for (const TableSeed& t : plan.seed.tables) {
        if (t.table == plan.probeTable)
            probed = &t;
    }
    if (!probed) {
        plan.error = "The migration touches none of the schema's tables: there is nothing to probe.";
        return plan;
    }
    plan.probes = baseProbes;
    plan.writeProbe = request.writeProbe;
    const QString table = quoted(schema) + "." + quoted(probed->table);
    const QString order = probed->keyColumn.isEmpty() ? QString("1") : quoted(probed->keyColumn);
    plan.probe = { ProbeKind::Read, probed->table,
                   QString("SELECT * FROM %1 ORDER BY %2 LIMIT 100").arg(table, order) };
    if (request.writeProbe) {
        if (probed->keyColumn.isEmpty() || probed->columns.isEmpty()) {
            plan.error = QString("Writes to %1 cannot be probed: it has no integer key.").arg(probed->table);
            return plan;
        }
        const QString key = quoted(probed->keyColumn);
        // Same InitPlan trick as the lesson probes: one random key per statement.
        plan.probe = { ProbeKind::Write, probed->table,
                       QString("UPDATE %1 SET %2 = %2 WHERE %2 = (SELECT floor(random() * %3)::bigint + 1)")
                           .arg(table, key)
                           .arg(probed->rows) };
    }

    Lesson lesson;
    lesson.id = lessonId;
    lesson.number = 0;
    lesson.title = "Try your own migration";
    LessonStep prepare;
    prepare.id = "prepare";
    prepare.title = "Create the tables and fill them";
    prepare.kind = StepKind::Sql;
    prepare.probes = false;
    prepare.statements.append(plainStatement(QString("DROP SCHEMA IF EXISTS %1 CASCADE").arg(quoted(schema))));
    prepare.statements.append(plainStatement(QString("CREATE SCHEMA %1").arg(quoted(schema))));
    for (const QString& ddl : plan.seed.ddl)
        prepare.statements.append(plainStatement(ddl));
    for (const TableSeed& t : plan.seed.tables)
        prepare.statements.append(plainStatement(t.insertSql));
    for (const TableSeed& t : plan.seed.tables)
        prepare.statements.append(plainStatement(QString("ANALYZE %1").arg(quoted(t.table))));

    LessonStep migrate;
    migrate.id = request.safeRewrite ? "safe-rewrite" : "migration";
    migrate.title = request.safeRewrite ? "The safe rewrite" : "Your migration";
    migrate.kind = StepKind::Sql;
    migrate.probeSpecs = { plan.probe };
    migrate.parameters.append(
        { "batch_size", "Batch size", "rows", "Rows per batch of a batched backfill", 1000, 100, 1000000 });
    if (request.safeRewrite) {
        migrate.statements = plan.rewrite.statements;
    } else {
        // One transaction block around everything: the step's own transaction.
        // Statements outside it too: BEGIN and COMMIT run as written.
        bool inside = false, outside = false;
        for (const StatementAnalysis& s : plan.original.statements) {
            if (!isTransactionControl(s))
                (s.inTransaction ? inside : outside) = true;
        }
        for (const StatementAnalysis& s : plan.original.statements) {
            if (isTransactionControl(s) && !(inside && outside)) {
                migrate.transaction = migrate.transaction || s.command == "BEGIN";
                continue;
            }
            migrate.statements.append(plainStatement(s.sql));
        }
    }

    LessonStep cleanup;
    cleanup.id = "cleanup";
    cleanup.title = "Drop the try schema";
    cleanup.kind = StepKind::Sql;
    cleanup.probes = false;
    cleanup.statements.append(plainStatement(QString("DROP SCHEMA IF EXISTS %1 CASCADE").arg(quoted(schema))));

    lesson.steps = { prepare, migrate, cleanup };
    plan.library.lessons.append(lesson);
    return plan;
}

} // namespace locklab
