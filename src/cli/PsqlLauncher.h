#pragma once

#include "core/server/ConnectionSettings.h"

#include <QStringList>

namespace locklab {

// `locklab-cli psql`: runs psql on the sandbox database, with this process's
// terminal (stdin, stdout, stderr), and waits for it. The caller keeps the
// server running meanwhile: for the embedded server that is the point.
class PsqlLauncher
{
public:
    // Returns psql's exit status, or 1 with a message on stderr when psql
    // cannot be started. `extra` goes after the connection arguments
    // (what followed `--` on the command line, e.g. -c "SELECT 1").
    static int run(const ConnectionSettings& settings, const QString& binDir, const QStringList& extra);
};

} // namespace locklab
