// Candidate sites for new nurseries: read from a layer the planner gives
// (vacant buildings, land parcels: points or polygons), or generated at the
// centres of coarse cells where children under 3 live.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "planner/facilities.h"
#include "planner/problems.h"
#include "planner/project.h"

namespace tuowei::planner {

struct Candidate {
  std::string id, name;
  double lon = 0, lat = 0;  // WGS84
  double x = 0, y = 0;      // the study's metric CRS
  double places = 0;
  double cost = NAN;
  int township = -1;
  bool generated = false;
  // With site types: the type, its catchment (0: the study's), and the
  // candidate place it is a type of (index into the places read or made).
  std::string type;
  double radius_m = 0.0;
  int place = -1;
};

// [proposals] candidates: every record checked (record errors go to
// `problems`); positions converted from the layer's CRS (GCJ-02 and BD-09
// included); each placed in its township.
std::vector<Candidate> read_candidates(const Study& study, const ProposalConfig& config, Problems& problems);

// Centres of `config.generate_cell_m` cells holding at least
// generate_min_children under-3s, most `weight` (what serving the cell's
// children is worth) first; not nearer than min_distance_m to an existing
// facility, not in an [proposals] exclude polygon, inside a township; at
// most max_candidates. Throws gis::Error when the exclusion layer is
// unreadable.
std::vector<Candidate> generate_candidates(const FacilitySet& existing, const ProposalConfig& config,
                                           const std::vector<double>& weight);

}  // namespace tuowei::planner
