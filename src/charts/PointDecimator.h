#pragma once

#include <QList>
#include <QPointF>

#include <limits>

namespace locklab {

// Reduces what a series draws without losing what the eye would see.
//
// Qt Charts recomputes a line's whole path (and strokes it for its shape) on
// every change and draws every point, so 72,000 probe samples cost ~60 ms per
// update plus ~150 ms per repaint, too slow for a live chart at 10 Hz. A plot
// is about 1,000 pixels wide: beyond two points per pixel column extra
// points only paint over each other. Above that density the line keeps, per
// column, its lowest and highest point in x order (and the series' first and
// last point), so every spike is still drawn at full height; markers keep the
// lowest and highest per column. Below it nothing changes: a chart of a
// couple of thousand samples shows each of them. (Keeping each column's
// first and last point too, "M4", doubled the points and the antialiased
// stroking time for a joint that moves by less than a pixel.)
class PointDecimator
{
public:
    // Columns across the time axis: about two per pixel of a 1,000 px plot,
    // so a 2x export is as faithful as the screen.
    static constexpr int kColumns = 2000;
    static constexpr int kLinePointsPerColumn = 2;

    // `points` sorted by x. Returns them unchanged (y raised to yFloor) when
    // there are at most columns * 2 of them, else the min/max reduction over
    // [fromX, toX]; the result stays sorted by x.
    static QList<QPointF> line(const QList<QPointF>& points, double fromX, double toX, int columns = kColumns,
                               double yFloor = -std::numeric_limits<double>::infinity());

    // Where the line must break: index i in the result means a new segment
    // starts at sortedOk[i], because some read sent between sortedOk[i-1]
    // and sortedOk[i] did not answer (a time in sortedProblemTimes lies
    // strictly between them). A line drawn across that gap would show
    // latency rising smoothly when reads were in fact stuck. At most
    // maxSegments - 1 breaks: the widest gaps win.
    static QList<qsizetype> lineBreaks(const QList<QPointF>& sortedOk, const QList<double>& sortedProblemTimes,
                                       int maxSegments);

    // Markers in any order. Unchanged (y raised to yFloor) up to `columns`
    // markers, else the lowest and highest marker of each column.
    static QList<QPointF> markers(const QList<QPointF>& points, double fromX, double toX, int columns = kColumns,
                                  double yFloor = -std::numeric_limits<double>::infinity());
};

} // namespace locklab
