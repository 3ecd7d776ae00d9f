#include "ui/map_layers.h"

#include <cpl_error.h>
#include <geos_c.h>
#include <ogr_geometry.h>

#include <QGeoCoordinate>

#include <algorithm>
#include <memory>

namespace tuowei::ui {
namespace {

QList<QGeoCoordinate> ring_path(const OGRLinearRing& ring) {
  QList<QGeoCoordinate> path;
  const int n = ring.getNumPoints();
  path.reserve(n);
  // The closing vertex repeats the first; Qt closes polygons itself.
  const int last = n > 1 && ring.getX(0) == ring.getX(n - 1) && ring.getY(0) == ring.getY(n - 1) ? n - 1 : n;
  for (int i = 0; i < last; ++i) path.append(QGeoCoordinate(ring.getY(i), ring.getX(i)));
  return path;
}

// One GEOS context per conversion (conversions run on worker threads).
class GeosContext {
 public:
  GeosContext() : handle_(OGRGeometry::createGEOSContext()) {}
  ~GeosContext() { OGRGeometry::freeGEOSContext(handle_); }
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;
  GEOSContextHandle_t get() const { return handle_; }

 private:
  GEOSContextHandle_t handle_;
};

// The polygon's area as triangles: GEOS's constrained Delaunay
// triangulation keeps every edge and hole of the polygon.
void triangulate(const OGRPolygon& polygon, const GeosContext& geos, std::vector<QPointF>& out) {
  GEOSContextHandle_t h = geos.get();
  GEOSGeometry* g = polygon.exportToGEOS(h);
  if (!g) return;
  // A polygon GEOS cannot triangulate (rare, after coarse simplification)
  // is left to the caller's fallback; its error is not the planner's news.
  CPLPushErrorHandler(CPLQuietErrorHandler);
  GEOSGeometry* tris = GEOSConstrainedDelaunayTriangulation_r(h, g);
  CPLPopErrorHandler();
  GEOSGeom_destroy_r(h, g);
  if (!tris) return;
  const int n = GEOSGetNumGeometries_r(h, tris);
  out.reserve(size_t(std::max(0, n)) * 3);
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* t = GEOSGetGeometryN_r(h, tris, i);
    const GEOSGeometry* ring = t ? GEOSGetExteriorRing_r(h, t) : nullptr;
    const GEOSCoordSequence* seq = ring ? GEOSGeom_getCoordSeq_r(h, ring) : nullptr;
    unsigned int size = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &size) || size < 3) continue;
    for (unsigned int k = 0; k < 3; ++k) {
      double x = 0, y = 0;
      GEOSCoordSeq_getXY_r(h, seq, k, &x, &y);
      out.emplace_back(x, y);
    }
  }
  GEOSGeom_destroy_r(h, tris);
}

std::vector<QPointF> ring_points(const OGRLinearRing& ring) {
  std::vector<QPointF> out;
  const int n = ring.getNumPoints();
  const int last = n > 1 && ring.getX(0) == ring.getX(n - 1) && ring.getY(0) == ring.getY(n - 1) ? n - 1 : n;
  for (int i = 0; i < last; ++i) out.emplace_back(ring.getX(i), ring.getY(i));
  return out;
}

// Triangles and rings of every polygon in g (a simplification may split one).
void add_detail(const OGRGeometry& g, const GeosContext& geos, ShapeDetail& detail) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon: {
      const OGRPolygon& p = *g.toPolygon();
      if (p.IsEmpty()) return;
      triangulate(p, geos, detail.triangles);
      if (p.getExteriorRing()) detail.rings.push_back(ring_points(*p.getExteriorRing()));
      for (int i = 0; i < p.getNumInteriorRings(); ++i) detail.rings.push_back(ring_points(*p.getInteriorRing(i)));
      break;
    }
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection()) add_detail(*part, geos, detail);
      break;
    default:
      break;
  }
}

void append_polygon(const OGRPolygon& polygon, int feature, const GeosContext& geos, std::vector<ShapePart>& out) {
  const OGRLinearRing* outer = polygon.getExteriorRing();
  if (!outer || outer->getNumPoints() < 4) return;
  ShapePart part;
  part.feature = feature;
  part.polygon = QGeoPolygon(ring_path(*outer));
  for (int i = 0; i < polygon.getNumInteriorRings(); ++i) {
    const OGRLinearRing* hole = polygon.getInteriorRing(i);
    if (hole && hole->getNumPoints() >= 4) part.polygon.addHole(ring_path(*hole));
  }
  part.details.resize(kDetailLevels);
  add_detail(polygon, geos, part.details[0]);
  for (int level = 1; level < kDetailLevels; ++level) {
    ShapeDetail& detail = part.details[size_t(level)];
    std::unique_ptr<OGRGeometry> coarse(polygon.SimplifyPreserveTopology(kDetailToleranceDeg[level]));
    if (coarse && !coarse->IsEmpty()) add_detail(*coarse, geos, detail);
    // Not triangulated at this level: draw the finer level instead.
    if (detail.triangles.empty() && !detail.rings.empty()) detail = part.details[size_t(level) - 1];
  }
  out.push_back(std::move(part));
}

void append_any(const OGRGeometry& g, int feature, const GeosContext& geos, std::vector<ShapePart>& out) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon:
      append_polygon(*g.toPolygon(), feature, geos, out);
      break;
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection()) append_any(*part, feature, geos, out);
      break;
    default:
      break;  // points and lines have no area to draw
  }
}

}  // namespace

void append_shape_parts(const OGRGeometry& geometry, int feature, double tolerance_deg,
                        std::vector<ShapePart>& out) {
  const GeosContext geos;
  if (tolerance_deg > 0) {
    std::unique_ptr<OGRGeometry> simple(geometry.SimplifyPreserveTopology(tolerance_deg));
    if (simple && !simple->IsEmpty()) {
      append_any(*simple, feature, geos, out);
      return;
    }
  }
  append_any(geometry, feature, geos, out);
}

QGeoRectangle bounds_of(const std::vector<ShapePart>& parts) {
  QGeoRectangle box;
  for (const ShapePart& p : parts) {
    QGeoRectangle b = p.polygon.boundingGeoRectangle();
    box = box.isValid() ? box.united(b) : b;
  }
  return box;
}

}  // namespace tuowei::ui
