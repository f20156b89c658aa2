#include "charts/PlainChartView.h"

#include "charts/ChartStyle.h"

#include <QGraphicsLayout>
#include <QLegend>

namespace locklab {

// The chart goes to the base constructor: QChartView(QWidget*) would make a
// default chart of its own.
PlainChartView::PlainChartView(QWidget* parent)
    : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(320, 220);
    setFrameShape(QFrame::NoFrame);
    setBackgroundBrush(Qt::white);
    QChart* c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setBackgroundRoundness(0);
    if (QGraphicsLayout* layout = c->layout())
        layout->setContentsMargins(0, 0, 0, 0);
    c->setMargins(QMargins(8, 6, 28, 4));
    c->legend()->setAlignment(Qt::AlignTop);
    c->legend()->setFont(chartstyle::font(chartstyle::kLegendPx));
    c->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
}

void PlainChartView::renderTo(QPainter* painter, const QRectF& target)
{
    QChart* c = chart();
    const QSizeF previous = c->size();
    c->resize(target.size());
    // The layout normally runs from the event loop; an export cannot wait.
    if (QGraphicsLayout* layout = c->layout())
        layout->activate();
    scene()->render(painter, target, QRectF(c->pos(), target.size()));
    c->resize(previous);
}

} // namespace locklab
