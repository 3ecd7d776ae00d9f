// The study's units ranked among the region's ([report] region_table): a
// table of other units' official figures (e.g. every county of the
// province), so a report can say "第 k 位 / n". The study's own units
// (its counties, else the whole study area) take tuowei's figures.
#pragma once

#include <string>
#include <vector>

#include "planner/indicators.h"
#include "planner/problems.h"
#include "planner/project.h"

namespace tuowei::planner {

struct RegionUnit {
  std::string id, name;
  double residents = 0.0, places = 0.0, enrolled = NAN, children_0_3 = NAN;
  double places_per_1000 = NAN, enrolment_rate = NAN;
  bool in_study = false;     // one of the study's units (figures from tuowei)
  int rank_places = 0;       // by places_per_1000, highest first ("1224"); 0 = unranked
  int rank_enrolment = 0;    // by enrolment_rate
};

struct RegionRanking {
  std::string source;              // the region table
  std::vector<RegionUnit> units;   // by rank_places
  int ranked_places = 0, ranked_enrolment = 0;  // units with a value
};

// Reads the region table and ranks; problems (a missing field, text where a
// number belongs, duplicate codes) go into `problems`.
RegionRanking rank_in_region(const ReportConfig& config, const IndicatorTable& table, const std::string& study_name,
                             Problems& problems);

}  // namespace tuowei::planner
