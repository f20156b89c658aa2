#include "charts/BandItem.h"

#include "charts/ChartStyle.h"

#include <QPainter>

namespace locklab {

namespace {

// Bars are drawn above the plot's own items but a label set outside its bar
// must not be covered by a neighbouring bar, so labelled items go on top.
constexpr qreal kBarZ = 10;
constexpr qreal kLabelledZ = 11;

bool isDark(const QColor& color)
{
    return color.lightnessF() < 0.5;
}

} // namespace

BandItem::BandItem(const QColor& fill, QGraphicsItem* parent)
    : QGraphicsItem(parent)
    , m_fill(fill)
{
    setZValue(kBarZ);
}

void BandItem::setBar(const QRectF& bar)
{
    prepareGeometryChange();
    m_bar = bar;
}

void BandItem::setLabel(const QString& text, const QRectF& rect, Label placement)
{
    prepareGeometryChange();
    m_text = text;
    m_labelRect = rect;
    m_placement = text.isEmpty() ? Label::Hidden : placement;
    setZValue(m_placement == Label::Hidden ? kBarZ : kLabelledZ);
}

void BandItem::hideLabel()
{
    setLabel(QString(), QRectF(), Label::Hidden);
}

QRectF BandItem::boundingRect() const
{
    QRectF rect = m_bar.adjusted(-1, -1, 1, 1);
    if (m_placement != Label::Hidden)
        rect |= m_labelRect.adjusted(-1, -1, 1, 1);
    return rect;
}

void BandItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(m_fill.darker(130), 1));
    painter->setBrush(m_fill);
    painter->drawRoundedRect(m_bar, 3, 3);

    if (m_placement != Label::Hidden) {
        painter->setFont(chartstyle::font(chartstyle::kBandLabelPx));
        if (m_placement == Label::Inside) {
            // A backing in the bar's colour: a label spanning a run of
            // batches would otherwise be crossed by every bar's outline.
            painter->setPen(Qt::NoPen);
            painter->drawRect(m_labelRect.adjusted(0, 2, 0, -2));
            painter->setPen(isDark(m_fill) ? Qt::white : chartstyle::textColor());
        } else {
            // Next to its bar the label may cross other, tiny bars: a
            // backing keeps it legible.
            painter->setPen(Qt::NoPen);
            painter->setBrush(QColor(255, 255, 255, 235));
            painter->drawRoundedRect(m_labelRect, 3, 3);
            // The bar's hue, dark enough to read on white.
            painter->setPen(m_fill.lightnessF() < 0.6 ? m_fill.darker(170) : chartstyle::textColor());
        }
        painter->drawText(m_labelRect, Qt::AlignCenter | Qt::TextSingleLine, m_text);
    }
    painter->restore();
}

} // namespace locklab
