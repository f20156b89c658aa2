#include "cli/SubcommandParser.h"

#include <QCommandLineParser>

#include <cstdio>

namespace locklab {

std::optional<int> SubcommandParser::parse(QCommandLineParser& parser, const QStringList& arguments,
                                           const QString& usage)
{
    parser.addOption({ { "h", "help" }, "Help" });
    // QCommandLineParser reads the first argument as the program's name: drop the subcommand's.
    QStringList rest = arguments;
    rest.removeAt(1);
    if (!parser.parse(rest))
        return fail(parser.errorText() + "\n\nUsage:\n" + usage);
    if (parser.isSet("help")) {
        std::fprintf(stdout, "Usage:\n%s", qPrintable(usage));
        std::fflush(stdout);
        return 0;
    }
    return std::nullopt;
}

int SubcommandParser::fail(const QString& text, int status)
{
    std::fprintf(stderr, "locklab-cli: %s\n", qPrintable(text));
    return status;
}

} // namespace locklab
