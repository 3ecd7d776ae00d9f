#include "ui/map_content.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "gis/parallel.h"

namespace tuowei::ui {
namespace {

// Dark, distinct hues that stand out on both the blue and the yellow-red
// choropleths (ColorBrewer Dark2/PRGn picks); the last is for other types.
const char* const kTypeColors[] = {"#7b3294", "#1b7837", "#c51b7d", "#3f3f3f", "#8c510a"};
constexpr int kNamedTypes = 4;

}  // namespace

float facility_radius_px(double places) {
  if (!std::isfinite(places) || places < 0) places = 0;
  return float(std::clamp(2.0 + 0.55 * std::sqrt(places), 3.0, 10.0));
}

void append_catchment_parts(const planner::AccessResult& access, int facility, std::vector<ShapePart>& out) {
  const planner::Catchment& k = access.catchments[size_t(facility)];
  if (k.geometry) append_shape_parts(*k.geometry, facility, 0.0, out);
}

double desert_tolerance_deg(const planner::Study& study) {
  // Desert polygons are the outlines of grid cells: their staircase is
  // smoothed for display by half a cell (about 45 m on a 3" grid).
  const gis::CellPoints& points = study.demand().cells.points();
  const int mid = points.grid().rows / 2;
  const double cell_m = points.grid().rows > 0 ? std::sqrt(points.cell_area_km2(mid)) * 1000.0 : 0.0;
  return std::max(kDisplayToleranceDeg, 0.5 * cell_m / 111320.0);
}

void append_desert_parts(const planner::DesertArea& desert, double tolerance_deg, std::vector<ShapePart>& out) {
  if (desert.geometry) append_shape_parts(*desert.geometry, desert.township, tolerance_deg, out);
}

namespace {

// The parts of n features, converted on every core, in feature order.
template <class Convert>
void append_all(size_t n, Convert convert, std::vector<ShapePart>& out) {
  std::vector<std::vector<ShapePart>> parts(n);
  gis::parallel_for(n, 1, [&](size_t b, size_t e, int) {
    for (size_t i = b; i < e; ++i) convert(i, parts[i]);
  });
  for (auto& p : parts) {
    for (auto& part : p) out.push_back(std::move(part));
  }
}

}  // namespace

MapContent build_map_content(const planner::Analysis& analysis) {
  MapContent c;
  const std::vector<planner::Township>& townships = analysis.facilities.study().townships();
  const std::vector<planner::Facility>& facilities = analysis.facilities.all();

  c.township_bounds.resize(townships.size());
  append_all(
      townships.size(),
      [&](size_t i, std::vector<ShapePart>& out) {
        if (const auto& g = townships[i].geometry_wgs84) append_shape_parts(*g, int(i), kDisplayToleranceDeg, out);
        c.township_bounds[i] = bounds_of(out);
      },
      c.townships);
  c.bounds = bounds_of(c.townships);

  // Facility classes: the most common types get their own colour.
  std::map<std::string, int> type_count;
  for (const planner::Facility& f : facilities) ++type_count[f.type];
  std::vector<std::pair<int, std::string>> by_count;
  for (const auto& [type, n] : type_count) by_count.emplace_back(-n, type);
  std::sort(by_count.begin(), by_count.end());
  const bool needs_other = int(by_count.size()) > kNamedTypes;
  const int named = needs_other ? kNamedTypes : int(by_count.size());
  const int classes = named + (needs_other ? 1 : 0);
  for (int k = 0; k < classes; ++k) {
    const bool other = needs_other && k == named;
    const QColor color(kTypeColors[other ? 4 : k]);
    FacilityClass fc;
    fc.type = other ? QString() : QString::fromStdString(by_count[size_t(k)].second);
    fc.filled_style = int(c.facility_styles.size());
    c.facility_styles.push_back({color, true});
    fc.ring_style = int(c.facility_styles.size());
    c.facility_styles.push_back({color, false});
    c.facility_classes.push_back(fc);
  }
  c.facilities = facility_symbols(facilities, c.facility_classes);

  if (const planner::AccessResult* access = analysis.access ? &*analysis.access : nullptr) {
    append_all(
        access->catchments.size(),
        [&](size_t j, std::vector<ShapePart>& out) { append_catchment_parts(*access, int(j), out); }, c.catchments);
    const double tolerance = desert_tolerance_deg(analysis.facilities.study());
    append_all(
        access->deserts.size(),
        [&](size_t k, std::vector<ShapePart>& out) { append_desert_parts(access->deserts[k], tolerance, out); },
        c.deserts);
  }
  return c;
}

std::vector<PointSymbol> facility_symbols(const std::vector<planner::Facility>& facilities,
                                          const std::vector<FacilityClass>& classes) {
  std::map<QString, const FacilityClass*> of_type;
  const FacilityClass* other = nullptr;
  for (const FacilityClass& fc : classes) {
    if (fc.type.isEmpty()) other = &fc;
    else of_type[fc.type] = &fc;
  }
  std::vector<PointSymbol> out;
  for (size_t i = 0; i < facilities.size(); ++i) {
    const planner::Facility& f = facilities[i];
    auto it = of_type.find(QString::fromStdString(f.type));
    const FacilityClass* fc = it != of_type.end() ? it->second : other ? other : classes.empty() ? nullptr : &classes[0];
    PointSymbol s;
    s.lon = f.lon;
    s.lat = f.lat;
    s.radius_px = facility_radius_px(f.places);
    s.style = fc ? (f.inclusive ? fc->filled_style : fc->ring_style) : 0;
    s.feature = int(i);
    out.push_back(s);
  }
  return out;
}

}  // namespace tuowei::ui
