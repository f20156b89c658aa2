#include "GuiBench.h"

#include "StallWatchApplication.h"

#include "app/MainWindow.h"
#include "charts/LatencyChart.h"
#include "core/lesson/CountParser.h"
#include "core/lesson/LessonLoader.h"
#include "core/run/RunStatistics.h"
#include "core/server/ServerSession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QMetaEnum>
#include <QProcess>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace locklab::bench {

namespace {
const QString kGroup = "5 GUI";

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}

// One read at 20 Hz: mostly sub-millisecond, now and then a 4 s stall with
// timeouts and "no free connection" ticks, as a long workshop session shows.
ProbeSample syntheticSample(int tick)
{
    ProbeSample sample;
    sample.scheduledMs = sample.startMs = tick * 50.0;
    sample.probe = 1 + tick % 4;
    const int inCycle = tick % 12000; // a stall every 10 minutes
    if (inCycle >= 6000 && inCycle < 6080) {
        if (inCycle % 20 < 4) {
            sample.outcome = ProbeOutcome::Timeout;
            sample.latencyMs = 3000;
        } else {
            sample.outcome = ProbeOutcome::NoFreeConnection;
            sample.probe = 0;
        }
    } else {
        sample.latencyMs = 0.6 + 0.3 * std::sin(tick * 1.7) + (tick % 97 == 0 ? 12 : 0);
    }
    return sample;
}

// CPU time of the whole process (the raster engine's helper threads too): on
// a shared machine the wall-clock figures include waiting for a core, this
// does not.
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct FlushTimes
{
    double flushMs = 0; // the queued points into the series (LatencyChart::flush)
    double paintMs = 0; // from then until the view has painted them
};

// Notes when the chart's viewport starts to paint.
class PaintWatcher : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject*, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

// What one flush tick costs in the window: the flush itself, then the event
// loop until the view has painted the result (one paint, as on screen).
FlushTimes flushAndPaint(LatencyChart& chart, PaintWatcher& watcher)
{
    FlushTimes times;
    QElapsedTimer clock;
    clock.start();
    const int before = watcher.paints;
    chart.flush();
    times.flushMs = double(clock.nsecsElapsed()) / 1e6;
    clock.restart();
    while (watcher.paints == before && clock.elapsed() < 1000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    times.paintMs = double(clock.nsecsElapsed()) / 1e6;
    return times;
}
} // namespace

