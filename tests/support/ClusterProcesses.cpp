#include "ClusterProcesses.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace locklab::test {

QList<pid_t> clusterProcesses(const QString& dataDir)
{
    QList<pid_t> pids;
    const QString canonical = QFileInfo(dataDir).canonicalFilePath();
    for (const QString& entry : QDir("/proc").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool numeric = false;
        const pid_t pid = entry.toInt(&numeric);
        if (numeric && QFile::symLinkTarget(QString("/proc/%1/cwd").arg(pid)) == canonical)
            pids.append(pid);
    }
    return pids;
}

} // namespace locklab::test
