#pragma once

#include "core/analysis/AnalysisContext.h"

#include <QJsonObject>

namespace locklab {

// One parsed statement: its command, the locks it takes and what it does to
// the rows, whether it may run in a transaction block, and the rules it
// breaks on its own. Rules that span statements (locks held until COMMIT,
// timeouts) are MigrationAnalyzer's. ALTER TABLE goes to AlterTableAnalyzer.
class StatementAnalyzer
{
public:
    StatementAnalyzer(AnalysisContext* context, StatementAnalysis* statement, QList<RuleHit>* hits);
    void analyze(const QJsonObject& node);

private:
    void lock(const QString& table, LockMode mode, TableEffect effect, bool onIndex = false);
    void hit(const QString& table, const QString& rule, const QString& message);
    void createTable(const QJsonObject& fields);
    void index(const QJsonObject& fields);
    void drop(const QJsonObject& fields);
    void reindex(const QJsonObject& fields);
    void vacuum(const QJsonObject& fields);
    void rename(const QJsonObject& fields);
    void dml(const QString& type, const QJsonObject& fields);
    void set(const QJsonObject& fields);
    void lockTable(const QJsonObject& fields);
    void readOnlyRelations(const QJsonObject& fields, const QString& except);

    AnalysisContext* m_context;
    StatementAnalysis* m_statement;
    QList<RuleHit>* m_hits;
};

} // namespace locklab
