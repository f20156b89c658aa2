#include "core/observe/StopHandle.h"

#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>

namespace locklab {

void StopHandle::requestStop()
{
    m_stopping.storeRelaxed(1);
    StatementCanceller::cancelInBackground(m_canceller);
}

void StopHandle::joinThread(QThread* thread, const QDeadlineTimer& deadline, const QString& name)
{
    while (!thread->wait(QDeadlineTimer(std::min<qint64>(50, deadline.remainingTime())))) {
        if (deadline.hasExpired())
            break;
        requestStop();
    }
    if (thread->isFinished()) {
        delete thread;
        return;
    }
    qWarning("LockLab: %s did not stop in time; leaving it to finish", qPrintable(name));
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
}

} // namespace locklab
