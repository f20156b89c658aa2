#include "TestServer.h"
#include "core/lesson/LessonLoader.h"
#include "core/observe/ProbeWorker.h"
#include "core/run/LessonRunner.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest>

using namespace locklab;

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
};

QTEST_MAIN(TestThreadEdges)
#include "tst_threadedges.moc"
