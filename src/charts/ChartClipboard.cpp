#include "charts/ChartClipboard.h"

#include "charts/ChartExporter.h"
#include "charts/PrintedPage.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QPainter>

namespace locklab {

QImage ChartClipboard::render(PrintedPage& page, QSize logicalSize)
{
    QImage image(logicalSize * ChartExporter::kPngPixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ChartExporter::kPngPixelRatio);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    page.paint(&painter, QRectF(QPointF(0, 0), logicalSize));
    painter.end();
    return image;
}

QImage ChartClipboard::copy(PrintedPage& page, QSize logicalSize)
{
    QImage image = render(page, logicalSize);
    // Slide tools paste at the image's pixel size; keep the 2x pixels.
    image.setDevicePixelRatio(1);
    if (QClipboard* clipboard = QGuiApplication::clipboard())
        clipboard->setImage(image);
    return image;
}

} // namespace locklab
