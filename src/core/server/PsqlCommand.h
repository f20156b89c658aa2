#pragma once

#include "core/server/ConnectionSettings.h"

#include <QString>
#include <QStringList>

namespace locklab {

// How to open psql on the database LockLab is using: the lessons' "try it
// in psql" needs the exact socket directory, port, user and database, which
// for the embedded server are chosen at start-up. Never includes a password
// (libpq asks for it, or finds it in ~/.pgpass).
class PsqlCommand
{
public:
    // psql's connection arguments: -h HOST -p PORT -U USER -d DATABASE,
    // each only when the setting has it.
    static QStringList arguments(const ConnectionSettings& settings);
    // The psql program: `binDir`/psql when it exists, else psql from PATH,
    // else plain "psql".
    static QString program(const QString& binDir = QString());
    // One line to paste into a shell: program and arguments, quoted where needed.
    static QString commandLine(const ConnectionSettings& settings, const QString& binDir = QString());
    // A libpq URI, "postgresql://user@/db?host=%2Ftmp%2Fx&port=5433" for a socket directory.
    static QString connectionUri(const ConnectionSettings& settings);
    // A word for a POSIX shell: as it is when safe, else in single quotes.
    static QString shellQuote(const QString& word);
};

} // namespace locklab
