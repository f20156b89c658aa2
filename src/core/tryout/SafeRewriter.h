#pragma once

#include "core/analysis/AnalysisReport.h"
#include "core/lesson/Lesson.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace locklab {

struct SafeRewrite
{
    QList<SqlStatement> statements; // run one by one, outside a transaction block
    QStringList changes; // what was rewritten, and what could not be
    QString sql; // the rewrite as text, for the page and the CLI
};

// The safe rewrite of a migration, statement by statement, generated from
// PostgreSQL's parse tree (names quoted) and scanner tokens: no transaction
// block around strong locks, a lock_timeout, SET NOT NULL through a
// validated CHECK, indexes CONCURRENTLY, constraints NOT VALID then
// VALIDATE, UNIQUE through a concurrent index, whole-table UPDATE/DELETE in
// key-range batches. What it cannot rewrite it keeps and says so.
class SafeRewriter
{
public:
    // `keyColumns`: table (lower case) -> integer key column, for batches.
    static SafeRewrite rewrite(const QString& sql, const AnalysisReport& report,
                               const QMap<QString, QString>& keyColumns, const QString& batchSizeParameter);
};

} // namespace locklab
