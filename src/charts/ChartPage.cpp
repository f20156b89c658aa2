#include "charts/ChartPage.h"

#include "charts/ChartStyle.h"
#include "charts/LatencyChart.h"
#include "core/lesson/CountParser.h"
#include "core/run/RunStatistics.h"
#include "core/run/Verdict.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStringList>

namespace locklab {

namespace {

constexpr qreal kMargin = 24;
// Fonts are sized for a page this wide; a smaller page is this layout scaled
// down (a thumbnail of the slide), not the same fonts squeezing the plot.
constexpr qreal kDesignWidth = 1200;
constexpr int kDetailsPx = 15;
constexpr int kVerdictPx = 16;
const QString kSeparator = QStringLiteral("  \u00b7  ");

} // namespace

ChartPage::ChartPage(const RunRecord& record)
    : m_record(record)
    , m_summary(record)
    , m_chart(std::make_unique<LatencyChart>())
{
    m_chart->showRecord(record);
}

ChartPage::~ChartPage() = default;

QString ChartPage::title() const
{
    const QString lesson = m_record.lessonTitle.isEmpty() ? m_record.lessonId : m_record.lessonTitle;
    const QString step = m_record.stepTitle.isEmpty() ? m_record.stepId : m_record.stepTitle;
    if (lesson.isEmpty() || step.isEmpty())
        return lesson + step;
    return lesson + QStringLiteral(" \u2014 ") + step;
}

QString ChartPage::details() const
{
    QStringList parts;
    if (!m_record.lessonId.isEmpty())
        parts << QStringLiteral("Lesson %1").arg(m_record.lessonId);
    if (!m_record.stepId.isEmpty())
        parts << QStringLiteral("step %1").arg(m_record.stepId);
    if (m_record.rowCount > 0) {
        // A fixed locale: the same digits on every slide and in the tests.
        parts << QStringLiteral("%1 rows").arg(CountParser::format(m_record.rowCount));
    }
    if (!m_record.serverVersion.isEmpty())
        parts << postgresName(m_record.serverVersion);
    if (m_record.startedAt.isValid())
        parts << m_record.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return parts.join(kSeparator);
}

QString ChartPage::headline() const
{
    return Verdict::headline(m_summary);
}

QString ChartPage::verdict() const
{
    return Verdict::describe(m_summary);
}

QString ChartPage::postgresName(const QString& serverVersion)
{
    const QStringList words = serverVersion.simplified().split(' ', Qt::SkipEmptyParts);
    if (words.isEmpty())
        return QString();
    if (words.first().compare(QLatin1String("PostgreSQL"), Qt::CaseInsensitive) == 0)
        return words.size() > 1 ? QStringLiteral("PostgreSQL ") + words.at(1) : QStringLiteral("PostgreSQL");
    return QStringLiteral("PostgreSQL ") + words.first();
}

void ChartPage::paint(QPainter* painter, const QRectF& area)
{
    const RunStatistics& stats = m_summary.statistics();
    const QColor headlineColor = stats.blockedMs > 0 ? chartstyle::timeoutColor()
        : stats.hasLatency()                         ? QColor(0x2e, 0x7d, 0x32)
                                                     : chartstyle::textColor();
    paintPage(painter, area, { title(), details(), headline(), headlineColor, verdict() },
              [this](QPainter* p, const QRectF& rect) { m_chart->renderTo(p, rect); });
}

void ChartPage::paintPage(QPainter* painter, const QRectF& area, const PageText& text,
                          const std::function<void(QPainter*, const QRectF&)>& drawChart)
{
    painter->save();
    QRectF page = area;
    if (area.width() < kDesignWidth) {
        const qreal scale = area.width() / kDesignWidth;
        painter->translate(area.topLeft());
        painter->scale(scale, scale);
        page = QRectF(0, 0, kDesignWidth, area.height() / scale);
    }
    painter->fillRect(page, Qt::white);
    const QRectF content = page.adjusted(kMargin, kMargin * 0.75, -kMargin, -kMargin * 0.75);

    // Title block: the title on the left, the headline (the one line an
    // audience remembers) on the right, the details beneath.
    const QFont titleFont = chartstyle::font(chartstyle::kTitlePx, true);
    const QFont detailsFont = chartstyle::font(kDetailsPx);
    const QFontMetricsF titleMetrics(titleFont);
    const QFontMetricsF detailsMetrics(detailsFont);
    const qreal headlineWidth = titleMetrics.horizontalAdvance(text.headline);
    const QRectF titleLine(content.left(), content.top(), content.width(), titleMetrics.height());
    painter->setFont(titleFont);
    painter->setPen(text.headlineColor);
    painter->drawText(titleLine, Qt::AlignRight | Qt::AlignVCenter, text.headline);
    painter->setPen(chartstyle::textColor());
    const qreal titleRoom = content.width() - headlineWidth - 24;
    painter->drawText(titleLine.adjusted(0, 0, -(headlineWidth + 24), 0), Qt::AlignLeft | Qt::AlignVCenter,
                      titleMetrics.elidedText(text.title, Qt::ElideRight, titleRoom));
    const QRectF detailsLine(content.left(), titleLine.bottom() + 4, content.width(), detailsMetrics.height());
    painter->setFont(detailsFont);
    painter->setPen(chartstyle::secondaryTextColor());
    painter->drawText(detailsLine, Qt::AlignLeft | Qt::AlignVCenter,
                      detailsMetrics.elidedText(text.details, Qt::ElideRight, content.width()));

    // The words beneath the chart, as many lines as they need.
    const QFont verdictFont = chartstyle::font(kVerdictPx);
    painter->setFont(verdictFont);
    const int flags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
    const QRectF verdictBounds = painter->boundingRect(QRectF(0, 0, content.width(), 1e6), flags, text.footer);
    const QRectF verdictRect(content.left(), content.bottom() - verdictBounds.height(), content.width(),
                             verdictBounds.height());

    const QRectF chartRect(page.left(), detailsLine.bottom() + 4, page.width(),
                           verdictRect.top() - 10 - (detailsLine.bottom() + 4));
    painter->setPen(QPen(QColor(0xcc, 0xcc, 0xcc), 1));
    painter->drawLine(QPointF(content.left(), verdictRect.top() - 6), QPointF(content.right(), verdictRect.top() - 6));
    painter->setPen(chartstyle::textColor());
    painter->drawText(verdictRect, flags, text.footer);

    if (chartRect.height() > 50)
        drawChart(painter, chartRect);
    painter->restore();
}

} // namespace locklab
