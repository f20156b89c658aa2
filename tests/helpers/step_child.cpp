// locklab_step_child DATA_DIR LESSON STEP
//
// Plays LockLab for tests that kill it: starts the embedded server on
// DATA_DIR, prepares the sandbox, runs one step of a built-in lesson on a
// MigrationWorker thread (as the app does) and reports on stdout, one line
// each: "ready", "started <sql>" for every statement, "finished ok|failed".
// Then it waits to be killed. Exit code 2 on a set-up error (on stderr).

#include "core/lesson/LessonLoader.h"
#include "core/migration/MigrationWorker.h"
#include "core/server/EmbeddedServer.h"
#include "core/server/Sandbox.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

using namespace locklab;

namespace {
void say(const QString& line)
{
    std::fputs(qPrintable(line.simplified() + '\n'), stdout);
    std::fflush(stdout);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4) {
        std::fputs("usage: locklab_step_child DATA_DIR LESSON STEP\n", stderr);
        return 2;
    }
    EmbeddedServer server(args.at(1));
    Sandbox::Result sandbox;
    QString error;
    if (!server.start(&error) || !Sandbox::prepare(server.connectionSettings("postgres"), true, &sandbox, &error)) {
        std::fputs(qPrintable(error + '\n'), stderr);
        return 2;
    }
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    const Lesson* lesson = library.lesson(args.at(2));
    int index = -1;
    for (int i = 0; lesson && i < lesson->steps.size(); ++i) {
        if (lesson->steps.at(i).id == args.at(3))
            index = i;
    }
    if (index < 0) {
        std::fputs("no such lesson or step\n", stderr);
        return 2;
    }

    QThread thread;
    auto* worker = new MigrationWorker(sandbox.settings);
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    QObject::connect(worker, &MigrationWorker::statementStarted, &app,
                     [](const QString& sql, double) { say("started " + sql); });
    QObject::connect(worker, &MigrationWorker::finished, &app, [](const StepOutcome& outcome) {
        say(outcome.succeeded ? "finished ok" : "finished failed " + outcome.error);
    });
    thread.start();
    say("ready");
    const StepRequest request { *lesson, lesson->steps.value(index), library.migrations, {} };
    QMetaObject::invokeMethod(
        worker, [worker, request]() { worker->runStep(request, RunClock()); }, Qt::QueuedConnection);
    const int code = app.exec(); // until killed
    worker->requestCancel();
    thread.quit();
    thread.wait();
    return code;
}
