// What the map draws, in display form: polygon parts and point symbols in
// WGS84. Built from a planner run by map_content.cpp, or synthetically by
// bench/map; the models in shape_model.h and point_layer.h show them.
#pragma once

#include <QColor>
#include <QGeoPolygon>
#include <QGeoRectangle>
#include <QPointF>

#include <vector>

class OGRGeometry;

namespace tuowei::ui {

// A polygon drawn at one level of detail: triangles to fill (the GLU
// tessellator) and the rings to outline, all (lon, lat).
struct ShapeDetail {
  std::vector<QPointF> triangles;           // three per triangle
  std::vector<std::vector<QPointF>> rings;  // outer ring, then holes; not closed
};

// Levels of detail, finest first: the part as given, then simplified with
// these tolerances. The map draws the coarsest level whose tolerance is
// under half a pixel, so a whole province stays light to draw.
constexpr double kDetailToleranceDeg[] = {0.0, 2e-4, 1e-3, 4e-3};
constexpr int kDetailLevels = 4;

// One polygon of a feature (a township may have several): outer ring and
// holes for picking and outlining, and its levels of detail for drawing.
struct ShapePart {
  int feature = -1;  // index of the township, catchment or desert it belongs to
  QGeoPolygon polygon;
  std::vector<ShapeDetail> details;  // kDetailLevels; a level may be empty (smaller than its tolerance)
};

enum class SymbolShape { circle, diamond };

// How one class of point symbols looks: a filled disc or a ring (or a
// diamond, for proposed sites).
struct SymbolStyle {
  QColor color;
  bool filled = true;
  SymbolShape shape = SymbolShape::circle;
};

struct PointSymbol {
  double lon = 0.0, lat = 0.0;
  float radius_px = 4.0f;
  int style = 0;     // index into the layer's SymbolStyle list
  int feature = -1;  // e.g. the facility index
};

// Display tolerance for township outlines: about 3 m, far below a pixel at
// any zoom a planner uses, yet it drops most vertices of surveyed boundaries.
constexpr double kDisplayToleranceDeg = 2.5e-5;

// Splits a WGS84 (multi)polygon into parts, simplified for display with
// OGRGeometry::SimplifyPreserveTopology (GEOS) when tolerance_deg > 0, with
// their levels of detail.
void append_shape_parts(const OGRGeometry& geometry, int feature, double tolerance_deg,
                        std::vector<ShapePart>& out);

// The rectangle holding every part (invalid when there are none).
QGeoRectangle bounds_of(const std::vector<ShapePart>& parts);

}  // namespace tuowei::ui
