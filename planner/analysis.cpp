#include "planner/analysis.h"

namespace tuowei::planner {

Analysis analyse(const FacilitySet& facilities, const Targets& targets, const std::optional<AccessConfig>& access,
                 const Progress& progress) {
  Analysis a{facilities, compute_indicators(facilities, targets), std::nullopt, facilities.study().problems()};
  a.problems.append(facilities.demand().problems);
  if (access) {
    AccessOptions options;
    options.progress = progress;
    a.access = compute_access(facilities, *access, options);
    add_access_columns(a.table, a.access->townships);
    a.problems.append(a.access->problems);
  }
  return a;
}

}  // namespace tuowei::planner
