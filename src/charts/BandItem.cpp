#include "charts/BandItem.h"

#include "charts/ChartStyle.h"

#include <QPainter>

#include <algorithm>

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

void BandItem::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    update();
}

QColor BandItem::outsideLabelBacking(bool dark)
{
    return dark ? QColor(0x1e, 0x1e, 0x1e, 235) : QColor(255, 255, 255, 235);
}

QColor BandItem::outsideLabelText(const QColor& fill, bool dark)
{
    if (!dark)
        return fill.lightnessF() < 0.6 ? fill.darker(170) : chartstyle::textColor(); // the hue, dark enough on white
    // The hue kept, lightness raised to 82 %: >= 9:1 against the dark backing
    // for every bar colour the chart uses.
    QColor light = fill.toHsl();
    light.setHslF(light.hslHueF(), std::min(light.hslSaturationF(), 0.7f), 0.82);
    return light.toRgb();
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
            painter->setBrush(outsideLabelBacking(m_dark));
            painter->drawRoundedRect(m_labelRect, 3, 3);
            painter->setPen(outsideLabelText(m_fill, m_dark));
        }
        painter->drawText(m_labelRect, Qt::AlignCenter | Qt::TextSingleLine, m_text);
    }
    painter->restore();
}

} // namespace locklab
