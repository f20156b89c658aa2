#include "core/observe/PreflightCheck.h"

#include "core/observe/LockRow.h"
#include "core/run/Verdict.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace locklab {

namespace {
constexpr int kQueryChars = 120;
} // namespace

QString PreflightCheck::sql(double thresholdMs)
{
    // xact_start is when the session's current transaction began (NULL when
    // it has none); clock_timestamp(), not now(), since now() is this
    // statement's own transaction start.
    return QStringLiteral(
               "SELECT pid, coalesce(application_name, ''), "
               "  extract(epoch FROM clock_timestamp() - xact_start) * 1000, coalesce(state, ''), coalesce(query, '') "
               "FROM pg_stat_activity "
               "WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL "
               "  AND clock_timestamp() - xact_start > make_interval(secs => %1) "
               "ORDER BY xact_start")
        .arg(QString::number(thresholdMs / 1000.0, 'f', 3));
}

PreflightReport PreflightCheck::run(const QSqlDatabase& database, double thresholdMs)
{
    PreflightReport report;
    report.thresholdMs = thresholdMs;
    QSqlQuery query(database);
    query.setForwardOnly(true);
    if (!query.exec(sql(thresholdMs))) {
        report.error = query.lastError().text().trimmed();
        return report;
    }
    while (query.next()) {
        OpenTransaction open;
        open.pid = query.value(0).toInt();
        const QString applicationName = query.value(1).toString();
        open.who = LockRow::whoFromApplicationName(applicationName);
        if (open.who == QLatin1String("other"))
            open.who = applicationName.isEmpty() ? QStringLiteral("another session") : applicationName;
        open.ageMs = query.value(2).toDouble();
        open.state = query.value(3).toString();
        const QString text = query.value(4).toString().simplified();
        open.query = text.size() <= kQueryChars ? text : text.left(kQueryChars - 1) + QChar(0x2026);
        report.transactions.append(open);
    }
    return report;
}

QStringList PreflightReport::warnings() const
{
    QStringList lines;
    for (const OpenTransaction& open : transactions) {
        lines << QStringLiteral("pid %1 (%2) has had a transaction open for %3 (%4: %5): a migration that "
                                "needs ACCESS EXCLUSIVE will wait behind it, and every read and write will "
                                "queue behind the migration.")
                     .arg(open.pid)
                     .arg(open.who, Verdict::formatDuration(open.ageMs), open.state, open.query);
    }
    return lines;
}

} // namespace locklab
