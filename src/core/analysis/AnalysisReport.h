#pragma once

#include "core/observe/LockModes.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace locklab {

// What the static analyser predicts for a migration file. Positions are
// 1-based line and column in the text the user gave (characters, not bytes).

struct SourcePosition
{
    int line = 1;
    int column = 1;
};

// What a statement does to the rows of a table it locks.
enum class TableEffect {
    None, // takes the lock only (LOCK TABLE, catalog reads)
    CatalogOnly, // changes the catalog, rows untouched
    Rows, // reads or writes some rows (INSERT, UPDATE with a key range)
    Scan, // reads every row (validation, index build) without rewriting
    Rewrite, // writes a new copy of the table (and its indexes)
};

enum class LockDuration {
    Statement, // autocommit: released when the statement ends
    UntilCommit, // inside BEGIN ... COMMIT: held until the transaction ends
};

struct PredictedLock
{
    QString table; // as written, e.g. "large_user" or "public.large_user"
    LockMode mode = LockMode::AccessShare;
    TableEffect effect = TableEffect::None;
    LockDuration duration = LockDuration::Statement;
    bool onIndex = false; // the name is an index (DROP INDEX, REINDEX): the lock is on its table
};

struct StatementAnalysis
{
    int index = 0; // 1-based position in the file
    SourcePosition position; // of its first token
    QString sql; // the statement as written, without the trailing semicolon
    QString command; // "ALTER TABLE", "CREATE INDEX", ... (empty when it did not parse)
    bool parsed = true;
    QString parseError; // PostgreSQL's message, when it did not parse
    SourcePosition errorPosition;
    int newerSyntaxVersion = 0; // > 0: syntax of that PostgreSQL major, newer than the parser
    QList<PredictedLock> locks;
    bool inTransaction = false; // runs inside an explicit BEGIN ... COMMIT
    bool transactionAllowed = true; // false: refuses to run inside a transaction block
    QStringList versionNotes; // behaviour that depends on the server version
    QStringList remarks; // other facts worth saying (no scan because ..., new table, ...)
    QString refusal; // non-empty: must not run in the sandbox, and why
    QString extension; // CREATE EXTENSION: the extension it needs installed

    TableEffect strongestEffect() const;
    // The strongest lock, or nullptr when it takes none.
    const PredictedLock* strongestLock() const;
};

struct AnalysisFinding
{
    QString rule; // squawk's name where squawk has the rule
    bool note = false; // advice not about locks or rewrites
    int statement = 0; // 1-based; 0 for the whole file
    SourcePosition position;
    QString message; // what in this statement, in words
};

struct AnalysisReport
{
    QString fileName;
    int pgVersion = 0; // the server major the notes are for; 0: any supported
    QList<StatementAnalysis> statements;
    QList<AnalysisFinding> findings;

    bool hasParseErrors() const;
    int findingCount(bool includeNotes) const;
    // Statements that must not run in the sandbox.
    QList<const StatementAnalysis*> refusals() const;
};

QString tableEffectName(TableEffect effect); // "catalog only", "full scan", "table rewrite", ...
// What a mode blocks, in words: "reads, writes, DDL and autovacuum".
QString blockedActivity(LockMode mode);
bool blocksReads(LockMode mode);
bool blocksWrites(LockMode mode);

} // namespace locklab
