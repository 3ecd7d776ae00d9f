#include "planner/siting/propose.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "gis/china_offsets.h"
#include "gis/coverage_search.h"
#include "gis/error.h"
#include "planner/incremental_access.h"
#include "planner/say.h"
#include "planner/siting/instance.h"

namespace tuowei::planner {
namespace {

void check_settings(const ProposalConfig& cfg, const AccessConfig& access) {
  Problems bad;
  const bool budget = std::isfinite(cfg.budget);
  if (cfg.objective != Objective::setcover && cfg.sites < 1 && !budget) {
    bad.error(as_is("[proposals] sites"), say("must be at least 1"));
  }
  if (budget && cfg.objective == Objective::setcover) {
    bad.error(as_is("[proposals] budget"), say("a budget applies to coverage, capacitated and pmedian, not to set cover"),
              say("set objective = \"coverage\", or drop the budget"));
  }
  if (!(cfg.places > 0)) {
    bad.error(as_is("[proposals] places"), say("places per new site must be > 0, not {}", cfg.places));
  }
  if (!access.cost_table.empty()) {
    bad.error(as_is("[access] cost_table"),
              say("site proposals need straight-line distances (candidates are not in a cost table)"),
              say("remove cost_table or give --radius"));
  }
  if (access.demand != DemandUnit::cells) {
    bad.error(as_is("[access] demand"), say("site proposals need the population grid's cells as demand"),
              say("set [access] demand = \"cells\""));
  }
  if (bad.has_errors()) throw InputError(bad);
}

// setcover by places: per township, the fewest candidates whose places cover
// its need (largest first, which is the fewest). Townships the candidates
// cannot bring to target go into `infeasible`.
gis::LocationSolution places_per_township(const Analysis& base, const std::vector<Candidate>& cands,
                                          std::vector<Text>& infeasible) {
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
      infeasible.push_back(say("{} ({}) needs {:.0f} new places; the candidates can give only {:.0f}: {}",
                               towns[t].name, towns[t].id, need, got,
                               list.empty() ? say("the township has no candidate site")
                                            : say("its candidates have too few places")));
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
                                         std::vector<Text>& infeasible) {
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
    infeasible.push_back(say("all {} candidates together bring the coverage to only {:.1f}%, short of the target "
                             "{:.1f}%",
                             candidates, 100.0 * reached / total, 100.0 * cfg.coverage_target));
  }
  return sol;
}

// Each candidate place once (no site types), or once per type.
std::vector<Candidate> with_types(std::vector<Candidate> places, const ProposalConfig& cfg) {
  for (size_t k = 0; k < places.size(); ++k) places[k].place = int(k);
  if (cfg.types.empty()) return places;
  std::vector<Candidate> out;
  out.reserve(places.size() * cfg.types.size());
  for (const Candidate& c : places) {
    for (const ProposalConfig::SiteType& t : cfg.types) {
      Candidate x = c;
      x.type = t.name;
      x.places = t.places;
      x.radius_m = t.radius_m;
      if (std::isnan(x.cost)) x.cost = t.cost;
      out.push_back(std::move(x));
    }
  }
  return out;
}

// The candidates `ids` name: "ID" (with site types, its first type) or "ID:type".
std::vector<int> named_candidates(const std::vector<Candidate>& cands, const std::vector<std::string>& ids,
                                  const char* key, Problems& bad) {
  std::vector<int> out;
  for (const std::string& text : ids) {
    const size_t colon = text.find(':');
    const std::string id = text.substr(0, colon), type = colon == std::string::npos ? "" : text.substr(colon + 1);
    int found = -1;
    for (size_t j = 0; j < cands.size() && found < 0; ++j) {
      if (cands[j].id == id && (type.empty() || cands[j].type == type)) found = int(j);
    }
    if (found < 0) {
      bad.error(as_is(fmt::format("[proposals] {}", key)), say("no candidate '{}'", text),
                say("use the ids of the candidates layer (with site types: ID or ID:type)"));
    } else {
      out.push_back(found);
    }
  }
  return out;
}

// The side constraints of [proposals] on the instance: the budget, sites per
// township, a site in each township short of the target, one type per
// place, required and forbidden sites. Throws InputError for what cannot
// hold.
void add_rules(gis::LocationProblem& pb, const std::vector<Candidate>& cands, const ProposalConfig& cfg, int p,
               const Analysis& base) {
  Problems bad;
  const size_t n = cands.size();
  if (std::isfinite(cfg.budget)) {
    pb.budget = cfg.budget;
    std::vector<std::string> missing;
    for (const Candidate& c : cands) {
      pb.cost.push_back(c.cost);
      if (std::isnan(c.cost) && missing.size() < 5) missing.push_back(c.id.empty() ? c.name : c.id);
    }
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      bad.error(as_is("[proposals] budget"), say("a budget needs every candidate's cost; none for {}", list),
                say("give candidate_cost_field values in the candidates layer, or site types with a cost"));
    }
  }
  if (cfg.max_per_township > 0 || cfg.site_in_short_townships) {
    for (const Candidate& c : cands) pb.group.push_back(c.township);
    pb.max_per_group = cfg.max_per_township;
  }
  if (cfg.site_in_short_townships) {
    // Townships short of the target where a candidate of theirs reaches a child still to serve.
    std::vector<char> helps(base.table.townships.size(), 0);
    for (size_t j = 0; j < n; ++j) {
      if (cands[j].township >= 0 && !pb.reach[j].empty()) helps[size_t(cands[j].township)] = 1;
    }
    for (size_t t = 0; t < helps.size(); ++t) {
      if (helps[t] && base.table.townships[t].places_needed > 0) pb.needs_site.push_back(int(t));
    }
    if (p > 0 && int(pb.needs_site.size()) > p) {
      bad.error(as_is("[proposals] site_in_short_townships"),
                say("{} townships short of the target can get a site, more than the {} sites asked for",
                    pb.needs_site.size(), p),
                say("ask for at least {} sites, or drop site_in_short_townships", pb.needs_site.size()));
    }
  }
  if (!cfg.types.empty()) {
    for (const Candidate& c : cands) pb.location.push_back(c.place);
  }
  const std::vector<int> required = named_candidates(cands, cfg.required, "required", bad);
  const std::vector<int> forbidden = named_candidates(cands, cfg.forbidden, "forbidden", bad);
  if (!required.empty() || !forbidden.empty()) {
    pb.fixed.assign(n, 0);
    for (int j : forbidden) pb.fixed[size_t(j)] = -1;
    for (int j : required) {
      if (pb.fixed[size_t(j)] < 0) {
        bad.error(as_is("[proposals] required"), say("'{}' is both required and forbidden", cands[size_t(j)].id));
      }
      pb.fixed[size_t(j)] = 1;
    }
    if (p > 0 && int(required.size()) > p) {
      bad.error(as_is("[proposals] required"), say("{} required sites but only {} asked for", required.size(), p));
    }
  }
  if (bad.has_errors()) throw InputError(bad);
}

