#include "SqlCheck.h"
#include "TestServer.h"
#include "core/observe/LockMonitor.h"
#include "core/observe/ProbePool.h"
#include "core/server/DatabaseConnection.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

#include <algorithm>
#include <functional>

using namespace locklab;

namespace {

bool exec(DatabaseConnection& connection, const QString& sql)
{
    return test::execOrWarn(connection.database(), sql);
}

bool isBlocked(const ProbeSample& s)
{
    return s.outcome == ProbeOutcome::Timeout || (s.outcome == ProbeOutcome::Ok && s.latencyMs > 100);
}

// Runs the event loop for ms. Unlike QTest::qWait, which sleeps in 10 ms
// slices between event batches, timers fire when due, as in the app.
void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

int count(const QList<ProbeSample>& samples, const std::function<bool(const ProbeSample&)>& pred)
{
    return int(std::count_if(samples.cbegin(), samples.cend(), pred));
}

// Ticks per second between the first and the last scheduled tick, every kind of sample counted.
double achievedRate(const QList<ProbeSample>& samples)
{
    if (samples.size() < 2)
        return 0;
    double first = samples.first().scheduledMs;
    double last = first;
    for (const ProbeSample& s : samples) {
        first = std::min(first, s.scheduledMs);
        last = std::max(last, s.scheduledMs);
    }
    return (samples.size() - 1) * 1000.0 / (last - first);
}

struct Snapshot
{
    QList<LockRow> rows;
    double atMs;
};

} // namespace

class TestProbes : public QObject
{
    Q_OBJECT

private:
    ConnectionSettings m_settings;

    // What the lessons declare (lessons/probes.json and lesson 6).
    static ProbeSpec readSpec()
    {
        return { ProbeKind::Read, "large_user", "SELECT * FROM large_user ORDER BY id LIMIT 100" };
    }
    static ProbeSpec writeSpec()
    {
        return { ProbeKind::Write, "large_user",
                 "UPDATE large_user SET name = name WHERE id = "
                 "(SELECT floor(random() * (SELECT max(id) FROM large_user))::bigint + 1)" };
    }

    ProbeSettings probeSettings(int timeoutMs = 3000) const
    {
        ProbeSettings s;
        s.rateHz = 20;
        s.connections = 4;
        s.timeoutMs = timeoutMs;
        return s;
    }

    // Starts the pool and waits until it ticks.
    static bool startPool(ProbePool& pool, const RunClock& clock)
    {
        QSignalSpy ready(&pool, &ProbePool::ready);
        pool.start(clock);
        return ready.wait(10000);
    }

private slots:
    void initTestCase()
    {
        LOCKLAB_REQUIRE_SERVER(server);
        m_settings = server->sandboxSettings();
        DatabaseConnection setup(m_settings, "tst_probes-setup");
        QString error;
        QVERIFY2(setup.open(&error), qPrintable(error));
        QVERIFY(exec(setup, "DROP TABLE IF EXISTS large_user, side_table"));
        QVERIFY(exec(setup, "CREATE TABLE large_user (id bigserial PRIMARY KEY, name varchar(100) NOT NULL)"));
        QVERIFY(exec(setup, "INSERT INTO large_user (name) SELECT 'user ' || g FROM generate_series(1, 5000) g"));
        QVERIFY(exec(setup, "CREATE TABLE side_table (id int)"));
        QVERIFY(exec(setup, "ANALYZE large_user"));
    }

    void validatesSettings()
    {
        QString error;
        ProbeSettings s;
        QVERIFY(ProbeSettings::validate(s, &error));
        s.rateHz = 150;
        QVERIFY(!ProbeSettings::validate(s, &error));
        QVERIFY2(error.contains("between 1 and 100"), qPrintable(error));
        s = ProbeSettings();
        s.connections = 17;
        QVERIFY(!ProbeSettings::validate(s, &error));
        QVERIFY2(error.contains("between 1 and 16"), qPrintable(error));
        s = ProbeSettings();
        s.timeoutMs = 50;
        QVERIFY(!ProbeSettings::validate(s, &error));
        QVERIFY2(error.contains("100 ms and 60000 ms"), qPrintable(error));
    }

