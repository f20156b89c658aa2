#pragma once

#include <QStringList>

namespace locklab {

// `locklab-cli check FILE.sql...`: the static analysis, no server.
// Exit 0 when there is nothing, 1 when there are findings (or notes with
// --strict), 2 on usage errors, unreadable files and SQL that does not parse.
class CheckCommand
{
public:
    // `arguments` are those after "check". Output goes to `out`, errors to `err`.
    static int run(const QStringList& arguments, QString* out, QString* err);
    static QString usage();
};

} // namespace locklab
