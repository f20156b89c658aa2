#include "charts/WaitSpanItem.h"

#include <QChart>
#include <QPainter>
#include <QXYSeries>

#include <algorithm>

namespace locklab {

WaitSpanItem::WaitSpanItem(QChart* chart, QXYSeries* mapping)
    : QGraphicsItem(chart)
    , m_chart(chart)
    , m_mapping(mapping)
    , m_color(0xd6, 0x27, 0x28, 120)
{
    setZValue(4); // over the grid and the line, under the markers' tooltips
}

void WaitSpanItem::setSpans(const QList<Span>& spans)
{
    prepareGeometryChange();
    m_spans = spans;
    update();
}

void WaitSpanItem::setColor(const QColor& color)
{
    m_color = color;
    update();
}

QRectF WaitSpanItem::boundingRect() const
{
    return m_chart->plotArea();
}

void WaitSpanItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (m_spans.isEmpty())
        return;
    const QRectF plot = m_chart->plotArea();
    painter->save();
    painter->setClipRect(plot);
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(QPen(m_color, 3, Qt::SolidLine, Qt::FlatCap));
    QList<QLineF> lines;
    lines.reserve(m_spans.size());
    for (const Span& span : m_spans) {
        const double y = std::max(span.latencyMs, m_floorMs);
        const QPointF from = m_chart->mapToPosition(QPointF(span.fromS, y), m_mapping);
        const QPointF to = m_chart->mapToPosition(QPointF(span.toS, y), m_mapping);
        lines.append(QLineF(from, QPointF(std::max(to.x(), from.x() + 1), to.y())));
    }
    painter->drawLines(lines);
    painter->restore();
}

} // namespace locklab
