#pragma once

#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace locklab {

// What every locklab-cli subcommand with its own options does first: parse
// the arguments after the subcommand's name, answer --help with the usage,
// and refuse what does not parse with the parser's message and the usage.
class SubcommandParser
{
public:
    // Adds -h/--help to `parser` and parses `arguments` (the program, the
    // subcommand, then its own). Empty when the command is to go on; else the
    // exit status (0 after --help, 2 after a parse error), all printed already.
    static std::optional<int> parse(QCommandLineParser& parser, const QStringList& arguments, const QString& usage);

    // Prints "locklab-cli: text" to stderr and returns `status`.
    static int fail(const QString& text, int status = 2);
};

} // namespace locklab
