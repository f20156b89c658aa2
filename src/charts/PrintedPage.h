#pragma once

#include <QRectF>
#include <QString>

class QPainter;

namespace locklab {

// Something ChartExporter writes as PNG (2x), SVG or PDF: a run's chart
// page, a comparison or a sweep. Painted in logical units onto any painter.
class PrintedPage
{
public:
    virtual ~PrintedPage() = default;
    virtual void paint(QPainter* painter, const QRectF& area) = 0;
    virtual QString title() const = 0; // the file's title (SVG, PDF)
    virtual QString description() const = 0; // the SVG's description
};

} // namespace locklab
