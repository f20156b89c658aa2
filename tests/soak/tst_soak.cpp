#include "TestServer.h"
#include "core/lesson/LessonLoader.h"
#include "core/run/LessonRunner.h"
#include "core/server/DatabaseConnection.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QtTest>

using namespace locklab;

// The NOT NULL lesson forward and back (the rollback lesson) N times at
// 50,000 rows through LessonRunner, as the app runs it, with probes and the
// lock monitor. After every run the LockLab connections in pg_stat_activity
// are back to their baseline; the process RSS grows by at most 5% between an
// early run (once allocations have settled) and the last.
//
// N is LOCKLAB_SOAK_RUNS (default 6, the short version ctest runs; the full
// soak is LOCKLAB_SOAK_RUNS=20). RSS is compared from run 5 (run 3 when N < 10).
namespace {

constexpr qint64 kRows = 50000;

// AddressSanitizer keeps freed memory in quarantine (256 MB by default), so
// under it RSS grows by design; its leak checker covers that build instead.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kRssMeaningful = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kRssMeaningful = false;
#else
constexpr bool kRssMeaningful = true;
#endif
#else
constexpr bool kRssMeaningful = true;
#endif

qint64 rssKiB()
{
    QFile status("/proc/self/status");
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

class TestSoak : public QObject
{
    Q_OBJECT

private:
    test::TestServer* m_server = nullptr;
    LessonLibrary m_library;
    std::unique_ptr<DatabaseConnection> m_check;

    // LockLab's connections to the server, other than this checking one.
    int lockLabConnections()
    {
        QSqlQuery query(m_check->database());
        if (!query.exec("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'locklab-%' "
                        "AND pid <> pg_backend_pid()")
            || !query.next())
            return -1;
        return query.value(0).toInt();
    }

    bool run(LessonRunner& runner, const QString& lessonId, const QVariantMap& parameters = {})
    {
        bool finished = false;
        StepOutcome outcome;
        QObject receiver;
        connect(&runner, &LessonRunner::stepFinished, &receiver, [&](const RunRecord&, const StepOutcome& o) {
            finished = true;
            outcome = o;
        });
        QString error;
        if (!runner.runStep(m_library, lessonId, 0, parameters, &error)) {
            qWarning("%s: %s", qPrintable(lessonId), qPrintable(error));
            return false;
        }
        (void)QTest::qWaitFor([&finished]() { return finished; }, 120000); // reported below when not finished
        if (!outcome.succeeded)
            qWarning("%s: %s", qPrintable(lessonId), qPrintable(finished ? outcome.error : QString("did not finish")));
        return outcome.succeeded;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_server = test::TestServer::instance(&error);
        QVERIFY2(m_server, qPrintable(error));
        m_library = LessonLoader::loadBuiltIn();
        m_check = std::make_unique<DatabaseConnection>(m_server->sandboxSettings(), "locklab-soak-check");
        QVERIFY2(m_check->open(&error), qPrintable(error));
    }

    void cleanupTestCase() { m_check.reset(); }

    void notNullForwardAndBack()
    {
        const int runs = qEnvironmentVariableIsSet("LOCKLAB_SOAK_RUNS")
            ? qEnvironmentVariableIntValue("LOCKLAB_SOAK_RUNS")
            : 6;
        QVERIFY2(runs >= 4, "LOCKLAB_SOAK_RUNS must be at least 4");
        const int rssFrom = runs >= 10 ? 5 : 3;

        LessonRunner runner(m_server->sandboxSettings());
        ProbeSettings probes;
        probes.leadMs = 200;
        probes.tailMs = 300;
        runner.setProbeSettings(probes);
        QVERIFY(run(runner, "seed", { { "rows", kRows } }));
        // The worker keeps its one connection between steps: that is the baseline.
        const int baseline = lockLabConnections();
        QVERIFY(baseline >= 0);
        qInfo("baseline: %d LockLab connection(s), RSS %lld KiB", baseline, rssKiB());

        QList<qint64> rss;
        QElapsedTimer total;
        total.start();
        for (int i = 1; i <= runs; ++i) {
            QElapsedTimer timer;
            timer.start();
            QVERIFY2(run(runner, "not-null"), qPrintable(QString("run %1 forward").arg(i)));
            QTRY_COMPARE_WITH_TIMEOUT(lockLabConnections(), baseline, 10000);
            QVERIFY2(run(runner, "rollback"), qPrintable(QString("run %1 back").arg(i)));
            // Probe and monitor connections end when their threads do; the
            // server notices within moments.
            QTRY_COMPARE_WITH_TIMEOUT(lockLabConnections(), baseline, 10000);
            rss << rssKiB();
            qInfo("run %d/%d: %lld ms, %d LockLab connection(s), RSS %lld KiB", i, runs, timer.elapsed(),
                  lockLabConnections(), rss.last());
        }
        const qint64 from = rss.at(rssFrom - 1);
        const qint64 to = rss.last();
        const double growth = 100.0 * double(to - from) / double(from);
        qInfo("%d runs in %lld ms; RSS run %d: %lld KiB, run %d: %lld KiB (%+.1f%%)", runs, total.elapsed(), rssFrom,
              from, runs, to, growth);
        if (!kRssMeaningful) {
            qInfo("RSS not checked: AddressSanitizer's quarantine holds freed memory (LeakSanitizer checks leaks)");
            return;
        }
        QVERIFY2(to <= from * 105 / 100, qPrintable(QString("RSS grew %1%").arg(growth, 0, 'f', 1)));
    }
};

QTEST_GUILESS_MAIN(TestSoak)
#include "tst_soak.moc"