    void readsStallBehindAccessExclusiveAndTheMonitorSeesIt()
    {
        const RunClock clock;
        ProbePool pool(m_settings, probeSettings(), readSpec());
        // Polling every 100 ms: a lock interval is off by up to two polls, and
        // at the default 200 ms that is exactly the 400 ms this test allows.
        LockMonitor monitor(m_settings, 100);
        QList<Snapshot> snapshots;
        connect(&monitor, &LockMonitor::snapshot, this, [&snapshots](const QList<LockRow>& rows, double atMs) {
            snapshots.append({ rows, atMs });
        });
        QSignalSpy monitorReady(&monitor, &LockMonitor::ready);
        monitor.start(clock);
        pool.setStep("lead");
        QVERIFY(startPool(pool, clock));
        QVERIFY(monitorReady.count() == 1 || monitorReady.wait(5000));
        runFor(1000);

        DatabaseConnection locker(m_settings, "locklab-migration");
        DatabaseConnection bystander(m_settings, "tst_probes");
        QString error;
        QVERIFY2(locker.open(&error), qPrintable(error));
        QVERIFY2(bystander.open(&error), qPrintable(error));
        QVERIFY(exec(bystander, "BEGIN") && exec(bystander, "LOCK TABLE side_table IN ROW EXCLUSIVE MODE"));
        const double lockStepMs = clock.nowMs();
        pool.setStep("lock");
        QVERIFY(exec(locker, "BEGIN"));
        QVERIFY(exec(locker, "LOCK TABLE large_user IN ACCESS EXCLUSIVE MODE"));
        const double holdStart = clock.nowMs();
        runFor(1500);
        QVERIFY(exec(locker, "COMMIT"));
        const double holdEnd = clock.nowMs();
        pool.setStep("tail");
        QVERIFY(exec(bystander, "COMMIT"));
        runFor(1000);
        pool.stop();
        monitor.stop();

        const QList<ProbeSample> samples = pool.samples();
        const int blocked = count(samples, isBlocked);
        const int noFree = count(samples,
                                 [](const ProbeSample& s) { return s.outcome == ProbeOutcome::NoFreeConnection; });
        const double rate = achievedRate(samples);
        double maxLatency = 0;
        for (const ProbeSample& s : samples)
            maxLatency = std::max(maxLatency, s.latencyMs);
        qInfo("samples %lld, blocked %d, no free connection %d, max latency %.0f ms, rate %.2f Hz, hold %.0f ms",
              qint64(samples.size()), blocked, noFree, maxLatency, rate, holdEnd - holdStart);
        for (const ProbeSample& s : samples) {
            if (isBlocked(s))
                qInfo("  blocked: probe %d scheduled %.0f started %.0f took %.0f ms", s.probe, s.scheduledMs, s.startMs,
                      s.latencyMs);
        }
        QVERIFY(blocked >= 1);
        QVERIFY(noFree >= 1); // 4 connections stuck for 1.5 s at 20 Hz
        QVERIFY2(std::abs(rate - 20.0) <= 2.0, qPrintable(QString::number(rate)));
        for (const ProbeSample& s : samples) {
            // Ticks carry the step that was current when they were scheduled.
            const QString step = s.scheduledMs < lockStepMs ? "lead" : s.scheduledMs < holdEnd ? "lock" : "tail";
            QCOMPARE(s.step, step);
            if (s.outcome == ProbeOutcome::NoFreeConnection || s.inFlight)
                continue;
            QVERIFY2(s.outcome != ProbeOutcome::Error, qPrintable(s.message));
            const bool before = s.endMs() < holdStart - 20;
            const bool after = s.startMs > holdEnd + 50;
            if (before || after)
                QVERIFY2(
                    s.latencyMs < 100,
                    qPrintable(QString("probe %1 at %2 ms took %3 ms").arg(s.probe).arg(s.startMs).arg(s.latencyMs)));
        }

        // The monitor saw the migration's lock granted and the probes queued behind it.
        bool sawHeld = false;
        bool sawWaiting = false;
        bool sawOther = false;
        for (const Snapshot& snap : std::as_const(snapshots)) {
            for (const LockRow& row : snap.rows) {
                if (row.pid == locker.backendPid() && row.relation == "large_user" && row.mode == "AccessExclusiveLock"
                    && row.granted) {
                    QCOMPARE(row.who, QString("migration"));
                    QCOMPARE(row.applicationName, QString("locklab-migration"));
                    QVERIFY(row.query.contains("LOCK TABLE"));
                    sawHeld = true;
                }
                if (!row.granted && row.relation == "large_user" && row.blockedBy.contains(locker.backendPid())) {
                    QVERIFY2(row.who.startsWith("probe "), qPrintable(row.who));
                    QVERIFY(row.waitingMs >= 0 && row.waitingMs < 2000);
                    sawWaiting = true;
                }
                if (row.pid == bystander.backendPid() && row.relation == "side_table") {
                    QCOMPARE(row.who, QString("other"));
                    sawOther = true;
                }
                QVERIFY(row.who != "monitor"); // its own backend is left out
            }
        }
        QVERIFY(sawHeld);
        QVERIFY(sawWaiting);
        QVERIFY(sawOther);

        const QList<LockInterval> intervals = monitor.intervals();
        const auto held = std::find_if(intervals.cbegin(), intervals.cend(), [&](const LockInterval& i) {
            return i.pid == locker.backendPid() && i.mode == "AccessExclusiveLock" && i.relation == "large_user";
        });
        QVERIFY(held != intervals.cend());
        qInfo("AccessExclusiveLock interval %.0f..%.0f ms (%.0f ms), held %.0f..%.0f ms", held->fromMs, held->toMs,
              held->durationMs(), holdStart, holdEnd);
        QCOMPARE(held->holder, QString("migration"));
        QVERIFY(std::abs(held->durationMs() - (holdEnd - holdStart)) <= 400);
    }

