#include "BenchContext.h"

#include <QEventLoop>
#include <QTimer>
#include <cstdio>

namespace locklab::bench {

void BenchContext::runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

void BenchContext::say(const QString& message)
{
    std::fprintf(stderr, "locklab-bench: %s\n", qPrintable(message));
    std::fflush(stderr);
}

} // namespace locklab::bench
