#include "core/migration/ExecutionPlan.h"

#include "core/lesson/CountParser.h"
#include "core/lesson/RowTemplate.h"
#include "core/server/SqlUtil.h"

namespace locklab {

namespace {
QString withSemicolon(const QString& sql)
{
    const QString trimmed = sql.trimmed();
    return trimmed.endsWith(';') ? trimmed : trimmed + ';';
}

QStringList fillPreview(const Operation& op)
{
    const QString chunks = QString("%1 rows in chunks of %2, a statement each")
                               .arg(CountParser::format(op.rows), CountParser::format(op.batchSize));
    if (op.columns.isEmpty())
        return { "-- " + chunks, withSemicolon(op.sql) };
    RowTemplate rows;
    QString error;
    RowTemplate::parse(op.values, &rows, &error);
    QStringList quoted;
    QStringList built;
    for (int i = 0; i < op.columns.size(); ++i) {
        quoted << quoteIdentifier(op.columns.at(i));
        built << QString("%1 = %2").arg(op.columns.at(i), rows.describeColumn(i));
    }
    return { QString("-- %1; LockLab generates row n = 1 .. %2 as %3")
                 .arg(chunks, CountParser::format(op.rows), built.join(", ")),
             QString("COPY %1 (%2) FROM STDIN;").arg(quoteIdentifier(op.table), quoted.join(", ")) };
}
} // namespace

QString ExecutionPlan::preview() const
{
    QStringList lines;
    for (const Operation& op : operations) {
        switch (op.kind) {
        case Operation::Kind::Sql:
            lines << withSemicolon(op.sql);
            break;
        case Operation::Kind::Batched:
            lines << QString("-- in batches of %1 rows of %2 by %3, each batch its own transaction%4")
                         .arg(CountParser::format(op.batchSize), op.table, op.key,
                              op.pauseMs > 0 ? QString(", %1 ms apart").arg(op.pauseMs) : QString());
            lines << withSemicolon(op.sql);
            break;
        case Operation::Kind::Fill:
            lines << fillPreview(op);
            break;
        case Operation::Kind::DeferIndexes:
            lines << QString("-- drop the indexes and index-backed constraints of %1 (from the catalog): "
                             "they are built once, after the load")
                         .arg(op.table);
            break;
        case Operation::Kind::RestoreIndexes:
            lines << QString("-- re-create the indexes and constraints of %1, then set its sequences to the "
                             "largest value loaded")
                         .arg(op.table);
            break;
        case Operation::Kind::Begin:
            lines << "BEGIN;";
            break;
        case Operation::Kind::Commit:
            lines << "COMMIT;";
            break;
        case Operation::Kind::MigrationStart:
            if (!lines.isEmpty())
                lines << QString();
            lines << QString("-- %1 %2").arg(op.forward ? "Apply" : "Roll back", op.name);
            if (!op.sql.isEmpty())
                lines << op.sql; // how its transactions are retried
            break;
        case Operation::Kind::LedgerRecord:
            lines << QString("-- record %1 as applied in the ledger").arg(op.name);
            break;
        case Operation::Kind::LedgerForget:
            lines << QString("-- remove %1 from the ledger").arg(op.name);
            break;
        case Operation::Kind::LedgerClear:
            lines << "-- clear the ledger";
            break;
        }
    }
    if (operations.isEmpty())
        lines << "-- Nothing to do: the ledger is already at this step's target.";
    return lines.join('\n');
}

} // namespace locklab
