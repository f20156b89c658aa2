#include "charts/SweepPage.h"

#include "charts/ChartExporter.h"
#include "charts/ChartPage.h"
#include "charts/ChartStyle.h"
#include "charts/SweepChart.h"
#include "core/lesson/CountParser.h"
#include "core/run/RunExporter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace locklab {

SweepPage::SweepPage(const QList<SweepSeries>& series, qint64 estimateRows)
    : m_series(series)
    , m_estimateRows(estimateRows)
    , m_chart(std::make_unique<SweepChart>())
{
    m_chart->setSeries(series);
    m_chart->chart()->setTitle(QString()); // the page's own title names the step
}

SweepPage::~SweepPage() = default;

QString SweepPage::title() const
{
    QStringList names;
    for (const SweepSeries& s : m_series)
        names << s.name;
    return QStringLiteral("Stall against table size: ") + names.join(QStringLiteral(" vs "));
}

QString SweepPage::details() const
{
    QStringList sizes;
    if (!m_series.isEmpty()) {
        for (const SweepPoint& p : m_series.first().points)
            sizes << CountParser::format(p.rows);
    }
    return QStringLiteral("Sizes: %1 rows  \u00b7  each freshly seeded, vacuumed and analyzed  \u00b7  log-log axes")
        .arg(sizes.join(QStringLiteral(", ")));
}

QString SweepPage::findings(const QList<SweepSeries>& series, qint64 estimateRows)
{
    QStringList lines;
    for (const SweepSeries& s : series) {
        lines << QStringLiteral("%1 - reads blocked: %2; ACCESS EXCLUSIVE held: %3.")
                     .arg(s.name, s.blockedFit.inWords(), s.holdFit.inWords());
        if (estimateRows > 0 && s.blockedFit.isValid())
            lines << s.blockedFit.describeExtrapolation(double(estimateRows),
                                                        QStringLiteral("reads would be blocked for"));
    }
    return lines.join('\n');
}

QString SweepPage::description() const
{
    return findings(m_series, m_estimateRows);
}

void SweepPage::paint(QPainter* painter, const QRectF& area)
{
    ChartPage::paintPage(painter, area, { title(), details(), QString(), chartstyle::textColor(), description() },
                         [this](QPainter* p, const QRectF& rect) { m_chart->renderTo(p, rect); });
}

QByteArray SweepPage::toCsv(const QList<SweepSeries>& series)
{
    QString text = QStringLiteral(
        "series,rows,reads_blocked_ms,access_exclusive_ms,migration_ms,max_latency_ms,steps\n");
    for (const SweepSeries& s : series) {
        QString name = s.name;
        name.replace('"', QLatin1String("\"\""));
        for (const SweepPoint& p : s.points)
            text += QStringLiteral("\"%1\",%2,%3,%4,%5,%6,%7\n")
                        .arg(name)
                        .arg(p.rows)
                        .arg(p.blockedMs, 0, 'f', 3)
                        .arg(p.accessExclusiveMs, 0, 'f', 3)
                        .arg(p.migrationMs, 0, 'f', 3)
                        .arg(p.maxLatencyMs, 0, 'f', 3)
                        .arg(p.runs);
    }
    return text.toUtf8();
}

QJsonObject SweepPage::toJson(const QList<SweepSeries>& series, qint64 estimateRows)
{
    QJsonArray array;
    for (const SweepSeries& s : series) {
        QJsonObject json = s.toJson();
        if (estimateRows > 0) {
            if (const auto e = s.blockedFit.extrapolate(double(estimateRows)))
                json.insert("estimate",
                            QJsonObject { { "rows", double(estimateRows) },
                                          { "reads_blocked_ms", e->ms },
                                          { "low_ms", e->hasInterval ? QJsonValue(e->lowMs) : QJsonValue() },
                                          { "high_ms", e->hasInterval ? QJsonValue(e->highMs) : QJsonValue() },
                                          { "caveat", QStringLiteral("holds for the measuring machine's speed") } });
        }
        array.append(json);
    }
    return { { "series", array } };
}

bool SweepPage::writeFile(const QList<SweepSeries>& series, const QString& path, QString* error, qint64 estimateRows)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv") || suffix == QLatin1String("json")) {
        const QByteArray data = suffix == QLatin1String("csv")
            ? toCsv(series)
            : QJsonDocument(toJson(series, estimateRows)).toJson(QJsonDocument::Indented);
        return RunExporter::writeFile(path, data, error);
    }
    SweepPage page(series, estimateRows);
    return ChartExporter::exportPage(page, path, ChartExporter::formatForPath(path), error);
}

} // namespace locklab
