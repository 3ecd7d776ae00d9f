// A planner analysis turned into what the map draws: township, catchment
// and desert polygons and facility symbols (by type and inclusive status,
// sized by places). Display conversion only; every number comes from the
// analysis.
#pragma once

#include <QGeoRectangle>
#include <QString>

#include <vector>

#include "planner/analysis.h"
#include "ui/map_layers.h"

namespace tuowei::ui {

struct FacilityClass {
  QString type;  // the facility type as in the register; "" = other types
  int filled_style = -1, ring_style = -1;  // SymbolStyle indices: inclusive, not inclusive
};

struct MapContent {
  std::vector<ShapePart> townships;             // feature = township index
  std::vector<QGeoRectangle> township_bounds;   // per township
  std::vector<ShapePart> catchments;            // feature = facility index
  std::vector<ShapePart> deserts;               // feature = township index
  std::vector<PointSymbol> facilities;          // feature = facility index
  std::vector<SymbolStyle> facility_styles;
  std::vector<FacilityClass> facility_classes;  // for the legend
  QGeoRectangle bounds;                         // the study area
};

// Symbol radius for a facility with `places` places: area grows with places,
// clamped so that tiny and huge facilities both stay readable.
float facility_radius_px(double places);

MapContent build_map_content(const planner::Analysis& analysis);

// The facility symbols again (after what-if edits), in the classes found
// when the project was loaded; types new since then count as other types.
std::vector<PointSymbol> facility_symbols(const std::vector<planner::Facility>& facilities,
                                          const std::vector<FacilityClass>& classes);

// The parts of one facility's catchment, and of one township's deserts
// (smoothed by `tolerance_deg`: desert_tolerance_deg()).
void append_catchment_parts(const planner::AccessResult& access, int facility, std::vector<ShapePart>& out);
void append_desert_parts(const planner::DesertArea& desert, double tolerance_deg, std::vector<ShapePart>& out);
double desert_tolerance_deg(const planner::Study& study);

}  // namespace tuowei::ui
