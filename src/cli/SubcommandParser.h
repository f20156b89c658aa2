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

    // "png,pdf" -> [png, pdf], each once; empty with *error naming an unknown
    // format, or when none is given.
    static QStringList parseFormats(const QString& text, QString* error);

    // The export directory `out` as an absolute path, made now so that one
    // that cannot be made is found before a run, not after minutes of it.
    // Empty with *error when it is empty, a file, or cannot be made.
    static QString makeOutDir(const QString& out, QString* error);

    // --formats (or `defaultFormats` when not given) and --out (or the current
    // directory) checked as above. Empty when both are fine; else the exit
    // status, the problem printed.
    static std::optional<int> exportOptions(const QCommandLineParser& parser, const QString& defaultFormats,
                                            QStringList* formats, QString* out);

    // Prints "locklab-cli: text" to stderr and returns `status`.
    static int fail(const QString& text, int status = 2);
};

} // namespace locklab
