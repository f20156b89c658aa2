#include "cli/CliUsage.h"

#include "core/server/ConnectionBudget.h"

#include "cli/CliLibrary.h"
#include "core/lesson/CountParser.h"
#include "core/observe/ProbeSettings.h"

#include <QStringList>

namespace locklab {

namespace {

// Two columns: the option, then its description wrapped at 79 characters.
QString option(const QString& name, const QString& description)
{
    constexpr int kIndent = 24;
    constexpr int kWidth = 79;
    QStringList lines;
    QString line = "  " + name;
    line = line.size() + 1 < kIndent ? line.leftJustified(kIndent) : line + "\n" + QString(kIndent, ' ');
    int column = kIndent;
    for (const QString& word : description.split(' ', Qt::SkipEmptyParts)) {
        if (column > kIndent && column + 1 + word.size() > kWidth) {
            lines << line;
            line = QString(kIndent, ' ');
            column = kIndent;
        }
        if (column > kIndent) {
            line += ' ';
            ++column;
        }
        line += word;
        column += int(word.size());
    }
    lines << line;
    return lines.join('\n') + '\n';
}

QString batchingSteps(const LessonLibrary& library)
{
    QStringList steps;
    for (const Lesson& lesson : library.lessons) {
        if (!lesson.isValid())
            continue;
        QStringList ids;
        for (const LessonStep& step : lesson.steps) {
            if (step.parameter("batch_size"))
                ids << step.id;
        }
        if (!ids.isEmpty())
            steps << QString("%1: %2").arg(lesson.id, ids.join(", "));
    }
    return steps.join("; ");
}

} // namespace

QString CliUsage::limits(const LessonParameter& parameter)
{
    const QString unit = parameter.unit.isEmpty() ? QString() : " " + parameter.unit;
    return QString("default %1; from %2 to %3%4")
        .arg(CountParser::format(parameter.defaultValue), CountParser::format(parameter.minimum),
             CountParser::format(parameter.maximum), unit);
}

QString CliUsage::synopsis()
{
    return "  locklab-cli lessons [--lessons DIR] [--json]\n"
           "  locklab-cli run LESSON [STEP...] [--rows N] [--batch-size N] [--pause-ms N]\n"
           "                  [--probe-rate HZ] [--probe-timeout-ms N] [--out DIR]\n"
           "                  [--formats png,svg,pdf,csv,json] [--json] [SERVER OPTIONS]\n"
           "  locklab-cli status [--lesson LESSON] [--json] [SERVER OPTIONS]\n"
           "  locklab-cli migrate --to MIGRATION [--lesson LESSON] [--batch-size N] [--pause-ms N]\n"
           "                  [--probe-rate HZ] [--probe-timeout-ms N] [--json] [SERVER OPTIONS]\n"
           "  locklab-cli check [--format text|json|github] [--strict] [--pg-version N] [--schema DDL.sql]\n"
           "                  FILE.sql...\n"
           "  locklab-cli try FILE.sql [--schema DDL.sql] [--rows TABLE=N,...] [--write-probe]\n"
           "                  [--safe-rewrite] [--db URI] [--data-dir DIR] [--out DIR --formats LIST]\n"
           "  locklab-cli versions [--json]\n"
           "  locklab-cli classroom prepare|drop --db URI [--attendees N] [--prefix NAME] [--out FILE]\n"
           "  locklab-cli psql [--db URI | --data-dir DIR] [-- PSQL ARGUMENTS]\n"
           "  locklab-cli --help | --version\n";
}

QString CliUsage::versionText()
{
    return QString("LockLab %1 (Qt %2)").arg(LOCKLAB_VERSION, qVersion());
}

QString CliUsage::helpText(const LessonLibrary& library)
{
    const ProbeSettings probes;
    QString text;
    text += "Usage:\n" + synopsis();
    text += "\nLockLab's headless runner: runs lesson steps against a real PostgreSQL server with\n"
            "latency probes and the lock monitor, exactly as the LockLab window does, prints the\n"
            "verdict of each step and exports its chart and data.\n";

    text += "\nCommands:\n";
    text += option("lessons",
                   "List the lessons and their steps (number, id, title, kind), and lessons that "
                   "could not be loaded with the reason.");
    text += option("run LESSON [STEP...]",
                   "Run steps of LESSON (an id such as not-null, or its number). STEP is a step id or its "
                   "1-based number; with no STEP every step of the lesson runs, in order. Stops at the first "
                   "step that fails.");
    text += option("status",
                   "Show the connection string and psql command of the sandbox database, and the "
                   "migration ledger like Django's showmigrations: for each lesson plan [X] applied / "
                   "[ ] not applied.");
    text += option("psql",
                   "Open psql on the sandbox database (socket directory, port, user and database "
                   "filled in). With the embedded server, the server is started and kept running "
                   "until psql exits. Arguments after -- go to psql, e.g. -- -c 'TABLE small_user'.");
    text += option("migrate --to MIGRATION",
                   "Apply or roll back migrations until the ledger is at MIGRATION (like 'manage.py migrate "
                   "app MIGRATION'), with probes and the lock monitor, as the window's ledger view does.");
    text += option("check FILE.sql...",
                   "Predict the locks of your own migration with PostgreSQL's parser and report risky "
                   "statements; no server. Exit 0 nothing found, 1 findings, 2 usage or parse errors. "
                   "'locklab-cli check --help' for its options.");
    text += option("try FILE.sql",
                   "Run your own migration on generated rows in the sandbox with probes and the lock "
                   "monitor, and compare the prediction with the measurement. 'locklab-cli try --help' "
                   "for its options.");

    text += "\nRun options:\n";
    const LessonParameter* rows = CliLibrary::parameter(library, "rows");
    if (rows) {
        text += option("--rows N",
                       QString("Rows in the lesson's main table, the first of its 'tables' (%1). For the "
                               "seed lesson: how many rows to generate. For any other lesson: make "
                               "sure that table has exactly N "
                               "rows, running the seed lesson first when it has not (reported on "
                               "stderr, not exported). Without --rows other lessons use the table "
                               "as it is, and seed the default count when it does not exist yet.")
                           .arg(limits(*rows)));
    }
    if (const LessonParameter* batch = CliLibrary::parameter(library, "batch_size")) {
        text += option("--batch-size N",
                       QString("Rows per batch of a batched backfill (%1). Only for steps "
                               "that batch (%2).")
                           .arg(limits(*batch), batchingSteps(library)));
    }
    if (const LessonParameter* pause = CliLibrary::parameter(library, "pause_ms"))
        text += option("--pause-ms N", QString("Pause between batches (%1).").arg(limits(*pause)));
    text += option("--probe-rate HZ",
                   QString("Latency probes per second (default %1; from %2 to %3 per second).")
                       .arg(probes.rateHz)
                       .arg(ProbeSettings::minRateHz)
                       .arg(ProbeSettings::maxRateHz));
    text += option("--probe-timeout-ms N",
                   QString("A probe that waits longer counts as a timeout (default %1; from %2 to %3 ms).")
                       .arg(CountParser::format(probes.timeoutMs), CountParser::format(ProbeSettings::minTimeoutMs),
                            CountParser::format(ProbeSettings::maxTimeoutMs)));
    text += option("--probe-profile NAME",
                   QString("'default' (%1 probe connections) or 'classroom' (%2 probe connections at the same "
                           "rate: %3 server connections in all, for a class sharing one server).")
                       .arg(probes.connections)
                       .arg(ConnectionBudget::classroomProbeConnections)
                       .arg(ConnectionBudget::classroomProbeConnections + ConnectionBudget::fixedConnections));
    text += option("--out DIR",
                   "Write each step's chart and data into DIR, created if missing (default: the "
                   "current directory). Files are named like the window's exports, e.g. "
                   "locklab-not-null-not-null-2026-11-25-1432.png.");
    text += option("--formats LIST",
                   "Comma-separated, from png, svg, pdf, csv, json (default: all five when "
                   "--out is given; nothing is written when neither --out nor --formats is).");
    text += option("--json",
                   "Print a JSON summary on stdout instead of text (for run and migrate: an object "
                   "with one entry per step, each the run's JSON export; also for lessons and "
                   "status).");

    text += "\nMigrate and status options:\n";
    text += option("--to MIGRATION", "The migration the ledger should end at, e.g. 0001_initial.");
    text += option("--lesson LESSON",
                   "The lesson whose plan is used (default: the first lesson whose plan "
                   "contains MIGRATION); for status, show only this lesson's plan.");

    text += "\nServer options:\n";
    text += option("--db URI",
                   "Use this PostgreSQL server instead of the embedded one: a URI "
                   "(postgresql://user@host:5432/dbname) or key=value pairs. The PG* environment "
                   "variables (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD) and ~/.pgpass work as "
                   "in psql. LockLab works only in a sandbox database it created and marked.");
    text += option("--data-dir DIR",
                   "Keep the embedded cluster in DIR (default: the window's, one per major version: "
                   "~/.local/share/LockLab/cluster-<major>, or /var/lib/locklab/cluster-<major> as root).");
    text += option("--pg-bindir DIR",
                   "Run the embedded server with the PostgreSQL in DIR (e.g. /usr/lib/postgresql/16/bin; "
                   "default: the newest one found). 'locklab-cli versions' lists every one found.");
    text += option("--lessons DIR", "Load lessons from DIR instead of the built-in ones.");

    text += "\nOther options:\n";
    text += option("-h, --help", "Show this help and exit.");
    text += option("-v, --version", "Show the version and exit.");

    text += "\nNumbers may be written 1M, 250k or 1,000,000. Progress goes to stderr (a progress bar on a\n"
            "terminal, plain lines otherwise), verdicts and the JSON summary to stdout. Ctrl-C cancels\n"
            "the running step cleanly (its transaction is rolled back) and stops the embedded server.\n"
            "\nExit status: 0 success; 1 a step failed or was cancelled, or the server could not be\n"
            "reached; 2 bad usage (nothing was run and no server was started).\n";
    return text;
}

} // namespace locklab
