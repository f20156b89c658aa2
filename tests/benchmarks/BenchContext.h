#pragma once

#include "BenchTable.h"
#include "core/lesson/Lesson.h"
#include "core/server/ConnectionSettings.h"

#include <QString>

namespace locklab::bench {

// What every benchmark needs: the server, the lessons, the sizes and the table.
struct BenchContext
{
    ConnectionSettings sandbox; // the sandbox on the scratch embedded server
    QString serverVersion;
    LessonLibrary library;
    qint64 rows = 1000000;
    qint64 largeRows = 10000000; // the seeding benchmark's second size
    bool quick = false;
    QString scratchDir; // under /tmp, reachable by the server user
    BenchTable table;

    // Runs the event loop for `ms` (timers fire when due, as in the app).
    static void runFor(int ms);
    // Progress for the person waiting, on stderr.
    static void say(const QString& message);
    // "0.52 0.61 0.70" from /proc/loadavg: the machine may be shared.
    static QString loadAverage();
};

} // namespace locklab::bench
