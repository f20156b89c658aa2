#pragma once

#include <QChartView>

namespace locklab {

// The common frame of LockLab's secondary charts (comparison, sweep): no
// animation, white to the widget's edge, legend on top in the chart fonts,
// and renderTo() for exports at any size.
class PlainChartView : public QChartView
{
    Q_OBJECT
public:
    explicit PlainChartView(QWidget* parent = nullptr);

    // Lays the chart out at target's size and paints it there (logical units).
    void renderTo(QPainter* painter, const QRectF& target);
};

} // namespace locklab
