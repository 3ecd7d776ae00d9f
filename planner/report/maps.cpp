#include "planner/report/maps.h"

#include <fmt/format.h>

#include <cmath>
#include <map>

namespace tuowei::planner::pdf {

MapData MapData::of(const Study& study) {
  MapData d;
  d.wgs84_to_metric = std::make_unique<gis::CoordinateTransform>(gis::Crs::wgs84(), study.metric_crs());
  std::map<std::string, std::vector<size_t>> by_county;
  std::vector<std::string> county_order;
  const std::vector<Township>& towns = study.townships();
  for (size_t t = 0; t < towns.size(); ++t) {
    OGRGeometryUniquePtr g = towns[t].geometry_wgs84 ? d.metric(*towns[t].geometry_wgs84) : nullptr;
    if (g) {
      OGREnvelope e;
      g->getEnvelope(&e);
      d.extent.Merge(e);
    }
    d.townships.push_back(std::move(g));
    const std::string key = towns[t].parent_id.empty() ? towns[t].parent_name : towns[t].parent_id;
    if (key.empty()) continue;
    if (!by_county.count(key)) county_order.push_back(key);
    by_county[key].push_back(t);
  }
  for (const std::string& key : county_order) {
    County c;
    OGRMultiPolygon parts;
    for (size_t t : by_county[key]) {
      c.name = towns[t].parent_name.empty() ? towns[t].parent_id : towns[t].parent_name;
      if (!d.townships[t]) continue;
      std::unique_ptr<OGRGeometry> m(OGRGeometryFactory::forceToMultiPolygon(d.townships[t]->clone()));
      for (const auto* poly : *m->toMultiPolygon()) parts.addGeometry(poly);
    }
    if (parts.IsEmpty()) continue;
    c.outline.reset(parts.UnionCascaded());
    if (!c.outline) continue;
    OGRGeometryUniquePtr inside(
        OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(c.outline.get()))));
    if (inside && wkbFlatten(inside->getGeometryType()) == wkbPoint) {
      c.label_x = inside->toPoint()->getX();
      c.label_y = inside->toPoint()->getY();
    }
    d.counties.push_back(std::move(c));
  }
  return d;
}

OGRGeometryUniquePtr MapData::metric(const OGRGeometry& wgs84) const {
  OGRGeometryUniquePtr g(wgs84.clone());
  std::vector<OGRGeometry*> one = {g.get()};
  if (!wgs84_to_metric->apply_all(one, false)) return nullptr;
  return g;
}

MapView::MapView(const OGREnvelope& world, const Box& box) : box_(box) {
  const double ww = std::max(world.MaxX - world.MinX, 1.0), wh = std::max(world.MaxY - world.MinY, 1.0);
  // A margin inside the box for the scale bar and the north arrow.
  const double pad = 0.05 * std::min(box.w, box.h);
  scale_ = std::min((box.w - 2 * pad) / ww, (box.h - 2 * pad) / wh);
  minx_ = world.MinX;
  maxy_ = world.MaxY;
  ox_ = box.x + (box.w - ww * scale_) / 2;
  oy_ = box.y + (box.h - wh * scale_) / 2;
}

namespace {

void add_ring(cairo_t* cr, const OGRLinearRing& ring, const MapView& view) {
  const int n = ring.getNumPoints();
  for (int i = 0; i < n; ++i) {
    double x = ring.getX(i), y = ring.getY(i);
    view.to_page(x, y);
    if (i == 0) cairo_move_to(cr, x, y);
    else cairo_line_to(cr, x, y);
  }
  cairo_close_path(cr);
}

}  // namespace

void add_path(cairo_t* cr, const OGRGeometry& g, const MapView& view) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon:
      for (const OGRLinearRing* ring : *g.toPolygon()) add_ring(cr, *ring, view);
      break;
    case wkbMultiPolygon:
      for (const OGRPolygon* p : *g.toMultiPolygon()) add_path(cr, *p, view);
      break;
    case wkbGeometryCollection:
      for (const OGRGeometry* p : *g.toGeometryCollection()) add_path(cr, *p, view);
      break;
    default:
      break;
  }
}

