#include "BenchContext.h"

#include <QEventLoop>
#include <QFile>
#include <QTimer>
#include <cstdio>

namespace locklab::bench {

void BenchContext::runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

QString BenchContext::loadAverage()
{
    QFile file("/proc/loadavg");
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(file.readAll()).section(' ', 0, 2);
}

void BenchContext::say(const QString& message)
{
    std::fprintf(stderr, "locklab-bench: %s\n", qPrintable(message));
    std::fflush(stderr);
}

} // namespace locklab::bench
