#include "charts/PointDecimator.h"

#include <algorithm>
#include <array>
#include <vector>

namespace locklab {

namespace {

struct Columns
{
    double fromX;
    double width;
    int count;

    double perX; // columns per unit of x: one multiplication per point, not a division

    int of(double x) const { return std::clamp(int((x - fromX) * perX), 0, count - 1); }
};

QList<QPointF> floored(const QList<QPointF>& points, double yFloor)
{
    QList<QPointF> out = points;
    for (QPointF& p : out)
        p.setY(std::max(p.y(), yFloor));
    return out;
}

} // namespace

QList<QPointF> PointDecimator::line(const QList<QPointF>& points, double fromX, double toX, int columns, double yFloor)
{
    if (columns <= 0 || toX <= fromX || points.size() <= qsizetype(columns) * kLinePointsPerColumn)
        return floored(points, yFloor);

    const Columns grid { fromX, (toX - fromX) / columns, columns, columns / (toX - fromX) };
    QList<QPointF> out;
    out.reserve(qsizetype(columns) * kLinePointsPerColumn);
    const qsizetype n = points.size();
    qsizetype i = 0;
    while (i < n) {
        const int column = grid.of(points[i].x());
        const qsizetype first = i;
        qsizetype lowest = i, highest = i;
        for (; i < n && grid.of(points[i].x()) == column; ++i) {
            if (points[i].y() < points[lowest].y())
                lowest = i;
            if (points[i].y() > points[highest].y())
                highest = i;
        }
        // In x order, each point once: the column's vertical extent is drawn
        // exactly, the joint to the next column is off by under a pixel. The
        // line still starts and ends where the data does.
        std::array<qsizetype, 4> keep { lowest, highest, first == 0 ? first : lowest, i == n ? n - 1 : highest };
        std::sort(keep.begin(), keep.end());
        const auto end = std::unique(keep.begin(), keep.end());
        for (auto it = keep.begin(); it != end; ++it)
            out.append(QPointF(points[*it].x(), std::max(points[*it].y(), yFloor)));
    }
    return out;
}

QList<qsizetype> PointDecimator::lineBreaks(const QList<QPointF>& sortedOk, const QList<double>& sortedProblemTimes,
                                            int maxSegments)
{
    QList<qsizetype> breaks;
    if (sortedProblemTimes.isEmpty())
        return breaks;
    // One walk through both sorted lists (a binary search per point cost a
    // tenth of a live flush into an hour-long run).
    auto problem = sortedProblemTimes.cbegin();
    const auto problemsEnd = sortedProblemTimes.cend();
    for (qsizetype i = 1; i < sortedOk.size() && problem != problemsEnd; ++i) {
        const double from = sortedOk[i - 1].x();
        const double to = sortedOk[i].x();
        while (problem != problemsEnd && *problem <= from)
            ++problem;
        if (problem != problemsEnd && *problem < to)
            breaks.append(i);
    }
    if (maxSegments > 0 && breaks.size() > maxSegments - 1) {
        const auto gap = [&](qsizetype i) { return sortedOk[i].x() - sortedOk[i - 1].x(); };
        std::stable_sort(breaks.begin(), breaks.end(), [&](qsizetype a, qsizetype b) { return gap(a) > gap(b); });
        breaks.resize(maxSegments - 1);
        std::sort(breaks.begin(), breaks.end());
    }
    return breaks;
}

QList<QPointF> PointDecimator::markers(const QList<QPointF>& points, double fromX, double toX, int columns,
                                       double yFloor)
{
    if (columns <= 0 || toX <= fromX || points.size() <= columns)
        return floored(points, yFloor);

    const Columns grid { fromX, (toX - fromX) / columns, columns, columns / (toX - fromX) };
    std::vector<qsizetype> lowest(size_t(columns), -1);
    std::vector<qsizetype> highest(size_t(columns), -1);
    for (qsizetype i = 0; i < points.size(); ++i) {
        const size_t column = size_t(grid.of(points[i].x()));
        if (lowest[column] < 0 || points[i].y() < points[lowest[column]].y())
            lowest[column] = i;
        if (highest[column] < 0 || points[i].y() > points[highest[column]].y())
            highest[column] = i;
    }
    QList<QPointF> out;
    const auto keep = [&](qsizetype index) {
        out.append(QPointF(points[index].x(), std::max(points[index].y(), yFloor)));
    };
    for (size_t column = 0; column < size_t(columns); ++column) {
        if (lowest[column] < 0)
            continue;
        keep(lowest[column]);
        if (highest[column] != lowest[column])
            keep(highest[column]);
    }
    return out;
}

} // namespace locklab
