// One set of facilities analysed on a study: the township indicators and,
// when asked, catchments, accessibility and deserts. What `tuowei
// indicators`, `access` and `run` report, what the map shows, and what site
// proposals start from.
#pragma once

#include <optional>

#include "planner/access.h"
#include "planner/facilities.h"
#include "planner/indicators.h"
#include "planner/problems.h"

namespace tuowei::planner {

struct Analysis {
  FacilitySet facilities;
  IndicatorTable table;
  std::optional<AccessResult> access;
  Problems problems;  // the study's warnings, then the analyses'
};

// Indicators for `facilities` (and the population they serve) against
// `targets`, and with
// `access` also catchments, accessibility and deserts. Throws InputError.
Analysis analyse(const FacilitySet& facilities, const Targets& targets,
                 const std::optional<AccessConfig>& access = std::nullopt, const Progress& progress = {});

}  // namespace tuowei::planner
