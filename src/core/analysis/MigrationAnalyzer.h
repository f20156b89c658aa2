#pragma once

#include "core/analysis/AnalysisReport.h"

#include <QSet>
#include <QString>
#include <optional>

namespace locklab {

struct AnalysisContext;
struct ParsedStatement;
struct RuleHit;

// The static analysis of a migration file: PostgreSQL's parser
// (libpg_query) splits and parses it; each statement gets its locks,
// effect and findings; then the rules that span statements (a lock held
// until COMMIT through slow statements, timeouts, nesting). No server.
class MigrationAnalyzer
{
public:
    struct Options
    {
        int pgVersion = 0; // the server major the version notes are for; 0: any supported
        QString schemaSql; // CREATE TABLE statements of the existing tables (column types, sandbox tables)
        bool sandbox = false; // refuse statements naming tables outside schemaSql / the file
        QString sandboxSchema;
        // The extensions installed where it will run; nullopt: not known (no server).
        std::optional<QSet<QString>> installedExtensions;
    };

    static AnalysisReport analyze(const QString& sql, const Options& options, const QString& fileName = {});
    // The tables the CREATE TABLE statements of `schemaSql` create, lower case.
    static QStringList schemaTables(const QString& schemaSql);

private:
    static void newerSyntax(const QByteArray& script, const ParsedStatement& parsed, StatementAnalysis* statement,
                            QList<RuleHit>* hits);
};

} // namespace locklab
