#include "planner/siting/propose.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "gis/china_offsets.h"
#include "gis/error.h"
#include "planner/incremental_access.h"
#include "planner/siting/instance.h"

namespace tuowei::planner {
namespace {

void check_settings(const ProposalConfig& cfg, const AccessConfig& access) {
  Problems bad;
  if (cfg.objective != Objective::setcover && cfg.sites < 1) bad.error("[proposals] sites", "must be at least 1");
  if (!(cfg.places > 0)) {
    bad.error("[proposals] places", fmt::format("places per new site must be > 0, not {}", cfg.places));
  }
  if (!access.cost_table.empty()) {
    bad.error("[access] cost_table", "site proposals need straight-line distances (candidates are not in a cost table)",
              "remove cost_table or give --radius");
  }
  if (access.demand != DemandUnit::cells) {
    bad.error("[access] demand", "site proposals need the population grid's cells as demand",
              "set [access] demand = \"cells\"");
  }
  if (bad.has_errors()) throw InputError(bad);
}

// setcover by places: per township, the fewest candidates whose places cover
// its need (largest first, which is the fewest).
gis::LocationSolution places_per_township(const Analysis& base, const std::vector<Candidate>& cands,
                                          std::vector<std::string>& infeasible) {
  const std::vector<Township>& towns = base.facilities.study().townships();
  gis::LocationSolution sol;
  std::vector<std::vector<int>> by_town(towns.size());
  for (size_t j = 0; j < cands.size(); ++j) {
    if (cands[j].township >= 0) by_town[size_t(cands[j].township)].push_back(int(j));
  }
  for (size_t t = 0; t < towns.size(); ++t) {
    const double need = base.table.townships[t].places_needed;
    if (need <= 0) continue;
    auto& list = by_town[t];
    std::stable_sort(list.begin(), list.end(), [&](int a, int b) { return cands[a].places > cands[b].places; });
    double got = 0;
    for (int j : list) {
      if (got >= need) break;
      sol.sites.push_back(j);
      sol.gain.push_back(cands[j].places);
      got += cands[j].places;
    }
    if (got < need) {
      infeasible.push_back(fmt::format("{}（{}）需新增{:.0f}个托位，候选点只能提供{:.0f}个：{}", towns[t].name, towns[t].id,
                                       need, got, list.empty() ? "该乡镇没有候选点" : "候选点托位不足"));
    }
  }
  double acc = 0;
  for (double g : sol.gain) sol.objective_after.push_back(acc += g);
  sol.objective = double(sol.sites.size());
  sol.optimal = true;
  sol.gap = 0;
  sol.bound = sol.objective;
  sol.solver = "per-township exact (largest capacities first)";
  return sol;
}

// setcover by coverage: the fewest sites reaching coverage_target of all
// children under 3.
gis::LocationSolution sites_for_coverage(const Analysis& base, const ProposalConfig& cfg,
                                         const gis::LocationProblem& pb, const std::vector<double>& weight,
                                         size_t candidates, const gis::SolveOptions& so,
                                         std::vector<std::string>& infeasible) {
  const DemandCells& cells = base.facilities.demand().cells;
  double total = 0, covered = 0;
  for (size_t i = 0; i < cells.size(); ++i) {
    total += cells.children(i);
    if (weight[i] == 0) covered += cells.children(i);
  }
  const double required = cfg.coverage_target * total - covered;
  gis::LocationSolution sol;
  if (required <= 0) {
    sol.optimal = true;
    sol.solver = "none needed";
    return sol;
  }
  sol = gis::min_sites_for_coverage(pb, required, so);
  if (!sol.feasible) {
    const double reached = covered + (sol.objective_after.empty() ? 0.0 : sol.objective_after.back());
    infeasible.push_back(fmt::format("全部{}个候选点也只能使服务覆盖率达到{:.1f}%，达不到目标{:.1f}%", candidates,
                                     100.0 * reached / total, 100.0 * cfg.coverage_target));
  }
  return sol;
}

const char* unit_of(Objective o) {
  switch (o) {
    case Objective::coverage: return "children newly covered";
    case Objective::capacitated: return "children newly served";
    case Objective::pmedian: return "children x metres to the nearest facility";
    case Objective::setcover: return "sites";
  }
  return "";
}

}  // namespace

ProposalRun propose(const Analysis& base, const ProposalConfig& cfg, const ProposalOptions& options) {
  const Progress& progress = options.progress;
  if (!base.access) {
    Problems p;
    p.error("proposals", "site proposals start from an analysis with access (catchments), and this one has none");
    throw InputError(p);
  }
  const AccessResult& before = *base.access;
  const AccessConfig& access = before.settings;
  check_settings(cfg, access);
  const Study& study = base.facilities.study();
  ProposalRun run{.settings = cfg, .after = base.facilities};
  run.radius_m = access.radius_m;
  run.objective_unit = unit_of(cfg.objective);
  const DemandCells& cells = base.facilities.demand().cells;
  run.demand_cells = cells.size();

  const std::vector<double> weight = demand_weights(cfg.objective, base.facilities, before, run.radius_m);
  if (progress) progress("candidates", 0.0);
  Problems bad;
  std::vector<Candidate> cands;
  if (!cfg.candidates.empty()) {
    cands = read_candidates(study, cfg, bad);
    if (options.skip_bad_records) bad.skip_bad_records();
  } else {
    try {
      cands = generate_candidates(base.facilities, cfg, weight);
    } catch (const gis::Error& e) {
      bad.error("[proposals] exclude", e.what());
    }
  }
  if (bad.has_errors()) throw InputError(bad);
  run.problems = bad;
  run.candidates = cands.size();
  if (cands.empty()) {
    Problems p;
    p.error("[proposals]", "no candidate site",
            cfg.candidates.empty() ? "lower generate_min_children or min_distance_m, or give candidates"
                                   : "check the candidates layer");
    throw InputError(p);
  }
  if (cfg.objective != Objective::setcover && size_t(cfg.sites) > cands.size()) {
    Problems p;
    p.error("[proposals] sites",
            fmt::format("{} sites asked for but there are only {} candidates", cfg.sites, cands.size()),
            "ask for fewer sites or give more candidates");
    throw InputError(p);
  }

  const bool by_places = cfg.objective == Objective::setcover && cfg.setcover_target == SetcoverTarget::places;
  const gis::LocationProblem pb = cfg.objective == Objective::pmedian
                                      ? pmedian_instance(base.facilities, cands, cfg.generate_cell_m,
                                                         cfg.pmedian_max_distance_m)
                                      : coverage_instance(cells, weight, cands, run.radius_m);
  if (pb.pairs() == 0 && !by_places) {
    Problems p;
    p.error("[proposals]",
            fmt::format("no candidate reaches any child {}within {:.0f} m",
                        cfg.objective == Objective::pmedian ? "" : "not yet served ",
                        cfg.objective == Objective::pmedian ? cfg.pmedian_max_distance_m : run.radius_m),
            "give candidates nearer to where the children live, or a larger radius");
    throw InputError(p);
  }
  if (progress) progress("solving", 0.0);
  gis::SolveOptions so;
  so.solver = cfg.solver;
  so.time_limit_s = cfg.time_limit_s;
  switch (cfg.objective) {
    case Objective::coverage: run.solution = gis::max_coverage(pb, cfg.sites, so); break;
    case Objective::capacitated: run.solution = gis::max_capacitated_coverage(pb, cfg.sites, so); break;
    case Objective::pmedian: run.solution = gis::p_median(pb, cfg.sites, so); break;
    case Objective::setcover:
      run.solution = by_places ? places_per_township(base, cands, run.infeasible)
                               : sites_for_coverage(base, cfg, pb, weight, cands.size(), so, run.infeasible);
      break;
  }
  for (size_t k = 0; k < run.solution.sites.size(); ++k) {
    Proposal p;
    p.rank = int(k) + 1;
    p.site = cands[size_t(run.solution.sites[k])];
    const gis::LonLat g = gis::wgs84_to_gcj02({p.site.lon, p.site.lat});
    p.gcj_lon = g.lon;
    p.gcj_lat = g.lat;
    p.gain = k < run.solution.gain.size() ? run.solution.gain[k] : 0.0;
    p.objective_after = k < run.solution.objective_after.size() ? run.solution.objective_after[k] : 0.0;
    run.proposals.push_back(p);
  }

  // After: the base's facilities and access copied, and the sites added to
  // them incrementally (exactly what compute_access would give).
  if (progress) progress("after the proposals", 0.0);
  run.after_access = copy_of(before);
  IncrementalAccess after(run.after, run.after_access);
  for (const Proposal& p : run.proposals) {
    Facility f;
    f.id = p.site.id;
    f.name = p.site.name.empty() ? fmt::format("拟建普惠托育机构{}", p.rank) : p.site.name;
    f.type = "拟建普惠托育机构";
    f.places = p.site.places;
    f.enrolled = NAN;
    f.inclusive = true;
    f.lon = p.site.lon;
    f.lat = p.site.lat;
    after.add(f);
  }
  run.after_table = compute_indicators(run.after, base.table.targets);
  add_access_columns(run.after_table, run.after_access.townships);
  run.summary_zh = proposals_summary_zh(base, run);
  return run;
}

}  // namespace tuowei::planner
