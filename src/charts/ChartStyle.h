#pragma once

#include <QColor>
#include <QFont>

namespace locklab::chartstyle {

// One place for the chart's look, shared by the live widget, its bands and
// the exported page, so a slide looks like the window.
//
// Fonts are sized in pixels, never in points: the same chart is painted on
// the screen, on a 2x QImage, into an SVG (72 dpi) and onto a PDF page
// (QPdfWriter's resolution). Point sizes would be converted with each
// device's dpi and come out at a different size on each; pixel sizes follow
// the painter's transform and keep the proportions of the logical page.

inline QFont font(int pixelSize, bool bold = false)
{
    QFont f;
    f.setFamilies({ QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans"), QStringLiteral("Sans Serif") });
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    return f;
}

// Sizes chosen for projector distance on a 1200x700 chart.
constexpr int kTitlePx = 22;
constexpr int kAxisTitlePx = 17;
constexpr int kAxisLabelPx = 15;
constexpr int kLegendPx = 15;
constexpr int kBandLabelPx = 14;

// Colors: the reads in blue; everything that went wrong in red; the lock the
// migration held in the same red as the timeouts it caused.
inline QColor okColor()
{
    return QColor(0x1f, 0x6f, 0xb4);
}
// Writes in orange beside the blue reads, with their timeouts a darker orange.
inline QColor writeColor()
{
    return QColor(0xe6, 0x7e, 0x22);
}
inline QColor writeTimeoutColor()
{
    return QColor(0xa0, 0x52, 0x0a);
}
// Other sessions on the stage (actors): neutral, so the locks keep the colour.
inline QColor actorColor()
{
    return QColor(0x9b, 0x7e, 0xbd);
}
inline QColor timeoutColor()
{
    return QColor(0xd6, 0x27, 0x28);
}
inline QColor errorColor()
{
    return QColor(0x8b, 0x00, 0x00);
}
inline QColor noFreeColor()
{
    return QColor(0x80, 0x80, 0x80);
}
inline QColor lockWaitColor()
{
    return QColor(0x6a, 0x1b, 0x9a);
}
inline QColor slowColor()
{
    return QColor(0xc7, 0x8b, 0x00);
}
inline QColor accessExclusiveColor()
{
    return QColor(0xd6, 0x27, 0x28);
}
// SHARE, SHARE ROW EXCLUSIVE, EXCLUSIVE: writes wait, plain reads go on.
inline QColor writeBlockingLockColor()
{
    return QColor(0xb3, 0x4a, 0x0c);
}
inline QColor shareUpdateExclusiveColor()
{
    return QColor(0xf0, 0xa0, 0x30);
}
inline QColor statementColor()
{
    return QColor(0x8f, 0xae, 0xcf);
}
inline QColor failedStatementColor()
{
    return QColor(0xe8, 0x8a, 0x3c);
}
inline QColor textColor()
{
    return QColor(0x20, 0x20, 0x20);
}
inline QColor secondaryTextColor()
{
    return QColor(0x55, 0x55, 0x55);
}

} // namespace locklab::chartstyle
