#include "planner/equity.h"

#include <algorithm>

namespace tuowei::planner {

gis::Inequality access_inequality(const FacilitySet& facilities, const AccessResult& access) {
  std::vector<double> weight, value;
  if (access.settings.demand == DemandUnit::cells && !access.cells.access.empty()) {
    // The children inside the study area: a cell's parts in its townships.
    const DemandCells& cells = facilities.demand().cells;
    weight.resize(cells.size());
    for (size_t i = 0; i < cells.size(); ++i) {
      double inside = 0.0;
      for (const TownshipShare& s : cells.shares(i)) inside += s.fraction;
      weight[i] = cells.children(i) * std::min(1.0, inside);
    }
    value = access.cells.access;
  } else {
    for (const TownshipAccess& t : access.townships) {
      weight.push_back(t.children);
      value.push_back(t.access_2sfca());
    }
  }
  return gis::inequality(weight, value);
}

AccessEquity access_equity(const FacilitySet& facilities, const AccessResult& access, const Progress& progress) {
  AccessEquity out;
  out.all = access_inequality(facilities, access);
  const bool any_inclusive =
      std::any_of(facilities.all().begin(), facilities.all().end(), [](const Facility& f) { return f.inclusive; });
  if (!any_inclusive) return out;
  AccessConfig settings = access.settings;
  settings.supply = SupplyKind::inclusive_places;
  AccessOptions options;
  options.progress = progress;
  options.desert_polygons = false;
  if (settings.supply == access.settings.supply) {
    out.inclusive = out.all;
  } else {
    out.inclusive = access_inequality(facilities, compute_access(facilities, settings, options));
  }
  out.has_inclusive = true;
  return out;
}

}  // namespace tuowei::planner
