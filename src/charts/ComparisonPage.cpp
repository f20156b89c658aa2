#include "charts/ComparisonPage.h"

#include "charts/ChartExporter.h"
#include "charts/ChartPage.h"
#include "charts/ChartStyle.h"
#include "charts/ComparisonChart.h"
#include "core/lesson/CountParser.h"
#include "core/run/RunExporter.h"
#include "core/run/Verdict.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace locklab {

ComparisonPage::ComparisonPage(const RunComparison& comparison)
    : m_comparison(comparison)
    , m_chart(std::make_unique<ComparisonChart>())
{
    m_chart->setComparison(comparison);
}

ComparisonPage::~ComparisonPage() = default;

QString ComparisonPage::title() const
{
    QStringList names;
    for (const RunRecord& run : m_comparison.runs())
        names << (run.stepTitle.isEmpty() ? run.stepId : run.stepTitle);
    return names.join(QStringLiteral(" vs "));
}

QString ComparisonPage::details() const
{
    QStringList parts { QStringLiteral("%1 runs, aligned at each step's start").arg(m_comparison.size()) };
    QList<qint64> rows;
    for (const RunRecord& run : m_comparison.runs()) {
        if (run.rowCount > 0 && !rows.contains(run.rowCount))
            rows << run.rowCount;
    }
    if (rows.size() == 1)
        parts << QStringLiteral("%1 rows").arg(CountParser::format(rows.first()));
    if (!m_comparison.runs().isEmpty() && !m_comparison.runs().first().serverVersion.isEmpty())
        parts << ChartPage::postgresName(m_comparison.runs().first().serverVersion);
    return parts.join(QStringLiteral("  \u00b7  "));
}

QString ComparisonPage::description() const
{
    QStringList lines;
    for (const RunRecord& run : m_comparison.runs())
        lines << QStringLiteral("%1: %2").arg(run.stepTitle.isEmpty() ? run.stepId : run.stepTitle,
                                              Verdict::describe(RunSummary(run)));
    return lines.join('\n');
}

void ComparisonPage::paint(QPainter* painter, const QRectF& area)
{
    ChartPage::paintPage(painter, area, { title(), details(), QString(), chartstyle::textColor(), description() },
                         [this](QPainter* p, const QRectF& rect) { m_chart->renderTo(p, rect); });
}

bool ComparisonPage::writeFile(const RunComparison& comparison, const QString& path, QString* error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("json")) {
        const QByteArray data = suffix == QLatin1String("csv")
            ? comparison.toCsv()
            : QJsonDocument(comparison.toJson()).toJson(QJsonDocument::Indented);
        return RunExporter::writeFile(path, data, error);
    }
    ComparisonPage page(comparison);
    return ChartExporter::exportPage(page, path, ChartExporter::formatForPath(path), error);
}

} // namespace locklab
