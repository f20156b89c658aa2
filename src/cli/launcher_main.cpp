// locklab-cli, the program users and pre-commit hooks run. It answers `check`
// itself, linked against QtCore and the analyser only, and hands every other
// command to the full runner (locklab-cli-full: lessons, libpq, the charts)
// with exec, so those commands keep this process, its id and its signals.
// Loading the runner's ~75 shared libraries is what made `check` slow
// (BENCHMARKS.md, "Migration check").

#include "cli/CheckCommand.h"

#include <QCoreApplication>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

// The runner's path: LOCKLAB_CLI_RUNNER is relative to the directory this
// program is in (bin/ -> libexec/locklab/), in the build tree and when installed.
// /proc/self/exe is the real file, so a symbolic link to locklab-cli works too.
std::string runnerPath(const char* argv0)
{
    std::string self;
    char buffer[PATH_MAX];
    const ssize_t length = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (length > 0)
        self.assign(buffer, size_t(length));
    else if (argv0 && std::strchr(argv0, '/'))
        self = argv0;
    const size_t slash = self.rfind('/');
    const std::string dir = slash == std::string::npos ? std::string(".") : self.substr(0, slash);
    return dir + "/" + LOCKLAB_CLI_RUNNER;
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc > 1 && std::strcmp(argv[1], "check") == 0) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName("LockLab");
        QCoreApplication::setOrganizationName("LockLab");
        QCoreApplication::setApplicationVersion(LOCKLAB_VERSION);
        QString out, err;
        const int status = locklab::CheckCommand::run(QCoreApplication::arguments().mid(2), &out, &err);
        std::fputs(out.toUtf8().constData(), stdout);
        std::fputs(err.toUtf8().constData(), stderr);
        return status;
    }
    const std::string runner = runnerPath(argv[0]);
    execv(runner.c_str(), argv);
    std::fprintf(stderr,
                 "locklab-cli: cannot start the runner %s: %s.\n"
                 "Every command but `check` runs there: reinstall LockLab (in a build tree, build the "
                 "locklab-cli-full target).\n",
                 runner.c_str(), std::strerror(errno));
    return 2;
}
