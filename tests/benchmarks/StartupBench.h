#pragma once

#include "BenchContext.h"

namespace locklab::bench {

// Benchmark 6: the real `locklab` binary, started as a user would, until its
// main window is shown (LOCKLAB_EXIT_WHEN_SHOWN=1 makes it say so on stderr
// and quit): first with a data directory that does not exist yet (initdb),
// then again on the cluster that start created.
class StartupBench
{
public:
    StartupBench(BenchContext& context, QString appExecutable);
    void run();

private:
    struct Start
    {
        bool ok = false;
        double shownAfterMs = -1; // from the process's start to the window shown, as measured by us
        double reportedMs = -1; // what the app itself printed (from the start of its main())
        QString error;
    };
    Start startOnce(const QString& dataDir);

    BenchContext& m_context;
    QString m_app;
};

} // namespace locklab::bench
