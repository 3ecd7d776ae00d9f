// Where the QML Map draws a coordinate, for layers that draw themselves:
// north-up Web Mercator is affine in (x, y), so two positions the Map
// reports fix every other one. Display only.
#pragma once

#include <QPointF>
#include <QQuickItem>

namespace tuowei::ui {

// Web Mercator in [0, 1] over the world (x east, y south), as Qt Location's
// maps project.
QPointF web_mercator(double lat, double lon);

struct MapPlacement {
  bool valid = false;
  QPointF origin;  // item position of mercator (0, 0)... extrapolated
  double sx = 0, sy = 0;  // item pixels per mercator unit
  QPointF place(QPointF mercator) const { return {origin.x() + mercator.x() * sx, origin.y() + mercator.y() * sy}; }
};

// The affine map from Web Mercator to `item`'s coordinates for the Map's
// current view, from Map.fromCoordinate at two reference coordinates that
// should lie around the data (far apart enough to fix the scale).
MapPlacement map_placement(QQuickItem* map, const QQuickItem* item, double lat0, double lon0, double lat1, double lon1);

// Calls `receiver`'s slot `slot` (a SLOT(...) string) whenever the Map's view
// changes: centre, zoom, bearing, tilt, readiness or size.
void follow_map_view(QQuickItem* map, QObject* receiver, const char* slot);

}  // namespace tuowei::ui
