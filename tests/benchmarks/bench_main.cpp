// locklab-bench: LockLab's figures, measured side by side in one run on a
// scratch embedded server (see BENCHMARKS.md for how to run it and the
// latest table). It prints the table and exits 0 when every figure could be
// measured, whether or not its target was met: it asserts no timings.

#include "BenchContext.h"
#include "GuiBench.h"
#include "LessonBench.h"
#include "LockQueueBench.h"
#include "ProbeRateBench.h"
#include "SeedBench.h"
#include "StallWatchApplication.h"
#include "StartupBench.h"
#include "core/lesson/CountParser.h"
#include "core/lesson/LessonLoader.h"
#include "core/server/ServerSession.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>
#include <sys/stat.h>

using namespace locklab;
using namespace locklab::bench;

namespace {

const char* kUsage
    = "Usage: locklab-bench [--rows N] [--large-rows N] [--quick] [--markdown] [--only 1,2,...]\n"
      "                     [--repeat N]\n"
      "\n"
      "Measures LockLab on a scratch embedded PostgreSQL cluster under /tmp and prints a table:\n"
      "  1 seeding: today's way, the best server-side load (the limit) and LockLab's seed step\n"
      "    (<= 1.15x the limit, >= 2x faster than today's way), then the limit and LockLab at the large\n"
      "    size (<= 1.15x the limit scaled) with the memory of LockLab and of the server backend\n"
      "  2 reads blocked during NOT NULL, LockLab vs an independent libpq probe (within 10%)\n"
      "  3 safe path vs risky path (ratio <= 1.5), probe p99 <= 20 ms and max <= 50 ms on the safe path\n"
      "  4 probe rate achieved at 20 and 50 Hz while a lock blocks the probes\n"
      "  5 LatencyChart with 72,000 points (<= 16 ms), GUI stalls during NOT NULL (<= 16 ms),\n"
      "    peak RSS of the window over a lesson run (<= 250 MB)\n"
      "  6 start-up of the locklab binary: existing cluster (<= 1 s), first start with initdb (<= 6 s)\n"
      "  7 lock queue: reads and writes blocked behind an ADD COLUMN waiting for a long query, by hold time,\n"
      "    without and with lock_timeout (longest read <= 300 ms)\n"
      "\n"
      "  --rows N     rows in large_user (default 1,000,000; 1M and 250k work)\n"
      "  --large-rows N  the seeding benchmark's second size (default 10,000,000; 50M by hand)\n"
      "  --quick      small sizes and fewer rounds, for the smoke test (20,000 rows unless --rows)\n"
      "  --markdown   print the table as Markdown (for BENCHMARKS.md)\n"
      "  --only LIST  run only these benchmarks, e.g. --only 5,6 (3 needs 2, which then runs too)\n"
      "  --repeat N   run the GUI-stall measurement of 5 N times in a row (1 to 20), one row per run,\n"
      "               each naming the phase and the event where its longest stall happened\n"
      "\n"
      "Exit status 0 when every figure was measured (targets missed included), 1 otherwise, 2 on bad "
      "usage.\n";

QString firstMatch(const QString& path, const QString& pattern)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    const auto match
        = QRegularExpression(pattern, QRegularExpression::MultilineOption).match(QString::fromLatin1(file.readAll()));
    return match.hasMatch() ? match.captured(1).trimmed() : QString();
}

