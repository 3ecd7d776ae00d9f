// Site proposals for new inclusive nurseries (普惠托育机构) and community care
// centres: where the next N should go and what each one changes.
// docs/methods.md, "Site proposals", has the objectives and solvers.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "gis/location_allocation.h"
#include "planner/run.h"

namespace tuowei::planner {

struct Candidate {
  std::string id, name;
  double lon = 0, lat = 0;  // WGS84
  double x = 0, y = 0;      // metric CRS
  double places = 0;
  double cost = NAN;
  int township = -1;
  bool generated = false;
};

struct Proposal {
  int rank = 0;
  Candidate site;
  double gcj_lon = 0, gcj_lat = 0;  // the same point in GCJ-02, for Amap/Tencent
  double gain = 0;             // what it adds: children newly covered or served, or demand x metres saved
  double objective_after = 0;  // the objective with this and all higher-ranked sites
};

struct ProposalRun {
  IndicatorRun before;  // indicators and access before
  IndicatorTable after;  // indicators with the proposals built
  std::optional<AccessResult> access_after;
  std::vector<Proposal> proposals;
  gis::LocationSolution solution;
  std::string objective, objective_unit;  // e.g. "coverage", "children newly covered"
  size_t candidates = 0, demand_cells = 0;
  std::vector<std::string> infeasible;  // setcover by places: townships the candidates cannot bring to target
  std::string summary_zh;               // a paragraph a planner can paste into a report
  std::vector<std::filesystem::path> written;
};

struct ProposalOptions {
  std::filesystem::path out_dir;
  std::optional<int> sites;
  std::optional<std::string> objective, solver;
  std::optional<double> radius_m, places, time_limit_s;
  Labels labels = Labels::en;
  bool skip_bad_records = false;
  Progress progress;
};

// Runs the indicators and access (the "before"), builds the candidates,
// solves, re-runs indicators and access with the proposals built (the
// "after") and, with out_dir, writes everything. Throws InputError on bad
// settings (no candidate, p larger than the candidates, capacities <= 0...).
ProposalRun run_proposals(const std::filesystem::path& project_file, const ProposalOptions& options);

}  // namespace tuowei::planner
