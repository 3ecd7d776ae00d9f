// Equity of access (docs/methods.md, "Equity"): how evenly the places within
// reach are shared among the under-3s, with all places and with inclusive
// (普惠) places only.
#pragma once

#include "gis/inequality.h"
#include "planner/access.h"
#include "planner/facilities.h"

namespace tuowei::planner {

struct AccessEquity {
  gis::Inequality all;        // A_i (places per child within reach) across under-3s
  gis::Inequality inclusive;  // the same counting inclusive places only
  bool has_inclusive = false;
};

// A_i across the children of each demand unit of `access` (cells, or
// townships) inside the study area, unserved children holding 0.
gis::Inequality access_inequality(const FacilitySet& facilities, const AccessResult& access);

// Both: `access` as given, and a second 2SFCA run with inclusive places as
// supply (same settings otherwise; no desert polygons). Throws InputError as
// compute_access does.
AccessEquity access_equity(const FacilitySet& facilities, const AccessResult& access, const Progress& progress = {});

}  // namespace tuowei::planner
