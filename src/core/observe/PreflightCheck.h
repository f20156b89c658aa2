#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace locklab {

// A transaction found open in the sandbox database before a migration ran.
struct OpenTransaction
{
    int pid = 0;
    QString who; // an actor's name, "probe 2", or the application_name of somebody else's session
    double ageMs = 0; // since its transaction began
    QString state; // pg_stat_activity.state: "idle in transaction", "active"
    QString query; // its current or last statement, shortened
};

// What the pre-flight check saw. Empty `transactions`: nothing in the way.
struct PreflightReport
{
    double thresholdMs = 5000;
    QList<OpenTransaction> transactions;
    QString error; // the check itself failed (the step still runs)

    bool hasWarnings() const { return !transactions.isEmpty(); }
    // One sentence per transaction: "pid 4711 (forgotten psql) has had a
    // transaction open for 6.2 s (idle in transaction: SELECT ...): a
    // migration that needs ACCESS EXCLUSIVE will wait behind it, and every
    // read and write will queue behind the migration."
    QStringList warnings() const;
};

// Before a migration runs, looks in pg_stat_activity for transactions in
// the same database open longer than a threshold: the sessions an ALTER
// would queue behind. Run on the migration worker's thread and connection.
class PreflightCheck
{
public:
    static constexpr double defaultThresholdMs = 5000;

    static QString sql(double thresholdMs);
    static PreflightReport run(const QSqlDatabase& database, double thresholdMs);
};

} // namespace locklab

Q_DECLARE_METATYPE(locklab::PreflightReport)