void draw_townships(Canvas& canvas, const MapData& data, const MapView& view, const std::vector<gis::Rgb>& fill) {
  cairo_t* cr = canvas.cr();
  cairo_save(cr);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (size_t t = 0; t < data.townships.size(); ++t) {
    if (!data.townships[t]) continue;
    cairo_new_path(cr);
    add_path(cr, *data.townships[t], view);
    canvas.set_color(t < fill.size() ? fill[t] : gis::Rgb{240, 240, 240});
    cairo_fill_preserve(cr);
    canvas.set_color({140, 140, 140});
    cairo_set_line_width(cr, 0.3);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
}

void draw_counties(Canvas& canvas, const MapData& data, const MapView& view, bool labels) {
  cairo_t* cr = canvas.cr();
  cairo_save(cr);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (const MapData::County& c : data.counties) {
    cairo_new_path(cr);
    add_path(cr, *c.outline, view);
    canvas.set_color({60, 60, 60});
    cairo_set_line_width(cr, 0.9);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  if (!labels) return;
  for (const MapData::County& c : data.counties) {
    double x = c.label_x, y = c.label_y;
    view.to_page(x, y);
    canvas.halo_text(x, y, c.name, Font{7.5, true, {30, 30, 30}});
  }
}

void draw_scale_bar(Canvas& canvas, const MapView& view, bool chinese) {
  const double target_m = view.box().w / 5 / view.points_per_metre();
  const double k = std::pow(10.0, std::floor(std::log10(target_m)));
  double length = k;
  for (double f : {1.0, 2.0, 5.0}) {
    if (f * k <= target_m) length = f * k;
  }
  const double w = length * view.points_per_metre();
  const double x = view.box().x + 8, y = view.box().y + view.box().h - 16;
  for (int i = 0; i < 2; ++i) {
    canvas.fill_rect(x + i * w / 2, y, w / 2, 4, i ? gis::Rgb{255, 255, 255} : gis::Rgb{40, 40, 40});
  }
  canvas.stroke_rect(x, y, w, 4, {40, 40, 40}, 0.6);
  const std::string label = length >= 1000 ? fmt::format("{:g} {}", length / 1000, chinese ? "公里" : "km")
                                           : fmt::format("{:g} {}", length, chinese ? "米" : "m");
  canvas.text(x, y - 11, w + 40, "0", Font{6.5});
  canvas.text(x + w - 2, y - 11, 60, label, Font{6.5});
}

void draw_frame(Canvas& canvas, const MapView& view) {
  const Box& b = view.box();
  canvas.stroke_rect(b.x, b.y, b.w, b.h, {150, 150, 150}, 0.6);
}

void draw_north_arrow(Canvas& canvas, const MapView& view) {
  cairo_t* cr = canvas.cr();
  const double x = view.box().x + view.box().w - 18, y = view.box().y + 10;
  cairo_save(cr);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x + 6, y + 18);
  cairo_line_to(cr, x, y + 13);
  cairo_close_path(cr);
  canvas.set_color({40, 40, 40});
  cairo_fill(cr);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x - 6, y + 18);
  cairo_line_to(cr, x, y + 13);
  cairo_close_path(cr);
  canvas.set_color({255, 255, 255});
  cairo_fill_preserve(cr);
  canvas.set_color({40, 40, 40});
  cairo_set_line_width(cr, 0.6);
  cairo_stroke(cr);
  cairo_restore(cr);
  canvas.text(x - 10, y + 19, 20, "N", Font{8, true}, Align::center);
}

double draw_legend(Canvas& canvas, double x, double y, const std::string& title,
                   const std::vector<gis::Choropleth::Entry>& entries) {
  y += canvas.text(x, y, 150, title, Font{8, true}) + 4;
  for (const auto& e : entries) {
    canvas.fill_rect(x, y + 1, 16, 9, e.color);
    canvas.stroke_rect(x, y + 1, 16, 9, {140, 140, 140}, 0.4);
    canvas.text(x + 22, y, 130, fmt::format("{}  ({})", e.label, e.count), Font{7.5});
    y += 13;
  }
  return y;
}

void draw_point(Canvas& canvas, double x, double y, double radius, const gis::Rgb& fill, bool hollow) {
  cairo_t* cr = canvas.cr();
  cairo_new_path(cr);
  cairo_arc(cr, x, y, radius, 0, 2 * M_PI);
  if (hollow) {
    canvas.set_color({255, 255, 255});
    cairo_fill_preserve(cr);
    canvas.set_color(fill);
    cairo_set_line_width(cr, radius * 0.6);
    cairo_stroke(cr);
    return;
  }
  canvas.set_color(fill);
  cairo_fill_preserve(cr);
  canvas.set_color({255, 255, 255});
  cairo_set_line_width(cr, 0.5);
  cairo_stroke(cr);
}

}  // namespace tuowei::planner::pdf
