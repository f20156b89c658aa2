#include "TestServer.h"
#include "core/lesson/LessonLoader.h"
#include "core/observe/LockMonitor.h"
#include "core/observe/ProbePool.h"
#include "core/observe/ProbeWorker.h"
#include "core/observe/ThreadReaper.h"
#include "core/run/LessonRunner.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QThread>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace locklab;

namespace {
// A TCP port on localhost the kernel accepts connections on and nobody ever
// answers: a client's connection attempt waits until its connect_timeout.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(m_fd, 16) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
    }
    ~SilentListener()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};
} // namespace

// Where the GUI thread meets the workers' threads.
class TestThreadEdges : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<RunRecord>(); }

    // A cancel pressed while the worker still connects and plans belongs to
    // that step: the step ends cancelled and changes nothing.
    void cancelWhileTheWorkerPreparesIsKept()
    {
        LOCKLAB_REQUIRE_SERVER(server);
        const LessonLibrary library = LessonLoader::loadBuiltIn();
        LessonRunner runner(server->sandboxSettings());
        runner.setPreflight(0, false); // no pre-flight check: the worker is handed the step at once
        QSignalSpy finished(&runner, &LessonRunner::stepFinished);
        QString error;
        // The seed step runs without probes: the worker starts at once.
        QVERIFY2(runner.runStep(library, "seed", 0, { { "rows", 20000 } }, &error), qPrintable(error));
        QCOMPARE(runner.phase(), LessonRunner::Phase::Running);
        runner.cancel();
        QVERIFY(finished.wait(60000));
        const RunRecord record = finished.first().at(0).value<RunRecord>();
        QVERIFY2(record.cancelled, qPrintable(record.error));
        QVERIFY(!record.succeeded);
        QVERIFY(record.statements.isEmpty());
    }

    // The pool keeps a worker's stop handle; stopping through it after the
    // worker and its thread are gone is harmless.
    void stopHandleOutlivesTheWorker()
    {
        LOCKLAB_REQUIRE_SERVER(server);
        auto* thread = new QThread;
        auto* worker = new ProbeWorker(1, server->sandboxSettings(), ProbeSettings(),
                                       ProbeSpec { ProbeKind::Read, "large_user", "SELECT 1 FROM large_user LIMIT 1" },
                                       RunClock());
        worker->moveToThread(thread);
        connect(thread, &QThread::finished, worker, &QObject::deleteLater);
        QSignalSpy opened(worker, &ProbeWorker::opened);
        thread->start();
        QMetaObject::invokeMethod(worker, &ProbeWorker::open, Qt::QueuedConnection);
        QVERIFY(opened.wait(30000));
        QVERIFY(opened.first().at(1).toBool());
        const std::shared_ptr<StopHandle> stop = worker->stopHandle();
        QPointer<ProbeWorker> watched(worker);
        thread->quit();
        QVERIFY(thread->wait(10000));
        QTRY_VERIFY(watched.isNull());
        delete thread;
        stop->requestStop(); // the worker and its connection are gone
        QVERIFY(stop->isStopping());
        QVERIFY(!stop->canceller()->cancel()); // nothing attached any more
    }

    // Stopping observers does not wait for their threads on the caller's (the
    // GUI) thread. Their workers here are stuck in a connection attempt to a
    // server that accepts and never answers, which no cancel reaches: before
    // the ThreadReaper, stop() waited its whole budget (1 s) for each.
    void stoppingObserversDoesNotWaitForTheirThreads()
    {
        SilentListener silent;
        QVERIFY(silent.port() > 0);
        ConnectionSettings settings;
        settings.host = "127.0.0.1";
        settings.port = silent.port();
        settings.user = "nobody";
        settings.database = "nothing";
        settings.options.insert("connect_timeout", "3");
        settings.options.insert("sslmode", "disable");
        ProbeSettings probeSettings;
        probeSettings.connections = 2;
        ProbePool pool(settings, probeSettings, ProbeSpec { ProbeKind::Read, "t", "SELECT 1" });
        LockMonitor monitor(settings);
        const RunClock clock;
        pool.start(clock);
        monitor.start(clock);
        QTest::qWait(300); // the workers are inside their connection attempts now

        ThreadReaper* reaper = ThreadReaper::instance();
        QSignalSpy allStopped(reaper, &ThreadReaper::allStopped);
        QElapsedTimer stopping;
        stopping.start();
        pool.stop();
        monitor.stop();
        const qint64 stopMs = stopping.elapsed();
        QVERIFY2(stopMs < 700, qPrintable(QString("stop() took %1 ms").arg(stopMs)));
        QCOMPARE(reaper->pending(), 3); // still connecting, ended later
        QVERIFY(allStopped.wait(30000));
        QCOMPARE(reaper->pending(), 0);
    }
};

QTEST_MAIN(TestThreadEdges)
#include "tst_threadedges.moc"
