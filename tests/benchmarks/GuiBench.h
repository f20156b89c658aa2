#pragma once

#include "BenchContext.h"

#include <QStringList>

namespace locklab::bench {

// Benchmark 5, the window:
// - LatencyChart with 72,000 points (an hour at 20 Hz): appending them all
//   and repainting, and one live flush into a chart that already has them;
// - the longest stall of the GUI event loop while MainWindow runs the NOT
//   NULL step, and the peak RSS of that process over a whole lesson run
//   (seed + NOT NULL). Those two run in a child process (this executable
//   with --mainwindow-child), so the peak is the window's alone and not this
//   benchmark's; it reaches the running sandbox through --db.
class GuiBench
{
public:
    explicit GuiBench(BenchContext& context);

    void chart();
    // Run `run` of `runs` (--repeat): each adds its stall row, naming where
    // the longest stall happened; the last also adds the peak RSS.
    void mainWindow(const QString& benchExecutable, int run = 1, int runs = 1);

    // The child's side: returns the exit status; prints key=value lines on stdout.
    static int runMainWindowChild(const QStringList& arguments);

private:
    BenchContext& m_context;
};

// VmHWM / VmRSS of this process in kB (from /proc/self/status), -1 if unknown.
qint64 procStatusKb(const char* field);

} // namespace locklab::bench
