#include "TestServer.h"
#include "core/actors/ActorCast.h"
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
#include <cstring>
#include <vector>

#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
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

    // Settings that connect here and wait: up to connect_timeout (3 s), with
    // no SSL request in between.
    ConnectionSettings settings() const
    {
        ConnectionSettings settings;
        settings.host = "127.0.0.1";
        settings.port = m_port;
        settings.user = "nobody";
        settings.database = "nothing";
        settings.options.insert("connect_timeout", "3");
        settings.options.insert("sslmode", "disable");
        return settings;
    }

private:
    int m_fd = -1;
    int m_port = 0;
};

// Forwards TCP connections on localhost to the test server's socket, but
// holds each cancel request (libpq's PQcancel opens a connection of its own
// and waits for the server to close it) for `holdMs` before passing it on.
// Whoever calls PQcancel waits that long: a GUI thread that did would stall.
class CancelHoldingProxy
{
public:
    CancelHoldingProxy(const ConnectionSettings& server, int holdMs)
        : m_upstream(QStringLiteral("%1/.s.PGSQL.%2").arg(server.host).arg(server.port).toLocal8Bit())
        , m_holdMs(holdMs)
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_listener < 0 || ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), length) != 0
            || ::listen(m_listener, 16) != 0
            || ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this]() { loop(); });
    }
    ~CancelHoldingProxy()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        for (const Pair& pair : m_pairs) {
            ::close(pair.client);
            if (pair.server >= 0)
                ::close(pair.server);
        }
        if (m_listener >= 0)
            ::close(m_listener);
    }
    int port() const { return m_port; }
    int cancelsHeld() const { return m_cancels.load(); }

    ConnectionSettings through(ConnectionSettings settings) const
    {
        settings.host = QStringLiteral("127.0.0.1");
        settings.port = m_port;
        settings.options.insert("sslmode", "disable");
        settings.options.insert("gssencmode", "disable");
        return settings;
    }

