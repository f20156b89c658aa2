#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QRectF>
#include <QString>

namespace locklab {

// One bar in a band lane under the chart (a statement or a lock), with an
// optional label drawn inside the bar or next to it. Painted by hand rather
// than as rect + text items so a bar and its label move, hide and export
// (SVG text, PDF text) together.
class BandItem : public QGraphicsItem
{
public:
    enum class Label { Hidden, Inside, Outside };

    BandItem(const QColor& fill, QGraphicsItem* parent);

    void setBar(const QRectF& bar);
    void setLabel(const QString& text, const QRectF& rect, Label placement);
    void hideLabel();
    // On a dark chart a label beside its bar gets a dark backing and a light
    // text of the bar's hue (a white box there was the brightest thing on it).
    void setDark(bool dark);

    QRectF bar() const { return m_bar; }
    Label labelPlacement() const { return m_placement; }
    QString labelText() const { return m_text; }
    QRectF labelRect() const { return m_labelRect; }

    // What a label beside its bar is drawn with (public for the contrast test).
    static QColor outsideLabelBacking(bool dark);
    static QColor outsideLabelText(const QColor& fill, bool dark);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QColor m_fill;
    QRectF m_bar;
    QString m_text;
    QRectF m_labelRect;
    Label m_placement = Label::Hidden;
    bool m_dark = false;
};

} // namespace locklab