qint64 procStatusKb(const char* field)
{
    QFile status("/proc/self/status");
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression pattern(QString("^%1:\\s+(\\d+) kB").arg(field), QRegularExpression::MultilineOption);
    const auto match = pattern.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

GuiBench::GuiBench(BenchContext& context)
    : m_context(context)
{
}

void GuiBench::chart()
{
    const int points = m_context.quick ? 7200 : 72000;
    const int trials = m_context.quick ? 3 : 7;
    BenchContext::say(QString("5. LatencyChart with %1 points").arg(CountParser::format(points)));
    LatencyChart chart;
    chart.resize(1200, 700);
    PaintWatcher watcher;
    chart.viewport()->installEventFilter(&watcher);
    chart.show();
    BenchContext::runFor(200);

    QList<double> bulk, bulkPaint, bulkCpu, live, livePaint, liveCpu;
    for (int trial = 0; trial < trials; ++trial) {
        chart.clear();
        flushAndPaint(chart, watcher);
        QElapsedTimer clock;
        double cpuStart = cpuMs();
        clock.start();
        for (int tick = 0; tick < points; ++tick)
            chart.addSample(syntheticSample(tick));
        const FlushTimes all = flushAndPaint(chart, watcher);
        bulk << double(clock.nsecsElapsed()) / 1e6;
        bulkCpu << cpuMs() - cpuStart;
        bulkPaint << all.paintMs;

        // A live flush: 100 ms of probing (two reads) into the full chart.
        QList<double> flushes, paints, cpu;
        for (int i = 0; i < 10; ++i) {
            clock.restart();
            cpuStart = cpuMs();
            chart.addSample(syntheticSample(points + 2 * i));
            chart.addSample(syntheticSample(points + 2 * i + 1));
            paints << flushAndPaint(chart, watcher).paintMs;
            flushes << double(clock.nsecsElapsed()) / 1e6;
            cpu << cpuMs() - cpuStart;
        }
        live << median(flushes);
        livePaint << median(paints);
        liveCpu << median(cpu);
    }
    // Opening a saved run: the whole record at once (showRecord), then the
    // first paint, as the session window and the run list do.
    RunRecord record;
    record.endMs = points * 50.0;
    for (int tick = 0; tick < points; ++tick)
        record.samples.append(syntheticSample(tick));
    QList<double> open, openPaint, openCpu;
    for (int trial = 0; trial < trials; ++trial) {
        chart.clear();
        flushAndPaint(chart, watcher);
        QElapsedTimer clock;
        const double cpuStart = cpuMs();
        clock.start();
        chart.showRecord(record);
        const int before = watcher.paints;
        QElapsedTimer paintClock;
        paintClock.start();
        while (watcher.paints == before && paintClock.elapsed() < 1000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        openPaint << double(paintClock.nsecsElapsed()) / 1e6;
        open << double(clock.nsecsElapsed()) / 1e6;
        openCpu << cpuMs() - cpuStart;
    }
    m_context.table.addBounded(
        kGroup, QString("Open a saved %1-sample run (showRecord) and paint").arg(CountParser::format(points)),
        median(open), BenchTable::ms(median(open)), 16, "<= 16 ms",
        QString("median of %1 trials; of which painting %2; CPU %3")
            .arg(trials)
            .arg(BenchTable::ms(median(openPaint)), BenchTable::ms(median(openCpu))));

    const QString onChart = QString("%1 points on the chart")
                                .arg(chart.okPointCount() + chart.problemPointCount() + chart.noFreeConnectionCount());
    m_context.table.addBounded(kGroup,
                               QString("Append %1 points (%2 at 20 Hz) and repaint")
                                   .arg(CountParser::format(points),
                                        points == 72000 ? QString("an hour") : BenchTable::seconds(points * 50.0)),
                               median(bulk), BenchTable::ms(median(bulk)), 16, "<= 16 ms",
                               QString("median of %1 trials, 1200 x 700 offscreen, %2; of which painting %3; CPU %4")
                                   .arg(trials)
                                   .arg(onChart, BenchTable::ms(median(bulkPaint)), BenchTable::ms(median(bulkCpu))));
    m_context.table.addBounded(
        kGroup,
        QString("Live flush (2 new points) into the %1-point chart and repaint").arg(CountParser::format(points)),
        median(live), BenchTable::ms(median(live)), 8, "<= 8 ms",
        QString("of which painting %1; CPU %2")
            .arg(BenchTable::ms(median(livePaint)), BenchTable::ms(median(liveCpu))));
}

void GuiBench::mainWindow(const QString& benchExecutable, int run, int runs)
{
    const QString ofRuns = runs > 1 ? QString(", run %1 of %2").arg(run).arg(runs) : QString();
    BenchContext::say(QString("5. MainWindow: GUI stalls during NOT NULL, peak RSS over a %1-row lesson run%2")
                          .arg(CountParser::format(m_context.rows), ofRuns));
    const QString loadBefore = BenchContext::loadAverage();
    const ConnectionSettings& s = m_context.sandbox;
    const QString uri = QString("host=%1 port=%2 user=%3 dbname=%4").arg(s.host).arg(s.port).arg(s.user, s.database);
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(benchExecutable, { "--mainwindow-child", "--db", uri, "--rows", QString::number(m_context.rows) });
    const bool finished = child.waitForFinished(900000);
    if (!finished || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        const QString why = !finished ? QString("the child process did not finish in 15 minutes")
            : child.exitStatus() != QProcess::NormalExit
            ? QString("the child process crashed")
            : QString("the child process failed (exit %1)").arg(child.exitCode());
        child.kill();
        m_context.table.addFailure(kGroup, "MainWindow run" + ofRuns, why);
        return;
    }
    QMap<QString, double> values;
    QMap<QString, QString> texts;
    for (const QString& line : QString::fromUtf8(child.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts)) {
        const QString key = line.section('=', 0, 0).trimmed();
        if (key.startsWith("text:"))
            texts.insert(key.mid(5), line.section('=', 1).trimmed());
        else
            values.insert(key, line.section('=', 1).toDouble());
    }
    const double stall = values.value("longest_stall_ms", -1);
    const double hwm = values.value("vm_hwm_kb", -1);
    const QString where = QString("phase %1, in %2")
                              .arg(texts.value("longest_stall_phase", "?"), texts.value("longest_stall_where", "?"));
    std::fprintf(stderr, "locklab-bench: GUI stall%s: %.1f ms, %s; load average %s before, %s after\n",
                 qPrintable(ofRuns), stall, qPrintable(where), qPrintable(loadBefore),
                 qPrintable(BenchContext::loadAverage()));
    m_context.table.addBounded(kGroup,
                               "Longest GUI event-loop stall during NOT NULL in MainWindow (1 ms timer)" + ofRuns,
                               stall, BenchTable::ms(stall), 16, "<= 16 ms",
                               QString("%1; %2 timer ticks; step %3; reads blocked %4; load %5")
                                   .arg(where)
                                   .arg(values.value("ticks"))
                                   .arg(BenchTable::seconds(values.value("step_ms")),
                                        BenchTable::seconds(values.value("blocked_ms")), loadBefore));
    if (run < runs)
        return; // the peak RSS once, from the last run
    m_context.table.addBounded(kGroup,
                               QString("Peak RSS (VmHWM) of the window's process, %1-row seed + NOT NULL")
                                   .arg(CountParser::format(m_context.rows)),
                               hwm / 1024.0, BenchTable::megabytes(hwm), 250, "<= 250 MB",
                               QString("RSS %1 after start-up, %2 at the end")
                                   .arg(BenchTable::megabytes(values.value("rss_start_kb")),
                                        BenchTable::megabytes(values.value("rss_end_kb"))));
}

int GuiBench::runMainWindowChild(const QStringList& arguments)
{
    const QString db = arguments.value(arguments.indexOf("--db") + 1);
    const qint64 rows = arguments.value(arguments.indexOf("--rows") + 1).toLongLong();
    LaunchOptions launch;
    launch.connectionString = db;
    ServerSession session(launch);
    QString error;
    if (!session.open(&error)) {
        std::fprintf(stderr, "locklab-bench child: %s\n", qPrintable(error));
        return 1;
    }
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    MainWindow window(session, library);
    window.resize(1440, 900);
    window.show();
    LessonRunner* runner = window.runner();
    auto waitForStep = [runner](RunRecord* record) {
        QEventLoop loop;
        bool ok = false;
        QObject::connect(runner, &LessonRunner::stepFinished, &loop,
                         [&](const RunRecord& r, const StepOutcome& outcome) {
                             *record = r;
                             ok = outcome.succeeded;
                             loop.quit();
                         });
        loop.exec();
        return ok;
    };
    {
        QEventLoop settle; // the first snapshot and paint
        QTimer::singleShot(1000, &settle, &QEventLoop::quit);
        settle.exec();
    }
    const qint64 rssStart = procStatusKb("VmRSS");

    // Lesson 1 through the window's runner (the window's own Run button would
    // ask before dropping the tables), then lesson 3 as the attendee runs it.
    RunRecord record;
    if (!runner->runStep(library, "seed", 0, { { "rows", rows } }, &error) || !waitForStep(&record)) {
        std::fprintf(stderr, "locklab-bench child: seeding failed %s\n", qPrintable(error));
        return 1;
    }
    window.selectStep(2, 0);
    // The stall is the longest gap between two ticks of a 1 ms timer; the
    // application times every event, so the one that ran in that gap is named.
    StallWatchApplication* watch = StallWatchApplication::instance();
    qint64 lastTickNs = -1;
    QElapsedTimer sinceRun;
    double longest = 0;
    double longestAt = 0;
    QString longestPhase;
    QString longestWhere = QStringLiteral("no event recorded");
    qint64 ticks = 0;
    LessonRunner::Phase phase = LessonRunner::Phase::Idle;
    QObject::connect(runner, &LessonRunner::phaseChanged, [&phase](LessonRunner::Phase p) { phase = p; });
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&]() {
        const qint64 now = watch->nowNs();
        const double ms = lastTickNs >= 0 ? double(now - lastTickNs) / 1e6 : 0;
        if (ms > longest) {
            longest = ms;
            longestAt = double(sinceRun.elapsed());
            longestPhase = QMetaEnum::fromType<LessonRunner::Phase>().valueToKey(int(phase));
            const auto culprit = watch->longestBetween(lastTickNs, now);
            longestWhere = culprit ? StallWatchApplication::describe(*culprit)
                                   : QStringLiteral("outside event dispatch (the event loop itself)");
        }
        lastTickNs = now;
        ++ticks;
    });
    bool logging = false;
    const double logMs = qEnvironmentVariable("LOCKLAB_BENCH_LOG_EVENTS_MS").toDouble(&logging);
    if (logging)
        watch->setLogThresholdMs(logMs);
    watch->setWatching(true);
    tick.start();
    sinceRun.start();
    window.runCurrentStep();
    if (!runner->isBusy() || !waitForStep(&record)) {
        std::fprintf(stderr, "locklab-bench child: the NOT NULL step did not run or failed\n");
        return 1;
    }
    tick.stop();
    watch->setWatching(false);
    // The timer's own period is not a stall: count only the time beyond it.
    std::printf("longest_stall_ms=%.3f\n", std::max(0.0, longest - 1.0));
    std::printf("ticks=%lld\n", ticks);
    std::printf("longest_stall_at_ms=%.0f\n", longestAt);
    std::fprintf(stderr, "locklab-bench child: longest stall %.1f ms at %.0f ms, phase %s, in %s\n", longest, longestAt,
                 qPrintable(longestPhase), qPrintable(longestWhere));
    // Text values, one a line, after the numbers.
    std::printf("text:longest_stall_phase=%s\n", qPrintable(longestPhase));
    std::printf("text:longest_stall_where=%s\n", qPrintable(longestWhere));
    std::printf("step_ms=%.1f\n", record.migrationEndMs - record.migrationStartMs);
    std::printf("blocked_ms=%.1f\n", RunStatistics::compute(record).blockedMs);
    std::printf("rss_start_kb=%lld\n", rssStart);
    std::printf("rss_end_kb=%lld\n", procStatusKb("VmRSS"));
    std::printf("vm_hwm_kb=%lld\n", procStatusKb("VmHWM"));
    std::fflush(stdout);
    return 0;
}

} // namespace locklab::bench
