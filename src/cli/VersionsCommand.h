#pragma once

#include <QStringList>

namespace locklab {

// `locklab-cli versions [--json]`: every PostgreSQL installation found (the
// window's version picker lists the same), which one the embedded server
// uses by default, and the cluster directory each major version gets.
class VersionsCommand
{
public:
    // `arguments`: argv with the program name first and "versions" second.
    static int main(const QStringList& arguments);
};

} // namespace locklab
