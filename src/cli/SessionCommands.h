#pragma once

#include <QStringList>

namespace locklab {

// locklab-cli commands on a saved session (.locklab), no server needed:
//   export SESSION.locklab [--formats png,pdf,...] [--out DIR]
//       every run's chart (and CSV/JSON), and the sweep plot when the
//       session holds a sweep
//   compare SESSION.locklab [--runs 1,3 | classic] [--formats ...] [--out DIR]
//       the runs overlaid on one chart (default: the classic pair)
// They need a QApplication (charts); main() makes one on the offscreen platform.
class SessionCommands
{
public:
    static bool handles(const QStringList& arguments);
    static int execute(const QStringList& arguments);
    static QString usage();
};

} // namespace locklab
