#include "planner/incremental_access.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "gis/error.h"
#include "planner/say.h"

namespace tuowei::planner {

IncrementalAccess::IncrementalAccess(FacilitySet& facilities, AccessResult& access)
    : facilities_(facilities),
      access_(access),
      supply_rule_{access_.settings.supply},
      desert_rule_(access_.settings) {
  if (access_.settings.demand != DemandUnit::cells || access_.cost_table() || access_.cells.access.empty()) {
    Problems p;
    p.error(as_is("[access]"), say("what-if editing needs cell-level access with straight-line distances"),
            say("set demand = \"cells\" and no cost_table"));
    throw InputError(p);
  }
  const Study& study = facilities_.study();
  metric_to_wgs_ = std::make_unique<gis::CoordinateTransform>(study.metric_crs(), gis::Crs::wgs84());
  grid_to_wgs_ = std::make_unique<gis::CoordinateTransform>(facilities_.demand().cells.grid_crs(), gis::Crs::wgs84());
  touched_.assign(study.townships().size(), 0);
  desert_touched_.assign(study.townships().size(), 0);
}

IncrementalAccess::~IncrementalAccess() = default;

void IncrementalAccess::apply(int j, double sign) {
  const DemandCells& cells = facilities_.demand().cells;
  const Facility& f = facilities_[size_t(j)];
  const gis::DistanceDecay& decay = access_.decay;
  CellAccess& state = access_.cells;
  Catchment& catchment = access_.catchments[size_t(j)];
  std::vector<gis::Neighbour> near;
  cells_in_reach(cells, f, decay, near);

  for (const auto& [i, d] : near) {
    const size_t c = size_t(i);
    add_cell_to_townships(cells, c, state, -1.0, access_.townships);
    if (!std::isnan(state.access[c])) access_.demand_times_access -= cells.children(c) * state.access[c];
    for (const TownshipShare& s : cells.shares(c)) touched_[size_t(s.township)] = 1;
    if (const int t = cells.main_township(c); t >= 0) desert_touched_[size_t(t)] = 1;
  }
  const bool counts = supply_rule_.counts(f);
  if (sign > 0 && counts) {
    // R_j from the demand in reach, summed as compute_access sums it.
    double demand = 0.0;
    for (const auto& [i, d] : near) {
      const double w = decay.weight(d);
      if (w > 0) demand += cells.children(size_t(i)) * w;
    }
    catchment.weighted_demand = demand;
    catchment.places_per_child = demand > 0 ? catchment.supply / demand : NAN;
  }
  if (catchment.weighted_demand > 0) access_.supply_reached += sign * catchment.supply;
  const double ratio = catchment.places_per_child;
  for (const auto& [i, d] : near) {
    const size_t c = size_t(i);
    state.reached_by[c] += int(sign);
    if (f.inclusive) state.reached_by_inclusive[c] += int(sign);
    const double w = decay.weight(d);
    if (counts && w > 0 && !std::isnan(ratio)) {
      state.supplied_by[c] += int(sign);
      if (state.supplied_by[c] == 0) state.access[c] = NAN;
      else state.access[c] = (std::isnan(state.access[c]) ? 0.0 : state.access[c]) + sign * ratio * w;
    }
    state.desert[c] = desert_rule_.is_desert(cells.children(c), state.access[c], state.reached_by[c] > 0);
    add_cell_to_townships(cells, c, state, +1.0, access_.townships);
    if (!std::isnan(state.access[c])) access_.demand_times_access += cells.children(c) * state.access[c];
  }
  if (f.township >= 0) touched_[size_t(f.township)] = 1;
  access_.mean_access = access_.demand_total > 0 ? access_.demand_times_access / access_.demand_total : NAN;
}

void IncrementalAccess::redraw_deserts() {
  auto& list = access_.deserts;
  for (size_t t = 0; t < desert_touched_.size(); ++t) {
    if (!desert_touched_[t]) continue;
    desert_touched_[t] = 0;
    redrawn_.push_back(int(t));
    list.erase(std::remove_if(list.begin(), list.end(), [&](const DesertArea& a) { return a.township == int(t); }),
               list.end());
    DesertArea a = desert_area(facilities_.demand().cells, access_.cells.desert, access_.settings, int(t), *grid_to_wgs_);
    if (a.patches + a.small_patches > 0) list.push_back(std::move(a));
  }
  sort_deserts(list);
}

int IncrementalAccess::add(Facility f) {
  const int j = facilities_.add(std::move(f));
  Catchment c;
  c.facility = j;
  c.supply = supply_rule_.supply(facilities_[size_t(j)]);
  c.geometry = catchment_shape(facilities_.demand().cells, facilities_[size_t(j)], access_.decay.threshold,
                               *metric_to_wgs_);
  access_.catchments.push_back(std::move(c));
  apply(j, +1.0);
  redraw_deserts();
  return j;
}

void IncrementalAccess::remove(int j) {
  if (j < 0 || size_t(j) >= facilities_.size()) throw gis::Error(say("no facility {}", j));
  apply(j, -1.0);
  if (const int t = facilities_[size_t(j)].township; t >= 0) touched_[size_t(t)] = 1;
  facilities_.remove(j);
  access_.catchments.erase(access_.catchments.begin() + j);
  for (size_t k = size_t(j); k < access_.catchments.size(); ++k) access_.catchments[k].facility = int(k);
  redraw_deserts();
}

void IncrementalAccess::move(int j, double lon, double lat) {
  if (j < 0 || size_t(j) >= facilities_.size()) throw gis::Error(say("no facility {}", j));
  apply(j, -1.0);
  facilities_.move(j, lon, lat);
  access_.catchments[size_t(j)].geometry = catchment_shape(facilities_.demand().cells, facilities_[size_t(j)],
                                                           access_.decay.threshold, *metric_to_wgs_);
  apply(j, +1.0);
  redraw_deserts();
}

std::vector<int> IncrementalAccess::take_changed_townships() {
  std::vector<int> out;
  for (size_t t = 0; t < touched_.size(); ++t) {
    if (touched_[t]) out.push_back(int(t));
    touched_[t] = 0;
  }
  return out;
}

std::vector<int> IncrementalAccess::take_redrawn_deserts() {
  std::vector<int> out;
  std::swap(out, redrawn_);
  return out;
}

}  // namespace tuowei::planner
