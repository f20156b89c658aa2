#pragma once

#include "core/server/ConnectionSettings.h"

#include <QString>

namespace locklab {

// Help > Copy psql command: puts the psql command line for the sandbox
// database on the clipboard. A PATH lookup only, no process is started.
class PsqlClipboard
{
public:
    // Copies and returns the command.
    static QString copy(const ConnectionSettings& sandbox);
};

} // namespace locklab
