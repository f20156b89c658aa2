#pragma once

#include "core/analysis/AnalysisReport.h"
#include "core/tryout/PredictionCheck.h"
#include "core/tryout/TryRunner.h"

#include <QTextBrowser>

namespace locklab {

// The static analysis in words: each statement with its locks, effect and
// transaction, then the findings with why, the safe rewrite and the lesson;
// after a run, predicted next to measured, contradictions flagged in red.
class FindingsView : public QTextBrowser
{
    Q_OBJECT
public:
    explicit FindingsView(QWidget* parent = nullptr);

    void showReport(const AnalysisReport& report);
    void showComparison(const QString& title, const QList<StatementComparison>& rows, const QString& verdict,
                        const QString& error);
    // The migration and its safe rewrite: a summary of both runs, then each run's table.
    void showComparisonOfRuns(const TryResult& first, const TryResult& second, const QString& firstHtml,
                              const QString& secondHtml);

    static QString comparisonHtml(const QString& title, const QList<StatementComparison>& rows, const QString& verdict,
                                  const QString& error);
    static QString reportHtml(const AnalysisReport& report);
};

} // namespace locklab
