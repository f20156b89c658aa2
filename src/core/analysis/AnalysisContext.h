#pragma once

#include "core/analysis/AnalysisReport.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <QString>
#include <optional>

namespace locklab {

// What the analyser knows so far while it walks a file statement by
// statement: the transaction state, the settings made, the tables created
// (empty, so their locks harm no one) and the constraints seen.
struct AnalysisContext
{
    int pgVersion = 0; // 0: any supported version
    bool inTransaction = false;
    bool lockTimeoutSet = false;
    bool statementTimeoutSet = false;
    // Tables created in this file (lower case, unqualified): new and empty.
    QSet<QString> createdTables;
    // Column types known from CREATE TABLE (in --schema or the file): table -> column -> "varchar(20)".
    QHash<QString, QHash<QString, QString>> columnTypes;
    // "table.column" proved NOT NULL by a validated CHECK (column IS NOT NULL).
    QSet<QString> validatedNotNull;
    // CHECK (column IS NOT NULL) NOT VALID constraints: name -> "table.column".
    QMap<QString, QString> notValidNotNullChecks;
    // Constraints added NOT VALID in the transaction that is open now.
    QSet<QString> notValidInThisTransaction;

    // Sandbox policy for `try`: when `sandbox` is set, a statement may only
    // name tables of `sandboxTables` or created in the file, and extensions
    // of `installedExtensions`. Without a server that list is unknown
    // (nullopt): CREATE EXTENSION is not refused here, and TryRunner checks
    // StatementAnalysis::extension against the sandbox's pg_extension first.
    bool sandbox = false;
    QString sandboxSchema;
    QSet<QString> sandboxTables;
    std::optional<QSet<QString>> installedExtensions;

    static QString key(const QString& table) { return table.section('.', -1).toLower(); }
    bool isNew(const QString& table) const { return createdTables.contains(key(table)); }
};

// A finding before it is placed in the report.
struct RuleHit
{
    QString rule;
    QString message;
};

} // namespace locklab
