#pragma once

#include <QList>
#include <QString>

#include <sys/types.h>

namespace locklab::test {

// Every process of the PostgreSQL cluster in `dataDir`: the postmaster, its
// helpers and every backend all work in the data directory. Killing them all
// is a crash; killing the postmaster alone leaves backends that finish their
// statement, and sometimes their COMMIT, before they notice.
QList<pid_t> clusterProcesses(const QString& dataDir);

} // namespace locklab::test
