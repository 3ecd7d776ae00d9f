// The indicator table: per township, per parent unit (county/district) and
// for the whole area. Formulas and sources: docs/methods.md, "Indicators".
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "planner/facilities.h"

namespace tuowei::planner {

struct IndicatorRow {
  std::string id, name, parent_id, parent_name;
  double area_km2 = 0.0;
  double population = 0.0;    // residents, all ages (常住人口)
  double children_0_3 = 0.0;  // 0-3岁婴幼儿
  int facilities = 0;
  double places = 0.0;  // 托位数
  double inclusive_places = 0.0;
  double enrolled = 0.0;
  double places_per_1000 = NAN;  // 千人口托位数
  double enrolment_rate = NAN;   // 婴幼儿入托率
  double inclusive_share = NAN;  // 普惠托位占比
  double places_needed = 0.0;    // places missing to reach the target
  double places_per_100_children = NAN;  // 每百名婴幼儿托位数
  double places_needed_for_share = 0.0;  // places missing to serve the care share of under-3s
  // Where the population figures come from (PopulationSource names; "mixed"
  // for a county or the total drawing on several), and the grid's own
  // figures at its year beside them.
  std::string population_source, children_source;
  double grid_population = NAN, grid_children_0_3 = NAN;
  double population_vs_grid = NAN, children_vs_grid = NAN;  // official / grid (townships only)
  int year = 0;                  // of the population figures (0 = not stated)
  int rank_in_parent = 0;        // 0 = unranked
  int rank_overall = 0;
  double population_data_share = 1.0;
  // With access (tuowei access): see docs/methods.md section 6.
  double children_covered = NAN;         // under-3s within a catchment
  double coverage_rate = NAN;            // children_covered / children_0_3
  double inclusive_coverage_rate = NAN;  // within an inclusive facility's catchment
  double access_2sfca = NAN;             // demand-weighted mean accessibility (places per child)
  double access_index = NAN;             // access_2sfca / the area's mean (1 = average)
  double children_in_deserts = NAN;
  double desert_area_km2 = NAN;
};

struct IndicatorTable {
  Targets targets;
  int year = 0;  // the end of the year the population describes (0 = not stated)
  std::vector<IndicatorRow> townships;
  std::vector<IndicatorRow> parents;  // empty when no parent field is set
  IndicatorRow total;
  std::vector<int> unassigned_facilities;  // indices into the FacilitySet the table was computed on
  bool has_access = false;
};

struct TownshipAccess;
// Adds the access columns (one TownshipAccess per township) and aggregates
// them to counties and the total.
void add_access_columns(IndicatorTable& table, const std::vector<TownshipAccess>& access);

// Fills the derived columns of a row whose counts are set.
void derive(IndicatorRow& row, const Targets& targets);

// Competition ranking ("1224") by places_per_1000, highest first; values
// within 1e-9 (relative) tie; rows with no residents stay unranked (0). `rank` receives one value per row.
void rank_by_places_per_1000(const std::vector<const IndicatorRow*>& rows, std::vector<int>& rank);

// The table for `facilities` on the study they lie over (its townships) and
// the population they serve (FacilitySet::demand()).
IndicatorTable compute_indicators(const FacilitySet& facilities, const Targets& targets);

// Per township and year, from the base year to targets.horizon_year (at
// least the table's own year): the population and the places still needed,
// with today's places (what must be built by then).
struct YearNeed {
  int year = 0;
  int township = -1;  // index; -1 for the total
  double population = 0.0, children_0_3 = 0.0, places = 0.0;
  double places_needed = 0.0, places_needed_for_share = 0.0;
};
std::vector<YearNeed> places_needed_by_year(const FacilitySet& facilities, const Targets& targets);

}  // namespace tuowei::planner
