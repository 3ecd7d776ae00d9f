// An access analysis kept current while facilities are added, moved or
// removed: what-if edits in the map and the "after" state of proposed sites.
//
// Exact and incremental: in 2SFCA a facility's ratio R_j depends only on the
// demand around it, so an edit changes R of the edited facility alone and
// accessibility only within its catchment; coverage and desert flags are
// redone for those cells (with the rules of access_rules.h), township sums
// are adjusted by the cells' exact shares, and the desert polygons of the
// townships those cells lie in are drawn again. After any edits the state
// equals compute_access() on the edited facilities (tested). Cell-level
// access with straight-line distances only.
#pragma once

#include <memory>
#include <vector>

#include "planner/access.h"
#include "planner/facilities.h"

namespace tuowei::planner {

// Edits `facilities` and keeps `access` current; both stay the caller's and
// must outlive the editor.
class IncrementalAccess {
 public:
  // `access` is compute_access(facilities, settings) for some settings with
  // cell demand and no cost table (InputError otherwise).
  IncrementalAccess(FacilitySet& facilities, AccessResult& access);
  IncrementalAccess(const IncrementalAccess&) = delete;
  IncrementalAccess& operator=(const IncrementalAccess&) = delete;
  ~IncrementalAccess();

  // `f.lon`/`f.lat` in WGS84; returns the facility's index.
  int add(Facility f);
  void move(int index, double lon, double lat);
  void remove(int index);  // later indices shift down by one

  // Since the last call: townships whose access columns or places changed,
  // and townships whose desert polygons were drawn again.
  std::vector<int> take_changed_townships();
  std::vector<int> take_redrawn_deserts();

 private:
  // Adds (+1) or takes away (-1) facility j's effect on the cells it reaches.
  void apply(int j, double sign);
  void redraw_deserts();

  FacilitySet& facilities_;
  AccessResult& access_;
  SupplyRule supply_rule_;
  DesertRule desert_rule_;
  std::unique_ptr<gis::CoordinateTransform> metric_to_wgs_, grid_to_wgs_;
  std::vector<char> touched_, desert_touched_;  // per township
  std::vector<int> redrawn_;
};

}  // namespace tuowei::planner
