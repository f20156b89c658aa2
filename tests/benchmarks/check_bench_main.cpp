// locklab-check-bench: how fast `locklab-cli check` answers for a
// 100-statement migration (target <= 50 ms, a pre-commit hook's budget).
// Prints figures, asserts none: exit 0 when everything could be measured.
//   build/tests/benchmarks/locklab-check-bench [--runs N] [--cli PATH]
// --cli times another locklab-cli (an installed one, an older build) instead of this build's.

#include "core/analysis/MigrationAnalyzer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

using namespace locklab;

namespace {

// A realistic mix: Django-style transactions, risky and safe DDL, backfills, comments.
QString hundredStatements()
{
    const QStringList pattern {
        "BEGIN",
        "-- Add field status to customer\nALTER TABLE \"shop_customer\" ADD COLUMN \"status\" varchar(20) "
        "NULL",
        "ALTER TABLE \"shop_customer\" ALTER COLUMN \"status\" SET DEFAULT 'active'",
        "UPDATE \"shop_customer\" SET \"status\" = 'active' WHERE \"status\" IS NULL",
        "ALTER TABLE \"shop_customer\" ALTER COLUMN \"status\" SET NOT NULL",
        "COMMIT",
        "SET lock_timeout = '2s'",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS shop_customer_name_idx ON shop_customer (name)",
        "ALTER TABLE shop_order ADD CONSTRAINT shop_order_fk FOREIGN KEY (customer_id) REFERENCES "
        "shop_customer (id) NOT VALID",
        "ALTER TABLE shop_order VALIDATE CONSTRAINT shop_order_fk",
        "UPDATE shop_order SET note = 'x' WHERE id BETWEEN 1 AND 10000",
        "ALTER TABLE shop_order ALTER COLUMN number TYPE bigint USING number::bigint",
        "CREATE TABLE audit (id bigserial PRIMARY KEY, customer_id bigint REFERENCES shop_customer (id), at "
        "timestamptz NOT NULL DEFAULT now())",
        "ALTER TABLE shop_customer ADD COLUMN token uuid DEFAULT gen_random_uuid()",
        "DROP INDEX shop_customer_old_idx",
        "ALTER TABLE shop_customer RENAME COLUMN name TO full_name",
        "INSERT INTO audit (customer_id) SELECT id FROM shop_customer WHERE id < 100",
        "ALTER TABLE shop_order ADD CONSTRAINT shop_order_number_key UNIQUE (number)",
        "REINDEX INDEX shop_customer_name_idx",
        "VACUUM (ANALYZE) shop_order",
    };
    QStringList statements;
    for (int i = 0; statements.size() < 100; ++i)
        statements.append(pattern.at(i % pattern.size()));
    return statements.join(";\n") + ";\n";
}

// The 1-minute load average, so a figure can be read against how busy the machine was.
double loadAverage()
{
    QFile file("/proc/loadavg");
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return file.readLine().split(' ').value(0).toDouble();
}

// One `locklab-cli check FILE` as a pre-commit hook runs it; -1 when it did not answer with findings.
double timeCheck(const QString& cliPath, const QString& file)
{
    QProcess cli;
    QElapsedTimer timer;
    timer.start();
    cli.start(cliPath, { "check", file });
    if (!cli.waitForFinished(30000) || cli.exitStatus() != QProcess::NormalExit || cli.exitCode() != 1) {
        std::fprintf(stderr, "locklab-check-bench: locklab-cli check %s did not answer as expected (exit %d): %s\n",
                     qPrintable(file), cli.exitCode(), cli.readAllStandardError().constData());
        return -1;
    }
    return timer.nsecsElapsed() / 1e6;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    int runs = 50;
    const QStringList args = app.arguments();
    const int at = int(args.indexOf("--runs"));
    if (at > 0 && at + 1 < args.size())
        runs = qBound(1, args.at(at + 1).toInt(), 1000);
    const int cliAt = int(args.indexOf("--cli"));
    const QString cliPath = cliAt > 0 && cliAt + 1 < args.size() ? args.at(cliAt + 1) : QString(LOCKLAB_CLI_PATH);

    const QString sql = hundredStatements();
    QList<double> inProcess;
    int statements = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const AnalysisReport report = MigrationAnalyzer::analyze(sql, {}, "bench.sql");
        inProcess.append(timer.nsecsElapsed() / 1e6);
        statements = int(report.statements.size());
    }

    QTemporaryDir dir;
    const auto write = [&](const QString& name, const QString& text) {
        QFile out(dir.filePath(name));
        if (!out.open(QIODevice::WriteOnly))
            return QString();
        out.write(text.toUtf8());
        return out.fileName();
    };
    const QString oneLine = write("one-line.sql", "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n");
    const QString hundred = write("bench.sql", sql);
    if (oneLine.isEmpty() || hundred.isEmpty()) {
        std::fprintf(stderr, "locklab-check-bench: cannot write into %s\n", qPrintable(dir.path()));
        return 1;
    }
    const double loadBefore = loadAverage();
    const int processRuns = qMin(runs, 20);
    QList<double> processOne, processHundred;
    for (int i = 0; i < processRuns; ++i) {
        // Interleaved, so both files see the same machine.
        for (const QString& file : { oneLine, hundred }) {
            const double ms = timeCheck(cliPath, file);
            if (ms < 0)
                return 1;
            (file == oneLine ? processOne : processHundred).append(ms);
        }
    }
    std::printf("check of a %d-statement file, median of %d runs (load average %.2f before, %.2f after)\n", statements,
                runs, loadBefore, loadAverage());
    std::printf("  locklab-cli: %s\n", qPrintable(cliPath));
    std::printf("  analyser in process:                     %6.2f ms (target <= 50 ms)\n", median(inProcess));
    std::printf("  locklab-cli check, one-line file:        %6.2f ms (process, start-up included, %d runs)\n",
                median(processOne), processRuns);
    std::printf("  locklab-cli check, %d-statement file:   %6.2f ms (target <= 50 ms; process, %d runs)\n", statements,
                median(processHundred), processRuns);
    return 0;
}
