#include "charts/StaticItemCache.h"

#include <QGraphicsLineItem>
#include <QGraphicsScene>

namespace locklab {

bool StaticItemCache::isStatic(const QGraphicsItem* item)
{
    // Qt Charts' grid, tick and axis lines. Not its labels: cached text
    // lost its light colour on the dark presenter background (it vanished),
    // and text was a small part of the repaint.
    return item->type() == QGraphicsLineItem::Type;
}

void StaticItemCache::cache(QGraphicsScene* scene)
{
    if (!scene)
        return;
    const QList<QGraphicsItem*> items = scene->items();
    for (QGraphicsItem* item : items) {
        if (item->cacheMode() == QGraphicsItem::NoCache && isStatic(item))
            item->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    }
}

StaticItemCache::Suspended::Suspended(QGraphicsScene* scene)
    : m_scene(scene)
{
    if (!scene)
        return;
    const QList<QGraphicsItem*> items = scene->items();
    for (QGraphicsItem* item : items) {
        if (item->cacheMode() == QGraphicsItem::DeviceCoordinateCache && isStatic(item)) {
            item->setCacheMode(QGraphicsItem::NoCache);
            m_items.append(item);
        }
    }
}

StaticItemCache::Suspended::~Suspended()
{
    if (!m_scene)
        return;
    // Items the export's relayout removed are gone from the scene: only the ones still in it.
    const QList<QGraphicsItem*> items = m_scene->items();
    for (QGraphicsItem* item : items) {
        if (m_items.contains(item))
            item->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    }
}

} // namespace locklab