// Why each site: children newly covered, deserts removed, its township's
// places per 1,000 before and after, and the next-best candidate nearby.
void explain(ProposalRun& run, const Analysis& base, const std::vector<Candidate>& cands,
             const gis::LocationProblem& pb, const ProposalConfig& cfg) {
  const DemandCells& cells = base.facilities.demand().cells;
  const gis::CellPoints& points = cells.points();
  const AccessResult& before = *base.access;
  std::vector<char> counted(cells.size(), 0), desert_counted(cells.size(), 0);
  std::vector<gis::Neighbour> near;
  for (Proposal& p : run.proposals) {
    const double r = p.site.radius_m > 0 ? p.site.radius_m : run.radius_m;
    cells.within(p.site.x, p.site.y, r, near);
    for (const auto& [i, d] : near) {
      const size_t c = size_t(i);
      if (before.cells.reached_by[c] == 0 && !counted[c]) {
        counted[c] = 1;
        p.children_newly_covered += cells.children(c);
      }
      if (before.cells.desert[c] && !run.after_access.cells.desert[c] && !desert_counted[c]) {
        desert_counted[c] = 1;
        p.desert_children_removed += cells.children(c);
        p.desert_km2_removed += points.cell_area_km2(points.row(c));
      }
    }
    if (p.site.township >= 0) {
      p.township_per_1000_before = base.table.townships[size_t(p.site.township)].places_per_1000;
      p.township_per_1000_after = run.after_table.townships[size_t(p.site.township)].places_per_1000;
    }
  }
  // The next best: only where the objective is coverage of cells (pb's weights).
  if (cfg.objective != Objective::coverage && cfg.objective != Objective::setcover) return;
  gis::CoverageSet chosen(pb);
  for (int j : run.solution.sites) chosen.add(j);
  double spent = 0;
  std::vector<int> per_group;
  for (int j : run.solution.sites) {
    if (!pb.cost.empty()) spent += pb.cost[size_t(j)];
    if (!pb.group.empty() && pb.group[size_t(j)] >= 0) {
      if (per_group.size() <= size_t(pb.group[size_t(j)])) per_group.resize(size_t(pb.group[size_t(j)]) + 1, 0);
      ++per_group[size_t(pb.group[size_t(j)])];
    }
  }
  auto group_of = [&](size_t a) { return pb.group.empty() ? -1 : pb.group[a]; };
  for (size_t k = 0; k < run.proposals.size(); ++k) {
    Proposal& p = run.proposals[k];
    const int j = run.solution.sites[k];
    chosen.remove(j);
    const double own = chosen.gain(j);  // what the site adds with all the others built
    int best = -1;
    double best_gain = -1, best_d = NAN;
    for (size_t a = 0; a < cands.size(); ++a) {
      if (int(a) == j || chosen.chosen(int(a)) || (!pb.fixed.empty() && pb.fixed[a] < 0)) continue;
      if (cands[a].place >= 0 && cands[a].place == cands[size_t(j)].place) continue;  // another type here
      const double d = std::hypot(cands[a].x - p.site.x, cands[a].y - p.site.y);
      if (d > cfg.alternative_within_m) continue;
      // A swap the rules allow: within the budget, the township's cap and one site per place.
      if (!pb.cost.empty() && spent - pb.cost[size_t(j)] + pb.cost[a] > pb.budget * (1 + 1e-12)) continue;
      if (pb.max_per_group > 0 && group_of(a) >= 0 && group_of(a) != group_of(size_t(j)) &&
          size_t(group_of(a)) < per_group.size() && per_group[size_t(group_of(a))] >= pb.max_per_group) {
        continue;
      }
      if (!pb.location.empty() && pb.location[a] >= 0 &&
          std::any_of(run.solution.sites.begin(), run.solution.sites.end(),
                      [&](int o) { return o != j && pb.location[size_t(o)] == pb.location[a]; })) {
        continue;
      }
      const double g = chosen.gain(int(a));
      if (g > best_gain) best_gain = g, best = int(a), best_d = d;
    }
    chosen.add(j);
    if (best < 0) continue;
    p.alternative_id = cands[size_t(best)].id;
    p.alternative_name = cands[size_t(best)].name;
    p.alternative_gain = best_gain;
    p.alternative_change = best_gain - own;
    p.alternative_distance_m = best_d;
  }
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
    p.error(say("proposals"), say("site proposals start from an analysis with access (catchments), and this one has "
                                  "none"));
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
      bad.error(as_is("[proposals] exclude"), gis::text_of(e));
    }
  }
  if (bad.has_errors()) throw InputError(bad);
  run.problems = bad;
  const size_t places = cands.size();
  cands = with_types(std::move(cands), cfg);
  run.candidates = cands.size();
  if (cands.empty()) {
    Problems p;
    p.error(as_is("[proposals]"), say("no candidate site"),
            cfg.candidates.empty() ? say("lower generate_min_children or min_distance_m, or give candidates")
                                   : say("check the candidates layer"));
    throw InputError(p);
  }
  // With a budget, the number of sites is capped only when asked for.
  const int p_sites = std::isfinite(cfg.budget) && !cfg.sites_set ? 0 : cfg.sites;
  if (cfg.objective != Objective::setcover && p_sites > 0 && size_t(p_sites) > places) {
    Problems p;
    p.error(as_is("[proposals] sites"), say("{} sites asked for but there are only {} candidates", p_sites, places),
            say("ask for fewer sites or give more candidates"));
    throw InputError(p);
  }

  const bool by_places = cfg.objective == Objective::setcover && cfg.setcover_target == SetcoverTarget::places;
  if (cfg.objective != Objective::pmedian) {
    double widest = run.radius_m;
    for (const Candidate& k : cands) widest = std::max(widest, k.radius_m);
    check_catchment_size(cells, cands.size(), widest, access.max_pairs, say("candidate sites"));
  }
  gis::LocationProblem pb = cfg.objective == Objective::pmedian
                                ? pmedian_instance(base.facilities, cands, cfg.generate_cell_m,
                                                   cfg.pmedian_max_distance_m)
                                : coverage_instance(cells, weight, cands, run.radius_m);
  add_rules(pb, cands, cfg, p_sites, base);
  if (pb.pairs() == 0 && !by_places) {
    Problems p;
    p.error(as_is("[proposals]"),
            say("no candidate reaches any child {}within {:.0f} m",
                cfg.objective == Objective::pmedian ? as_is("") : say("not yet served "),
                cfg.objective == Objective::pmedian ? cfg.pmedian_max_distance_m : run.radius_m),
            say("give candidates nearer to where the children live, or a larger radius"));
    throw InputError(p);
  }
  if (progress) progress("solving", 0.0);
  gis::SolveOptions so;
  so.solver = cfg.solver;
  so.time_limit_s = cfg.time_limit_s;
  so.target_gap = cfg.target_gap;
  switch (cfg.objective) {
    case Objective::coverage: run.solution = gis::max_coverage(pb, p_sites, so); break;
    case Objective::capacitated: run.solution = gis::max_capacitated_coverage(pb, p_sites, so); break;
    case Objective::pmedian: run.solution = gis::p_median(pb, p_sites, so); break;
    case Objective::setcover: {
      std::vector<Text> infeasible;
      run.solution = by_places ? places_per_township(base, cands, infeasible)
                               : sites_for_coverage(base, cfg, pb, weight, cands.size(), so, infeasible);
      // The target is missed: said beside the answer, whatever its proof.
      for (const Text& t : infeasible) {
        run.infeasible.push_back(t.zh());  // for the Chinese paragraph and proposals.json
        run.problems.warning(as_is("[proposals] setcover"), say("the target is not reached with every candidate: {}", t),
                             say("add candidates where the children are, widen the radius, or lower the target"));
      }
      break;
    }
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
    f.type = p.site.type.empty() ? "拟建普惠托育机构" : p.site.type;
    f.places = p.site.places;
    f.enrolled = NAN;
    f.inclusive = true;
    f.lon = p.site.lon;
    f.lat = p.site.lat;
    after.add(f);
  }
  run.after_table = compute_indicators(run.after, base.table.targets);
  add_access_columns(run.after_table, run.after_access.townships);
  explain(run, base, cands, pb, cfg);
  run.summary_zh = proposals_summary_zh(base, run);
  return run;
}

}  // namespace tuowei::planner
