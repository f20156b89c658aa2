#pragma once

#include <QStringList>

namespace locklab {

// `locklab-cli try FILE.sql [--schema DDL.sql] [--rows t=N,...]`: creates
// the tables in the sandbox's try schema, fills them, runs the migration
// (or its safe rewrite) with probes and the lock monitor like a lesson step,
// and prints the prediction beside the measurement, statement by statement.
// Exit 0 when it ran and the measurement agrees, 1 when the run failed or a
// prediction was contradicted, 2 on usage errors, refusals and parse errors.
class TryCommand
{
public:
    static int run(const QStringList& arguments);
    static QString usage();
};

} // namespace locklab
