#include "cli/PsqlLauncher.h"

#include "core/server/PsqlCommand.h"

#include <QProcess>

#include <cstdio>

namespace locklab {

int PsqlLauncher::run(const ConnectionSettings& settings, const QString& binDir, const QStringList& extra)
{
    QProcess psql;
    psql.setProgram(PsqlCommand::program(binDir));
    psql.setArguments(PsqlCommand::arguments(settings) + extra);
    // psql talks to the user's terminal directly, as if started from the shell.
    psql.setProcessChannelMode(QProcess::ForwardedChannels);
    psql.setInputChannelMode(QProcess::ForwardedInputChannel);
    std::fflush(stdout);
    std::fflush(stderr);
    psql.start();
    if (!psql.waitForStarted(-1)) {
        std::fprintf(stderr,
                     "locklab-cli: cannot start %s: %s. Install the PostgreSQL client (psql), or "
                     "use the command 'locklab-cli status' prints.\n",
                     qPrintable(psql.program()), qPrintable(psql.errorString()));
        return 1;
    }
    // The headless runner has nothing else to do meanwhile: a blocking wait is right here.
    psql.waitForFinished(-1);
    return psql.exitStatus() == QProcess::NormalExit ? psql.exitCode() : 1;
}

} // namespace locklab
