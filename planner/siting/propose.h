// Site proposals for new inclusive nurseries (普惠托育机构) and community care
// centres: where the next N should go and what each one changes.
// docs/methods.md, "Site proposals", has the objectives and solvers.
//
//   existing facilities + their access ──> demand weights (instance.h)
//   candidates (candidates.h) ──────────> the location problem ──> solve (gis)
//   ──> proposals ──> "after": the existing FacilitySet plus the sites, its
//       indicators and access (the study itself is not touched)
#pragma once

#include <string>
#include <vector>

#include "gis/location_allocation.h"
#include "planner/analysis.h"
#include "planner/siting/candidates.h"

namespace tuowei::planner {

struct Proposal {
  int rank = 0;
  Candidate site;                   // its type, places, cost and catchment
  double gcj_lon = 0, gcj_lat = 0;  // the same point in GCJ-02, for Amap/Tencent
  double gain = 0;             // what it adds: children newly covered or served, or children x metres saved
  double objective_after = 0;  // the objective with this and all higher-ranked sites
  // Why this site (docs/methods.md 7.6), each counted once, in rank order:
  double children_newly_covered = 0;   // under-3s within its catchment no facility or higher-ranked site reaches
  double desert_children_removed = 0;  // under-3s in deserts before that are not after, within its catchment
  double desert_km2_removed = 0;
  double township_per_1000_before = NAN, township_per_1000_after = NAN;
  // The best candidate within alternative_within_m in its place (coverage
  // and set cover), among the swaps the rules allow: what a planner could
  // build instead if this plot cannot be had. alternative_gain is what it
  // adds with every other site built; alternative_change what the swap does
  // to the objective (<= 0 when the answer is optimal). Empty id when none.
  std::string alternative_id, alternative_name;
  double alternative_gain = NAN, alternative_change = NAN, alternative_distance_m = NAN;
};

struct ProposalRun {
  ProposalConfig settings;  // as run
  double radius_m = 0;
  std::vector<Proposal> proposals;
  gis::LocationSolution solution;
  std::string objective_unit;  // e.g. "children newly covered"
  size_t candidates = 0, demand_cells = 0;
  std::vector<std::string> infeasible;  // setcover by places: townships the candidates cannot bring to target
  // After: the base facilities with the proposed sites built.
  FacilitySet after;
  IndicatorTable after_table;
  AccessResult after_access;
  std::string summary_zh;  // a paragraph a planner can paste into a report
  Problems problems;       // warnings (records of the candidates layer left out...)
};

struct ProposalOptions {
  bool skip_bad_records = false;  // leave out candidate records with errors instead of stopping
  Progress progress;
};

// The sites proposed over `base` (the register, or the map's edited state,
// analysed with access), then the indicators and access with them built.
// `settings` is [proposals] (with any overrides); the catchment radius is
// base.access's. Throws InputError on bad settings (no candidate, more sites
// than candidates, a cost table...).
ProposalRun propose(const Analysis& base, const ProposalConfig& settings, const ProposalOptions& options = {});

// The objective's name for reports, in Chinese.
const char* objective_zh(Objective objective);
// The paragraph for reports (ProposalRun::summary_zh).
std::string proposals_summary_zh(const Analysis& base, const ProposalRun& run);

}  // namespace tuowei::planner
