#pragma once

#include <QImage>
#include <QSize>

namespace locklab {

class PrintedPage;

// The chart shown, as an image for slides: rendered at twice its logical
// size (crisp on a projector or a 2x screen) and put on the clipboard.
class ChartClipboard
{
public:
    static QImage render(PrintedPage& page, QSize logicalSize = QSize(1200, 700));
    // Returns the image it put on the clipboard.
    static QImage copy(PrintedPage& page, QSize logicalSize = QSize(1200, 700));
};

} // namespace locklab
