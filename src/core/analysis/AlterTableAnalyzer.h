#pragma once

#include "core/analysis/AnalysisContext.h"

#include <QJsonObject>

namespace locklab {

// ALTER TABLE, subcommand by subcommand: the lock each takes (the statement
// holds the strongest), whether it rewrites, scans or changes only the
// catalog, and the rules it breaks. The modes follow the ALTER TABLE page of
// the PostgreSQL documentation (12-18).
class AlterTableAnalyzer
{
public:
    AlterTableAnalyzer(AnalysisContext* context, StatementAnalysis* statement, QList<RuleHit>* hits);
    void analyze(const QJsonObject& alterTable);

private:
    struct Effect
    {
        LockMode mode;
        TableEffect effect;
    };
    Effect command(const QJsonObject& cmd);
    Effect addColumn(const QJsonObject& columnDef);
    Effect addConstraint(const QJsonObject& constraint);
    Effect alterType(const QString& column, const QJsonObject& columnDef);
    Effect setNotNull(const QString& column);
    Effect validate(const QString& name);
    bool defaultIsVolatile(const QJsonObject& columnDef, QString* why) const;
    void hit(const QString& rule, const QString& message);
    void lockOther(const QString& table, LockMode mode, TableEffect effect);

    AnalysisContext* m_context;
    StatementAnalysis* m_statement;
    QList<RuleHit>* m_hits;
    QString m_table;
    bool m_new = false;
};

} // namespace locklab
