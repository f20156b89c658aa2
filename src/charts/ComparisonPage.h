#pragma once

#include "charts/PrintedPage.h"
#include "core/compare/RunComparison.h"

#include <memory>

namespace locklab {

class ComparisonChart;

// A comparison as a page for slides: the runs' titles, the overlaid chart,
// and each run's verdict beneath it. Exported like a single run's page
// (ChartExporter::exportPage); writeFile() adds the CSV and JSON.
class ComparisonPage : public PrintedPage
{
public:
    explicit ComparisonPage(const RunComparison& comparison);
    ~ComparisonPage() override;

    void paint(QPainter* painter, const QRectF& area) override;
    QString title() const override;
    QString description() const override;
    QString details() const;

    // By the suffix: png (2x), svg, pdf, csv (one column set per run), json.
    static bool writeFile(const RunComparison& comparison, const QString& path, QString* error);

private:
    RunComparison m_comparison;
    std::unique_ptr<ComparisonChart> m_chart;
};

} // namespace locklab
