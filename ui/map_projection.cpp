#include "ui/map_projection.h"

#include <QGeoCoordinate>

#include <algorithm>
#include <cmath>

namespace tuowei::ui {

QPointF web_mercator(double lat, double lon) {
  const double lat_r = std::clamp(lat, -85.05, 85.05) * M_PI / 180.0;
  return {(lon + 180.0) / 360.0, 0.5 - std::log(std::tan(M_PI / 4 + lat_r / 2)) / (2 * M_PI)};
}

namespace {

QPointF from_coordinate(QQuickItem* map, const QQuickItem* item, double lat, double lon) {
  QPointF p(qQNaN(), qQNaN());
  // QDeclarativeGeoMap::fromCoordinate; its header is private.
  QMetaObject::invokeMethod(map, "fromCoordinate", Qt::DirectConnection, Q_RETURN_ARG(QPointF, p),
                            Q_ARG(QGeoCoordinate, QGeoCoordinate(lat, lon)), Q_ARG(bool, false));
  return item->mapFromItem(map, p);
}

}  // namespace

MapPlacement map_placement(QQuickItem* map, const QQuickItem* item, double lat0, double lon0, double lat1,
                           double lon1) {
  MapPlacement m;
  if (!map || !item) return m;
  const QPointF a = from_coordinate(map, item, lat0, lon0), b = from_coordinate(map, item, lat1, lon1);
  if (!std::isfinite(a.x()) || !std::isfinite(a.y()) || !std::isfinite(b.x()) || !std::isfinite(b.y())) return m;
  const QPointF ma = web_mercator(lat0, lon0), mb = web_mercator(lat1, lon1);
  if (ma.x() == mb.x() || ma.y() == mb.y()) return m;
  m.sx = (b.x() - a.x()) / (mb.x() - ma.x());
  m.sy = (b.y() - a.y()) / (mb.y() - ma.y());
  m.origin = QPointF(a.x() - ma.x() * m.sx, a.y() - ma.y() * m.sy);
  m.valid = std::isfinite(m.sx) && std::isfinite(m.sy) && m.sx > 0 && m.sy > 0;
  return m;
}

void follow_map_view(QQuickItem* map, QObject* receiver, const char* slot) {
  // QDeclarativeGeoMap's notifications; its headers are private, hence the
  // string-based connections.
  QObject::connect(map, SIGNAL(centerChanged(QGeoCoordinate)), receiver, slot);
  QObject::connect(map, SIGNAL(zoomLevelChanged(qreal)), receiver, slot);
  QObject::connect(map, SIGNAL(bearingChanged(qreal)), receiver, slot);
  QObject::connect(map, SIGNAL(tiltChanged(qreal)), receiver, slot);
  QObject::connect(map, SIGNAL(mapReadyChanged(bool)), receiver, slot);
  QObject::connect(map, SIGNAL(widthChanged()), receiver, slot);
  QObject::connect(map, SIGNAL(heightChanged()), receiver, slot);
}

}  // namespace tuowei::ui