    void shortTimeoutEndsAsTimeout()
    {
        const RunClock clock;
        ProbePool pool(m_settings, probeSettings(300), readSpec());
        QVERIFY(startPool(pool, clock));
        runFor(300);
        DatabaseConnection locker(m_settings, "locklab-migration");
        QString error;
        QVERIFY2(locker.open(&error), qPrintable(error));
        QVERIFY(exec(locker, "BEGIN") && exec(locker, "LOCK TABLE large_user IN ACCESS EXCLUSIVE MODE"));
        runFor(1000);
        QVERIFY(exec(locker, "COMMIT"));
        runFor(500);
        pool.stop();

        const QList<ProbeSample> samples = pool.samples();
        QList<ProbeSample> timeouts;
        for (const ProbeSample& s : samples) {
            if (s.outcome == ProbeOutcome::Timeout)
                timeouts.append(s);
        }
        qInfo("timeouts %lld of %lld samples", qint64(timeouts.size()), qint64(samples.size()));
        QVERIFY(!timeouts.isEmpty());
        for (const ProbeSample& s : std::as_const(timeouts)) {
            QVERIFY2(s.latencyMs >= 250 && s.latencyMs < 1000, qPrintable(QString::number(s.latencyMs)));
            QVERIFY2(s.message.contains("57014"), qPrintable(s.message));
        }
    }

    void terminatedProbeReconnectsWhileOthersGoOn()
    {
        const RunClock clock;
        // 50 Hz: with 4 connections probe 2 gets a tick every 80 ms, several during its 200 ms backoff.
        ProbeSettings settings = probeSettings();
        settings.rateHz = 50;
        ProbePool pool(m_settings, settings, readSpec());
        QSignalSpy problems(&pool, &ProbePool::connectionProblem);
        QVERIFY(startPool(pool, clock));
        runFor(500);
        DatabaseConnection admin(m_settings, "tst_probes-admin");
        QString error;
        QVERIFY2(admin.open(&error), qPrintable(error));
        QSqlQuery query(admin.database());
        QVERIFY(query.exec("SELECT pid FROM pg_stat_activity WHERE application_name = 'locklab-probe-2' "
                           "AND datname = current_database()"));
        QVERIFY(query.next());
        const int oldPid = query.value(0).toInt();
        const double killedAt = clock.nowMs();
        QVERIFY(query.exec(QString("SELECT pg_terminate_backend(%1)").arg(oldPid)));
        runFor(2000);
        QVERIFY(query.exec("SELECT pid FROM pg_stat_activity WHERE application_name = 'locklab-probe-2' "
                           "AND datname = current_database()"));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toInt() != oldPid);
        pool.stop();

