#pragma once

#include "core/analysis/AnalysisContext.h"

#include <QJsonObject>

namespace locklab {

// What must not run in the "try your own" sandbox, decided from the parse
// tree before anything runs: statements that reach outside the sandbox
// database (other databases, ALTER SYSTEM, roles, server files and
// programs, extensions not installed, tablespaces) and, when the context
// is a sandbox, statements naming tables the page did not create.
class SandboxPolicy
{
public:
    // The reason the statement is refused, or an empty string.
    static QString refusal(const QJsonObject& node, const AnalysisContext& context);
};

} // namespace locklab
