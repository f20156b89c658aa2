#pragma once

#include <QGraphicsItem>
#include <QList>
#include <QPointer>

class QGraphicsScene;

namespace locklab {

// Lets a chart's grid and axis lines repaint from a pixmap. Qt Charts draws
// each grid line as an item of its own, and a live chart repaints the whole
// plot on every flush (the read line spans it):
// stroking the log axis' forty-odd antialiased grid lines was a third of a
// live repaint in the window (locklab-bench, benchmark 5). They change only
// when an axis does, which redraws their pixmap.
//
// Qt Charts makes new grid items when an axis gets more ticks, so cache()
// runs again after every range or size change; it only touches new items.
// Exports suspend the cache (Suspended) so SVG and PDF keep vector lines and
// text, and 2x PNGs are drawn at their own resolution.
class StaticItemCache
{
public:
    static void cache(QGraphicsScene* scene);

    class Suspended
    {
    public:
        explicit Suspended(QGraphicsScene* scene);
        ~Suspended();
        Suspended(const Suspended&) = delete;
        Suspended& operator=(const Suspended&) = delete;

    private:
        QList<QGraphicsItem*> m_items;
        QPointer<QGraphicsScene> m_scene;
    };

private:
    static bool isStatic(const QGraphicsItem* item);
};

} // namespace locklab
