#include "core/observe/StopHandle.h"

#include <QThreadPool>

namespace locklab {

void StopHandle::requestStop()
{
    m_stopping.storeRelaxed(1);
    QThreadPool::globalInstance()->start([canceller = m_canceller]() { canceller->cancel(); });
}

} // namespace locklab
