#include "ui/map_layers.h"

#include <GL/glu.h>
#include <ogr_geometry.h>

#include <QGeoCoordinate>

#include <algorithm>
#include <array>
#include <deque>
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

// The polygon's area as triangles: the GLU tessellator (SGI's, from Mesa)
// fills the rings by the odd winding rule, so holes stay empty; with an edge
// flag callback it emits separate triangles only. Unlike a constrained
// Delaunay triangulation it makes no effort to improve the triangles' shape,
// which drawing does not need, so a desert's thousand-vertex outline takes
// milliseconds, not seconds. Nothing on failure (the caller falls back).
void triangulate(const OGRPolygon& polygon, std::vector<QPointF>& out) {
  struct State {
    std::vector<QPointF>* out;
    std::deque<std::array<GLdouble, 3>> made;  // vertices where edges cross
    bool failed = false;
  } state{&out};
  std::deque<std::array<GLdouble, 3>> points;  // GLU keeps pointers to them: they must not move
  GLUtesselator* tess = gluNewTess();
  if (!tess) return;
  using Callback = void (*)();
  gluTessCallback(tess, GLU_TESS_VERTEX_DATA, reinterpret_cast<Callback>(+[](void* vertex, void* data) {
                    const auto* v = static_cast<const GLdouble*>(vertex);
                    static_cast<State*>(data)->out->emplace_back(v[0], v[1]);
                  }));
  gluTessCallback(tess, GLU_TESS_EDGE_FLAG_DATA, reinterpret_cast<Callback>(+[](GLboolean, void*) {}));
  gluTessCallback(tess, GLU_TESS_COMBINE_DATA,
                  reinterpret_cast<Callback>(+[](GLdouble coords[3], void*[4], GLfloat[4], void** result, void* data) {
                    auto& made = static_cast<State*>(data)->made;
                    made.push_back({coords[0], coords[1], coords[2]});
                    *result = made.back().data();
                  }));
  gluTessCallback(tess, GLU_TESS_ERROR_DATA,
                  reinterpret_cast<Callback>(+[](GLenum, void* data) { static_cast<State*>(data)->failed = true; }));
  gluTessProperty(tess, GLU_TESS_WINDING_RULE, GLU_TESS_WINDING_ODD);
  gluTessNormal(tess, 0, 0, 1);
  const size_t first = out.size();
  gluTessBeginPolygon(tess, &state);
  for (const OGRLinearRing* ring : polygon) {
    const int n = ring->getNumPoints();
    const int last = n > 1 && ring->getX(0) == ring->getX(n - 1) && ring->getY(0) == ring->getY(n - 1) ? n - 1 : n;
    gluTessBeginContour(tess);
    for (int i = 0; i < last; ++i) {
      points.push_back({ring->getX(i), ring->getY(i), 0.0});
      gluTessVertex(tess, points.back().data(), points.back().data());
    }
    gluTessEndContour(tess);
  }
  gluTessEndPolygon(tess);
  gluDeleteTess(tess);
  if (state.failed || (out.size() - first) % 3 != 0) out.resize(first);
}

std::vector<QPointF> ring_points(const OGRLinearRing& ring) {
  std::vector<QPointF> out;
  const int n = ring.getNumPoints();
  const int last = n > 1 && ring.getX(0) == ring.getX(n - 1) && ring.getY(0) == ring.getY(n - 1) ? n - 1 : n;
  for (int i = 0; i < last; ++i) out.emplace_back(ring.getX(i), ring.getY(i));
  return out;
}

// Triangles and rings of every polygon in g (a simplification may split one).
void add_detail(const OGRGeometry& g, ShapeDetail& detail) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon: {
      const OGRPolygon& p = *g.toPolygon();
      if (p.IsEmpty()) return;
      triangulate(p, detail.triangles);
      if (p.getExteriorRing()) detail.rings.push_back(ring_points(*p.getExteriorRing()));
      for (int i = 0; i < p.getNumInteriorRings(); ++i) detail.rings.push_back(ring_points(*p.getInteriorRing(i)));
      break;
    }
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection()) add_detail(*part, detail);
      break;
    default:
      break;
  }
}

void append_polygon(const OGRPolygon& polygon, int feature, std::vector<ShapePart>& out) {
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
  add_detail(polygon, part.details[0]);
  for (int level = 1; level < kDetailLevels; ++level) {
    ShapeDetail& detail = part.details[size_t(level)];
    std::unique_ptr<OGRGeometry> coarse(polygon.SimplifyPreserveTopology(kDetailToleranceDeg[level]));
    if (coarse && !coarse->IsEmpty()) add_detail(*coarse, detail);
    // Not triangulated at this level: draw the finer level instead.
    if (detail.triangles.empty() && !detail.rings.empty()) detail = part.details[size_t(level) - 1];
  }
  out.push_back(std::move(part));
}

void append_any(const OGRGeometry& g, int feature, std::vector<ShapePart>& out) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon:
      append_polygon(*g.toPolygon(), feature, out);
      break;
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (const OGRGeometry* part : *g.toGeometryCollection()) append_any(*part, feature, out);
      break;
    default:
      break;  // points and lines have no area to draw
  }
}

}  // namespace

void append_shape_parts(const OGRGeometry& geometry, int feature, double tolerance_deg,
                        std::vector<ShapePart>& out) {
  if (tolerance_deg > 0) {
    std::unique_ptr<OGRGeometry> simple(geometry.SimplifyPreserveTopology(tolerance_deg));
    if (simple && !simple->IsEmpty()) {
      append_any(*simple, feature, out);
      return;
    }
  }
  append_any(geometry, feature, out);
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