QString machine()
{
    const QString cpu = firstMatch("/proc/cpuinfo", "^model name\\s*:\\s*(.*)$");
    const double ramGb = firstMatch("/proc/meminfo", "^MemTotal:\\s*(\\d+) kB").toDouble() / 1024.0 / 1024.0;
    return QString("%1 CPUs (%2), %3 GB RAM, %4")
        .arg(QThread::idealThreadCount())
        .arg(cpu.isEmpty() ? QString("unknown CPU") : cpu)
        .arg(QString::number(ramGb, 'f', 1), QSysInfo::prettyProductName());
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    StallWatchApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.contains("--mainwindow-child"))
        return GuiBench::runMainWindowChild(arguments);

    BenchContext context;
    bool markdown = false;
    bool rowsGiven = false;
    bool largeGiven = false;
    QList<int> only { 1, 2, 3, 4, 5, 6, 7 };
    int repeat = 1;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments.at(i);
        if (argument == "--quick") {
            context.quick = true;
        } else if (argument == "--markdown") {
            markdown = true;
        } else if (argument == "--rows" && i + 1 < arguments.size()) {
            if (!CountParser::parse(arguments.at(++i), &context.rows) || context.rows < 1000
                || context.rows > 50000000) {
                std::fprintf(stderr, "locklab-bench: --rows wants a count from 1,000 to 50,000,000.\n%s", kUsage);
                return 2;
            }
            rowsGiven = true;
        } else if (argument == "--large-rows" && i + 1 < arguments.size()) {
            if (!CountParser::parse(arguments.at(++i), &context.largeRows) || context.largeRows < 1000
                || context.largeRows > 50000000) {
                std::fprintf(stderr, "locklab-bench: --large-rows wants a count from 1,000 to 50,000,000.\n%s", kUsage);
                return 2;
            }
            largeGiven = true;
        } else if (argument == "--only" && i + 1 < arguments.size()) {
            only.clear();
            for (const QString& number : arguments.at(++i).split(',', Qt::SkipEmptyParts)) {
                const int n = number.trimmed().toInt();
                if (n < 1 || n > 7) {
                    std::fprintf(stderr, "locklab-bench: --only wants numbers from 1 to 7.\n%s", kUsage);
                    return 2;
                }
                only << n;
            }
            if (only.contains(3) && !only.contains(2))
                only << 2;
        } else if (argument == "--repeat" && i + 1 < arguments.size()) {
            bool ok = false;
            repeat = arguments.at(++i).toInt(&ok);
            if (!ok || repeat < 1 || repeat > 20) {
                std::fprintf(stderr, "locklab-bench: --repeat wants a number from 1 to 20.\n%s", kUsage);
                return 2;
            }
        } else if (argument == "--help" || argument == "-h") {
            std::fprintf(stdout, "%s", kUsage);
            return 0;
        } else {
            std::fprintf(stderr, "locklab-bench: unknown argument '%s'.\n%s", qPrintable(argument), kUsage);
            return 2;
        }
    }
    if (context.quick && !rowsGiven)
        context.rows = 20000;
    if (context.quick && !largeGiven)
        context.largeRows = 100000;

    // A scratch cluster the unprivileged server user can reach when run as root.
    QTemporaryDir scratch("/tmp/locklab-bench-XXXXXX");
    ::chmod(QFile::encodeName(scratch.path()).constData(), 0755);
    context.scratchDir = scratch.path();
    LaunchOptions launch;
    launch.dataDir = scratch.filePath("cluster");
    launch.forceEmbedded = true;
    ServerSession session(launch);
    QString error;
    BenchContext::say("starting a scratch embedded server in " + launch.dataDir);
    if (!session.open(&error)) {
        std::fprintf(stderr, "locklab-bench: the embedded server did not start: %s\n", qPrintable(error));
        return 1;
    }
    context.sandbox = session.sandboxSettings();
    context.serverVersion = session.serverVersion();
    context.library = LessonLoader::loadBuiltIn();
    const QString loadBefore = BenchContext::loadAverage();
    const QDateTime started = QDateTime::currentDateTime();

    {
        if (only.contains(1))
            SeedBench(context).run();
        LessonBench lessons(context);
        if (only.contains(2))
            lessons.blockedWindow();
        if (only.contains(3))
            lessons.safePath();
    }
    if (only.contains(4))
        ProbeRateBench(context).run();
    if (only.contains(5)) {
        GuiBench gui(context);
        gui.chart();
        for (int run = 1; run <= repeat; ++run)
            gui.mainWindow(QCoreApplication::applicationFilePath(), run, repeat);
    }
    if (only.contains(7))
        LockQueueBench(context).run();
    session.close(); // the start-up benchmark runs servers of its own
    if (only.contains(6))
        StartupBench(context, LOCKLAB_APP_PATH).run();

    const QString header = QString("LockLab %1 benchmark, %2 rows, %3\nMachine: %4\nPostgreSQL %5 (embedded, "
                                   "scratch cluster); Qt %6; load average %7 before, %8 after; took %9 s")
                               .arg(LOCKLAB_VERSION, CountParser::format(context.rows),
                                    started.toString("yyyy-MM-dd HH:mm"), machine(), context.serverVersion, qVersion(),
                                    loadBefore, BenchContext::loadAverage())
                               .arg(started.secsTo(QDateTime::currentDateTime()));
    if (markdown)
        std::fprintf(stdout, "%s\n\n%s", qPrintable(QString(header).replace("\n", "  \n")),
                     qPrintable(context.table.markdown()));
    else
        std::fprintf(stdout, "%s\n\n%s", qPrintable(header), qPrintable(context.table.text()));
    std::fflush(stdout);
    return context.table.failures() == 0 ? 0 : 1;
}
