#include "core/migration/TableHealth.h"

#include "core/server/SqlUtil.h"

#include <QLocale>

namespace locklab {

QString TableHealth::formatBytes(qint64 bytes)
{
    const double b = double(bytes);
    if (b >= 1024.0 * 1024 * 1024)
        return QString::number(b / (1024.0 * 1024 * 1024), 'f', 1) + " GB";
    if (b >= 1024.0 * 1024)
        return QString::number(b / (1024.0 * 1024), 'f', b >= 10 * 1024.0 * 1024 ? 0 : 1) + " MB";
    if (b >= 1024)
        return QString::number(b / 1024.0, 'f', 0) + " kB";
    return QString::number(bytes) + " bytes";
}

std::optional<RebuildAdvice> TableHealth::advice(const SchemaSnapshot& snapshot)
{
    const QLocale english(QLocale::English);
    QStringList grown;
    QStringList grownWhy;
    QStringList cluttered;
    QStringList clutteredWhy;
    for (const TableInfo& table : snapshot.tables) {
        if (!table.exists)
            continue;
        if (table.seededBytes > 0 && table.sizeBytes > kGrowthFactor * double(table.seededBytes)) {
            grown << table.name;
            QString why = QString("%1 takes %2, %3 times its freshly seeded %4")
                              .arg(table.name, formatBytes(table.sizeBytes))
                              .arg(double(table.sizeBytes) / double(table.seededBytes), 0, 'f', 1)
                              .arg(formatBytes(table.seededBytes));
            if (table.deadRows > 0)
                why += QString(" (%1 dead row versions right now)").arg(english.toString(table.deadRows));
            grownWhy << why;
        }
        if (table.droppedColumns >= kDroppedColumns) {
            cluttered << table.name;
            clutteredWhy << QString("%1 carries %2 dropped columns").arg(table.name).arg(table.droppedColumns);
        }
    }
    if (grown.isEmpty() && cluttered.isEmpty())
        return std::nullopt;

    RebuildAdvice advice;
    if (!grown.isEmpty()) {
        advice.remedy = RebuildAdvice::Remedy::VacuumFull;
        advice.tables = grown;
        advice.summary = grownWhy.join("; ")
            + ": the old row versions (MVCC) would make this run slower than the first for a reason that is "
              "not "
              "the lesson.";
        advice.reason = grownWhy.join("; ")
            + ". PostgreSQL keeps the old version of every row an UPDATE rewrote (MVCC), and plain VACUUM "
              "only "
              "marks that space reusable: the table stays this big, every scan reads all of it, and the next "
              "measured step runs slower than the first time for a reason that has nothing to do with the "
              "lesson. Rebuilding the tables with VACUUM FULL (here, in the sandbox) makes the runs "
              "comparable "
              "again; seeding them again (lesson 1) does too. A big backfill bloats a production table the "
              "same "
              "way; there the tool is pg_repack, which rebuilds a table without holding ACCESS EXCLUSIVE for "
              "the whole copy as VACUUM FULL does.";
        if (!cluttered.isEmpty())
            advice.reason += " Also, " + clutteredWhy.join("; ")
                + ": VACUUM FULL keeps those; only seeding again clears them.";
        return advice;
    }
    advice.remedy = RebuildAdvice::Remedy::Reseed;
    advice.tables = cluttered;
    advice.summary = clutteredWhy.join("; ") + ": seed the tables again (lesson 1) to clear them.";
    advice.reason = clutteredWhy.join("; ")
        + ". Every ADD/DROP COLUMN cycle leaves the dropped column in the catalog, counting toward "
          "PostgreSQL's "
          "limit of 1,600 columns per table; neither VACUUM nor VACUUM FULL removes it. Seeding the tables "
          "again "
          "(lesson 1) creates them afresh.";
    return advice;
}

LessonStep TableHealth::rebuildStep(const QStringList& tables)
{
    LessonStep step;
    step.id = "rebuild-tables";
    step.title = "Rebuild the lesson tables (VACUUM FULL)";
    step.kind = StepKind::Sql;
    step.probes = false;
    step.transaction = false; // VACUUM cannot run inside a transaction block
    for (const QString& command : { QStringLiteral("VACUUM FULL "), QStringLiteral("ANALYZE ") }) {
        for (const QString& table : tables) {
            SqlStatement statement;
            statement.sql = command + quoteIdentifier(table);
            step.statements.append(statement);
        }
    }
    return step;
}

} // namespace locklab
