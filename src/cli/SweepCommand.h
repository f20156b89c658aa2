#pragma once

#include <QStringList>

namespace locklab {

// locklab-cli sweep LESSON [--step S] [--rows 10k,100k,1M] [--safe LESSON]
//     [--batch-size N] [--estimate ROWS] [--out DIR] [--formats ...] [--json]
//     [--db URI | --data-dir DIR]
// Runs the step at each size (re-seeded, VACUUM ANALYZE, then the step),
// prints the fitted slopes in words, writes the sweep plot and data to DIR
// with the runs as a session file (sweep.locklab), and with --json prints
// every point. Ctrl-C cancels cleanly.
class SweepCommand
{
public:
    static bool handles(const QStringList& arguments);
    static int execute(const QStringList& arguments);
    static QString usage();
};

} // namespace locklab