        const QList<ProbeSample> samples = pool.samples();
        double firstError = -1;
        double lastError = -1;
        int errors = 0;
        for (const ProbeSample& s : samples) {
            if (s.probe == 2 && s.outcome == ProbeOutcome::Error) {
                QVERIFY(s.startMs >= killedAt);
                if (firstError < 0)
                    firstError = s.startMs;
                lastError = s.startMs;
                ++errors;
            } else {
                QVERIFY2(s.outcome == ProbeOutcome::Ok, qPrintable(s.message));
            }
        }
        QVERIFY(errors >= 1);
        const int okAfter = count(samples, [&](const ProbeSample& s) {
            return s.probe == 2 && s.outcome == ProbeOutcome::Ok && s.startMs > lastError;
        });
        const int othersDuringGap = count(samples, [&](const ProbeSample& s) {
            return s.probe != 2 && s.outcome == ProbeOutcome::Ok && s.startMs >= firstError && s.startMs <= lastError;
        });
        qInfo("probe 2: %d error samples over %.0f ms, then %d ok; others ok during the gap: %d", errors,
              lastError - firstError, okAfter, othersDuringGap);
        QVERIFY(okAfter >= 1);
        QVERIFY(errors >= 2); // the terminated query, then "reconnecting" while it waits to reconnect
        QVERIFY(othersDuringGap >= 1);
        QVERIFY(problems.count() >= 1);
    }

    void stopReturnsQuicklyWhileLocked()
    {
        const RunClock clock;
        ProbePool pool(m_settings, probeSettings(30000), readSpec());
        LockMonitor monitor(m_settings);
        monitor.start(clock);
        QVERIFY(startPool(pool, clock));
        DatabaseConnection locker(m_settings, "locklab-migration");
        QString error;
        QVERIFY2(locker.open(&error), qPrintable(error));
        QVERIFY(exec(locker, "BEGIN") && exec(locker, "LOCK TABLE large_user IN ACCESS EXCLUSIVE MODE"));
        runFor(500);
        QElapsedTimer timer;
        timer.start();
        pool.stop();
        monitor.stop();
        const qint64 stopMs = timer.elapsed();
        QVERIFY(exec(locker, "COMMIT"));
        qInfo("stop() took %lld ms with every probe blocked", stopMs);
        QVERIFY(stopMs < 1500);
        QVERIFY(!pool.isRunning());
        const QList<ProbeSample> samples = pool.samples();
        QCOMPARE(count(samples, [](const ProbeSample& s) { return s.inFlight; }), 4);

        // The connections are gone from the server too.
        QSqlQuery query(locker.database());
        QTRY_VERIFY_WITH_TIMEOUT(query.exec("SELECT count(*) FROM pg_stat_activity WHERE application_name "
                                            "LIKE 'locklab-probe-%' OR application_name = 'locklab-monitor'")
                                     && query.next() && query.value(0).toInt() == 0,
                                 3000);
    }

    void aStatementStartingMakesTheMonitorPollClosely()
    {
        const RunClock clock;
        LockMonitor monitor(m_settings, 2000); // one regular poll in the whole window below
        QSignalSpy ready(&monitor, &LockMonitor::ready);
        QSignalSpy snapshots(&monitor, &LockMonitor::snapshot);
        monitor.start(clock);
        QVERIFY(ready.wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(snapshots.count(), 1, 2000); // begin() polls once
        monitor.pollClosely();
        runFor(LockMonitor::kCloseForMs);
        const qsizetype close = snapshots.count() - 1;
        qInfo("%lld polls in the %d ms after a statement started (every %d ms asked)", qlonglong(close),
              LockMonitor::kCloseForMs, LockMonitor::kCloseMs);
        QVERIFY2(close >= 5, "the monitor did not poll closely after pollClosely()");
        // Then back to its own pace.
        const qsizetype after = snapshots.count();
        runFor(500);
        QVERIFY(snapshots.count() - after <= 2);
        monitor.stop();
    }

    void writeProbeWrites()
    {
        const RunClock clock;
        ProbePool pool(m_settings, probeSettings(), writeSpec());
        QVERIFY(startPool(pool, clock));
        runFor(500);
        pool.stop();
        const QList<ProbeSample> samples = pool.samples();
        QVERIFY(samples.size() >= 8);
        for (const ProbeSample& s : samples) {
            QVERIFY2(s.outcome == ProbeOutcome::Ok, qPrintable(s.message));
            QCOMPARE(s.kind, ProbeKind::Write);
        }
    }
};

QTEST_GUILESS_MAIN(TestProbes)
#include "tst_probes.moc"
