// The report's maps, drawn from the study's own geometries (no tiles): in
// the study's metric CRS (so the scale bar is true), fitted to a box on the
// page, with county outlines and labels, a legend, a scale bar and a north
// arrow.
#pragma once

#include <ogr_api.h>
#include <ogr_geometry.h>

#include <string>
#include <vector>

#include "gis/classify.h"
#include "planner/report/canvas.h"
#include "planner/study.h"

namespace tuowei::planner::pdf {

// The study's geometries in its metric CRS, transformed once for all maps.
struct MapData {
  std::vector<OGRGeometryUniquePtr> townships;  // by township index (null when missing)
  struct County {
    std::string name;
    OGRGeometryUniquePtr outline;
    double label_x = 0, label_y = 0;
  };
  std::vector<County> counties;  // empty when the townships name no county
  OGREnvelope extent;
  std::unique_ptr<gis::CoordinateTransform> wgs84_to_metric;

  static MapData of(const Study& study);
  // A WGS84 geometry (a desert area, a catchment) in the metric CRS; null when it cannot be transformed.
  OGRGeometryUniquePtr metric(const OGRGeometry& wgs84) const;
};

struct Box {
  double x, y, w, h;
};

// World (metric) to page: the extent fitted into the box, centred.
class MapView {
 public:
  MapView(const OGREnvelope& world, const Box& box);
  void to_page(double& x, double& y) const {
    x = ox_ + (x - minx_) * scale_;
    y = oy_ + (maxy_ - y) * scale_;
  }
  double points_per_metre() const { return scale_; }
  const Box& box() const { return box_; }

 private:
  Box box_;
  double minx_, maxy_, scale_, ox_, oy_;
};

// The geometry's rings as a cairo path (polygons; other types add nothing).
void add_path(cairo_t* cr, const OGRGeometry& g, const MapView& view);

// Townships filled with one colour each (null geometries skipped), thin outlines.
void draw_townships(Canvas& canvas, const MapData& data, const MapView& view, const std::vector<gis::Rgb>& fill);
// County outlines, and their names at a point inside each.
void draw_counties(Canvas& canvas, const MapData& data, const MapView& view, bool labels = true);
// A scale bar of a round length (1, 2 or 5 x 10^k metres) about a fifth of
// the box wide, at its lower left.
void draw_scale_bar(Canvas& canvas, const MapView& view, bool chinese);
// A thin frame around the map's box.
void draw_frame(Canvas& canvas, const MapView& view);
// A north arrow at the box's upper right (grid north of the metric CRS).
void draw_north_arrow(Canvas& canvas, const MapView& view);
// The choropleth's legend from (x, y) downwards; returns the y below it.
double draw_legend(Canvas& canvas, double x, double y, const std::string& title,
                   const std::vector<gis::Choropleth::Entry>& entries);
// A point symbol: a filled circle with a white ring.
void draw_point(Canvas& canvas, double x, double y, double radius, const gis::Rgb& fill, bool hollow = false);

}  // namespace tuowei::planner::pdf