private:
    struct Pair
    {
        int client = -1;
        int server = -1; // -1: not forwarded yet
        qint64 releaseAtMs = -1; // a held cancel request
    };

    int connectUpstream() const
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, m_upstream.constData(), sizeof address.sun_path - 1);
        if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0)
            return fd;
        if (fd >= 0)
            ::close(fd);
        return -1;
    }

    // Decides what a new connection is from its first 8 bytes (length 16 and code 80877102: a cancel request).
    void classify(Pair& pair, qint64 nowMs)
    {
        unsigned char head[8];
        if (::recv(pair.client, head, sizeof head, MSG_PEEK) < qint64(sizeof head))
            return;
        const quint32 length = (quint32(head[0]) << 24) | (quint32(head[1]) << 16) | (quint32(head[2]) << 8) | head[3];
        const quint32 code = (quint32(head[4]) << 24) | (quint32(head[5]) << 16) | (quint32(head[6]) << 8) | head[7];
        if (length == 16 && code == 80877102) {
            pair.releaseAtMs = nowMs + m_holdMs;
            ++m_cancels;
            return;
        }
        pair.server = connectUpstream();
    }

    static bool pass(int from, int to)
    {
        char buffer[16384];
        const ssize_t n = ::read(from, buffer, sizeof buffer);
        if (n <= 0)
            return false;
        for (ssize_t done = 0; done < n;) {
            const ssize_t written = ::write(to, buffer + done, size_t(n - done));
            if (written <= 0)
                return false;
            done += written;
        }
        return true;
    }

    void loop()
    {
        QElapsedTimer clock;
        clock.start();
        while (!m_stop) {
            std::vector<pollfd> fds { { m_listener, POLLIN, 0 } };
            for (const Pair& pair : m_pairs) {
                const bool waiting = pair.server < 0;
                fds.push_back({ pair.client, short(waiting && pair.releaseAtMs >= 0 ? 0 : POLLIN), 0 });
                fds.push_back({ pair.server, short(waiting ? 0 : POLLIN), 0 });
            }
            ::poll(fds.data(), fds.size(), 20);
            const qint64 now = clock.elapsed();
            std::vector<Pair> kept;
            for (size_t i = 0; i < m_pairs.size(); ++i) {
                Pair pair = m_pairs[i];
                const short clientEvents = fds[1 + 2 * i].revents;
                const short serverEvents = fds[2 + 2 * i].revents;
                bool open = true;
                if (pair.server < 0 && pair.releaseAtMs < 0 && (clientEvents & (POLLIN | POLLHUP)))
                    classify(pair, now);
                else if (pair.server < 0 && pair.releaseAtMs >= 0 && now >= pair.releaseAtMs)
                    pair.server = connectUpstream();
                else if (pair.server >= 0) {
                    if (clientEvents & (POLLIN | POLLHUP | POLLERR))
                        open = pass(pair.client, pair.server);
                    if (open && (serverEvents & (POLLIN | POLLHUP | POLLERR)))
                        open = pass(pair.server, pair.client);
                }
                if (open && (pair.server >= 0 || pair.releaseAtMs >= 0 || !(clientEvents & (POLLHUP | POLLERR)))) {
                    kept.push_back(pair);
                    continue;
                }
                ::close(pair.client);
                if (pair.server >= 0)
                    ::close(pair.server);
            }
            m_pairs = kept;
            if (fds[0].revents & POLLIN) {
                const int client = ::accept(m_listener, nullptr, nullptr);
                if (client >= 0)
                    m_pairs.push_back({ client, -1, -1 });
            }
        }
    }

    QByteArray m_upstream;
    int m_holdMs;
    int m_listener = -1;
    int m_port = 0;
    std::thread m_thread;
    std::atomic<bool> m_stop { false };
    std::atomic<int> m_cancels { 0 };
    std::vector<Pair> m_pairs; // the proxy thread's
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

    // PQcancel waits for the server's answer: the window's cancel and the
    // observers' stop send it from pool threads. Here every cancel request
    // is held for 3 s on its way to the server; cancel() and stop() on this
    // (the GUI) thread must still return at once.
    void cancelsAreSentOffTheCallersThread()
    {
        LOCKLAB_REQUIRE_SERVER(server);
        CancelHoldingProxy proxy(server->sandboxSettings(), 3000);
        QVERIFY(proxy.port() > 0);
        const ConnectionSettings settings = proxy.through(server->sandboxSettings());

        // A probe stuck in a long statement, stopped.
        ProbeSettings probeSettings;
        probeSettings.connections = 1;
        probeSettings.timeoutMs = 60000;
        ProbePool pool(settings, probeSettings, ProbeSpec { ProbeKind::Read, "t", "SELECT pg_sleep(20)" });
        QSignalSpy ready(&pool, &ProbePool::ready);
        pool.start(RunClock());
        QVERIFY(ready.wait(30000));
        QTest::qWait(300); // the first probe is in pg_sleep now
        QElapsedTimer stopping;
        stopping.start();
        pool.stop();
        QVERIFY2(stopping.elapsed() < 1500, qPrintable(QString("stop() took %1 ms").arg(stopping.elapsed())));
        QVERIFY(QTest::qWaitFor([&]() { return proxy.cancelsHeld() >= 1; }, 5000));

        // A step in its statement, cancelled.
        const LessonLibrary library = LessonLoader::loadBuiltIn();
        LessonRunner runner(settings);
        runner.setPreflight(0, false);
        QSignalSpy started(&runner, &LessonRunner::statementStarted);
        QSignalSpy finished(&runner, &LessonRunner::stepFinished);
        QString error;
        QVERIFY2(runner.runStep(library, "seed", 0, { { "rows", 300000 } }, &error), qPrintable(error));
        QVERIFY(QTest::qWaitFor([&]() { return !started.isEmpty() || !finished.isEmpty(); }, 30000));
        const int cancelsBefore = proxy.cancelsHeld();
        QElapsedTimer cancelling;
        cancelling.start();
        runner.cancel();
        QVERIFY2(cancelling.elapsed() < 1500, qPrintable(QString("cancel() took %1 ms").arg(cancelling.elapsed())));
        QVERIFY(finished.wait(60000));
        QVERIFY(proxy.cancelsHeld() > cancelsBefore);
    }

    // Stopping observers does not wait for their threads on the caller's (the
    // GUI) thread. Their workers here are stuck in a connection attempt to a
    // server that accepts and never answers, which no cancel reaches: before
    // the ThreadReaper, stop() waited its whole budget (1 s) for each.
    void stoppingObserversDoesNotWaitForTheirThreads()
    {
        SilentListener silent;
        QVERIFY(silent.port() > 0);
        const ConnectionSettings settings = silent.settings();
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

    // The same for a step's actors: stopping them does not wait for their
    // threads. Before, ActorCast::stop() joined each actor's thread on the
    // caller's thread for up to its budget (1 s). It now returns at once,
    // keeps taking the actors' reports and says stopped() when they are done
    // or the budget has passed; the reaper ends the stuck thread later.
    void stoppingActorsDoesNotWaitForTheirThreads()
    {
        SilentListener silent;
        QVERIFY(silent.port() > 0);
        const ConnectionSettings settings = silent.settings();
        ActorSpec report;
        report.name = "nightly report";
        report.kind = ActorKind::LongQuery;
        report.sql = "SELECT pg_sleep(:hold_seconds)";
        report.holdMs = 5000;
        ActorCast cast(settings, { report });
        cast.start(RunClock());
        QTest::qWait(300); // the actor is inside its connection attempt now

        ThreadReaper* reaper = ThreadReaper::instance();
        const int pendingBefore = reaper->pending();
        QSignalSpy allStopped(reaper, &ThreadReaper::allStopped);
        QElapsedTimer stopping;
        stopping.start();
        cast.stop();
        const qint64 stopMs = stopping.elapsed();
        QVERIFY2(stopMs < 700, qPrintable(QString("stop() took %1 ms").arg(stopMs)));
        QCOMPARE(reaper->pending(), pendingBefore + 1); // still connecting, ended later
        QSignalSpy stopped(&cast, &ActorCast::stopped);
        QVERIFY(cast.isStopping());
        QVERIFY(stopped.wait(5000)); // after the budget, while the thread still connects
        QVERIFY(!cast.isStopping());
        QVERIFY(cast.spans().isEmpty()); // it never started acting
        if (reaper->pending() > 0)
            QVERIFY(allStopped.wait(30000));
        QCOMPARE(reaper->pending(), 0);
    }
};

QTEST_MAIN(TestThreadEdges)
#include "tst_threadedges.moc"
