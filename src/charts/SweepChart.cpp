#include "charts/SweepChart.h"

#include "charts/ChartStyle.h"
#include "charts/ComparisonChart.h"

#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>

#include <algorithm>
#include <cmath>

namespace locklab {

SweepChart::SweepChart(QWidget* parent)
    : PlainChartView(parent)
    , m_chart(chart())
    , m_rows(new QLogValueAxis)
    , m_ms(new QLogValueAxis)
{
    m_rows->setTitleText(tr("Rows in the table (log scale)"));
    m_rows->setLabelFormat("%.0f");
    m_ms->setTitleText(tr("Milliseconds (log scale)"));
    m_ms->setLabelFormat("%g");
    m_ms->setMinorTickCount(-1);
    for (QLogValueAxis* axis : { m_rows, m_ms }) {
        axis->setBase(10);
        axis->setTitleFont(chartstyle::font(chartstyle::kAxisTitlePx));
        axis->setLabelsFont(chartstyle::font(chartstyle::kAxisLabelPx));
    }
    m_chart->addAxis(m_rows, Qt::AlignBottom);
    m_chart->addAxis(m_ms, Qt::AlignLeft);
    m_chart->setTitleFont(chartstyle::font(chartstyle::kAxisTitlePx, true));
}

void SweepChart::setSeries(const QList<SweepSeries>& series)
{
    m_series = series;
    rebuild();
}

QStringList SweepChart::legendLabels() const
{
    QStringList labels;
    for (QAbstractSeries* s : m_chart->series()) {
        if (!s->name().isEmpty())
            labels << s->name();
    }
    return labels;
}

QString SweepChart::shortName(const QString& name, int maxChars)
{
    if (name.size() <= maxChars)
        return name;
    const int space = int(name.left(maxChars).lastIndexOf(' '));
    return name.left(space > maxChars / 2 ? space : maxChars).trimmed() + QChar(0x2026);
}

void SweepChart::rebuild()
{
    m_chart->removeAllSeries();
    m_chart->setTitle(m_series.size() == 1 ? shortName(m_series.first().name, kTitleChars) : QString());
    double minRows = 1e18;
    double maxRows = 1;
    double maxMs = 10;
    for (const SweepSeries& s : m_series) {
        for (const SweepPoint& p : s.points) {
            minRows = std::min(minRows, double(p.rows));
            maxRows = std::max(maxRows, double(p.rows));
            maxMs = std::max({ maxMs, p.blockedMs, p.accessExclusiveMs });
        }
    }
    if (minRows > maxRows)
        minRows = 1000, maxRows = 1000000;
    // A third of a decade of room on each side, so no point sits on an edge.
    const double fromRows = minRows / 2.2;
    const double toRows = maxRows * 2.2;
    const double topMs = std::pow(10.0, std::ceil(std::log10(maxMs) + 1e-9));

    const auto attach = [this](QXYSeries* series) {
        m_chart->addSeries(series);
        series->attachAxis(m_rows);
        series->attachAxis(m_ms);
    };
    for (int i = 0; i < m_series.size(); ++i) {
        const SweepSeries& s = m_series.at(i);
        const QColor color = ComparisonChart::runColor(i);
        struct Measure
        {
            QString what;
            double SweepPoint::*member;
            const SweepFit* fit;
            QScatterSeries::MarkerShape shape;
        };
        const QList<Measure> measures {
            { tr("reads blocked"), &SweepPoint::blockedMs, &s.blockedFit, QScatterSeries::MarkerShapeCircle },
            { tr("ACCESS EXCLUSIVE held"), &SweepPoint::accessExclusiveMs, &s.holdFit,
              QScatterSeries::MarkerShapeRectangle },
        };
        for (int m = 0; m < measures.size(); ++m) {
            const Measure& measure = measures.at(m);
            auto* points = new QScatterSeries;
            bool onFloor = false;
            for (const SweepPoint& p : s.points) {
                const double ms = p.*(measure.member);
                onFloor = onFloor || ms <= 0;
                points->append(double(p.rows), std::max(kFloorMs, ms));
            }
            // Qt elides legend entries that do not fit, mid-word: one sweep's
            // entries name only the measure (the step is the chart's title),
            // several name their step, cut at a word.
            const QString floorNote = onFloor ? tr(" (0 drawn at %1 ms)").arg(kFloorMs) : QString();
            points->setName(
                m_series.size() == 1
                    ? measure.what + floorNote
                    : QStringLiteral("%1: %2%3").arg(shortName(s.name, kLegendNameChars), measure.what, floorNote));
            points->setMarkerShape(measure.shape);
            // Hollow squares around filled circles: both stay visible where they coincide.
            points->setMarkerSize(m == 0 ? 11 : 19);
            const QColor c = m == 0 ? color : color.darker(140);
            points->setColor(m == 0 ? c : QColor(Qt::transparent));
            points->setBorderColor(c);
            points->setPen(QPen(c, 2));
            attach(points);
            if (measure.fit->isValid()) {
                auto* line = new QLineSeries;
                QList<QPointF> fitted;
                for (int k = 0; k <= 20; ++k) {
                    const double rows = fromRows * std::pow(toRows / fromRows, k / 20.0);
                    const double ms = measure.fit->predictMs(rows);
                    if (ms >= kFloorMs && ms <= topMs * 10)
                        fitted << QPointF(rows, ms);
                }
                line->replace(fitted);
                line->setPen(QPen(c, 1.5, Qt::DashLine));
                attach(line);
                // One legend entry per measured series is enough; the fit's words are on the page.
                m_chart->legend()->markers(line).first()->setVisible(false);
            }
        }
    }
    m_rows->setRange(fromRows, toRows);
    m_ms->setRange(kFloorMs, topMs);
}

} // namespace locklab
