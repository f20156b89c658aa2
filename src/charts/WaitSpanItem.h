#pragma once

#include <QGraphicsItem>
#include <QList>
#include <QPointF>

class QChart;
class QXYSeries;

namespace locklab {

// Reads that waited, drawn as what they were: a bar from when each was sent
// to when it was answered (or gave up, or the run ended), at the height of
// its wait. A stall then reads as one block across the lock's band instead
// of dots floating at their send times. Painted over the plot in the
// series' coordinates; the markers stay at the send times.
class WaitSpanItem : public QGraphicsItem
{
public:
    struct Span
    {
        double fromS = 0;
        double toS = 0;
        double latencyMs = 0;
    };

    WaitSpanItem(QChart* chart, QXYSeries* mapping);

    void setSpans(const QList<Span>& spans);
    const QList<Span>& spans() const { return m_spans; }
    void setFloor(double ms) { m_floorMs = ms; }
    void setColor(const QColor& color);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QChart* m_chart;
    QXYSeries* m_mapping;
    QList<Span> m_spans;
    double m_floorMs = 0;
    QColor m_color;
};

} // namespace locklab
