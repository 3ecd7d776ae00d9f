#include "gis/location_allocation.h"

#include <coin/Cbc_C_Interface.h>
#include <coin/CoinFinite.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <queue>

#include "gis/coverage_search.h"
#include "gis/error.h"

namespace tuowei::gis {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kOneMinusInvE = 1.0 - 0.36787944117144233;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Lazy greedy (Minoux 1978): gains only shrink as sites are added, so a
// stale gain is an upper bound and most candidates are never re-evaluated.
// Ties go to the lower candidate index, so the result is deterministic.
struct Greedy {
  std::function<double(int)> gain;
  std::function<void(int)> apply;
  // Whether j may be added now (the side constraints); empty: always. A
  // candidate refused once is dropped: budgets and group quotas only fill.
  std::function<bool(int)> allowed = {};
  // The order: gain per cost with a budget; empty: the gain.
  std::function<double(int, double)> key = {};

  // Adds up to `limit` sites (stopping early when `done` says so or nothing
  // adds anything). `only` (optional) restricts the candidates.
  void run(size_t candidates, int limit, const std::function<bool()>& done, LocationSolution& sol,
           const std::vector<char>* only = nullptr) {
    using Entry = std::pair<double, int>;
    auto worse = [](const Entry& a, const Entry& b) {
      return a.first < b.first || (a.first == b.first && a.second > b.second);
    };
    auto key_of = [&](int j, double g) { return key ? key(j, g) : g; };
    std::priority_queue<Entry, std::vector<Entry>, decltype(worse)> heap(worse);
    std::vector<char> chosen(candidates, 0);
    for (int j : sol.sites) chosen[size_t(j)] = 1;  // seeded before (forced sites...)
    for (size_t j = 0; j < candidates; ++j) {
      if ((!only || (*only)[j]) && !chosen[j]) heap.emplace(key_of(int(j), gain(int(j))), int(j));
    }
    while (int(sol.sites.size()) < limit && !heap.empty() && !(done && done())) {
      auto [stale, j] = heap.top();
      heap.pop();
      if (chosen[size_t(j)] || (allowed && !allowed(j))) continue;
      const double g = gain(j);
      const double k = key_of(j, g);
      if (!heap.empty() && worse(Entry(k, j), heap.top())) {
        heap.emplace(k, j);
        continue;
      }
      if (!(g > 0)) break;  // nothing left to gain
      chosen[size_t(j)] = 1;
      apply(j);
      sol.sites.push_back(j);
      sol.gain.push_back(g);
    }
  }
};

// Greedy under the problem's side constraints: forced sites first, then the
// best candidate of each group that needs a site (most gain first), then
// the best by gain (per cost, with a budget) while the rules allow.
void constrained_greedy(const LocationProblem& pb, int p, const std::function<double(int)>& gain,
                        const std::function<void(int)>& apply, LocationSolution& sol,
                        const std::function<bool()>& done = {}) {
  SiteRules rules(pb, p);
  auto add = [&](int j) {
    const double g = gain(j);
    rules.add(j);
    apply(j);
    sol.sites.push_back(j);
    sol.gain.push_back(g);
  };
  if (!pb.fixed.empty()) {
    for (size_t j = 0; j < pb.fixed.size(); ++j) {
      if (pb.fixed[j] > 0 && rules.can_add(int(j))) add(int(j));
    }
  }
  for (std::vector<int> unmet = rules.unmet_groups(); !unmet.empty(); unmet = rules.unmet_groups()) {
    int best = -1;
    double best_gain = -1.0;
    for (size_t j = 0; j < pb.reach.size(); ++j) {
      const int g = pb.group.empty() ? -1 : pb.group[j];
      if (g < 0 || std::find(unmet.begin(), unmet.end(), g) == unmet.end() || !rules.can_add(int(j))) continue;
      const double x = gain(int(j));
      if (x > best_gain) best_gain = x, best = int(j);
    }
    if (best < 0) break;  // no candidate can serve those groups (the caller says so)
    add(best);
  }
  const bool by_cost = std::isfinite(pb.budget) && !pb.cost.empty();
  Greedy g{gain, [&](int j) {
             rules.add(j);
             apply(j);
           },
           [&](int j) { return rules.can_add(j); },
           by_cost ? std::function<double(int, double)>([&](int j, double x) {
             return pb.cost[size_t(j)] > 0 ? x / pb.cost[size_t(j)] : x * 1e12;
           })
                   : nullptr};
  g.run(pb.reach.size(), p > 0 ? p : int(pb.reach.size()), done, sol);
}

// The p largest values of v (all when fewer), summed.
double top_sum(std::vector<double> v, size_t p) {
  p = std::min(p, v.size());
  std::partial_sort(v.begin(), v.begin() + p, v.end(), std::greater<>());
  return std::accumulate(v.begin(), v.begin() + p, 0.0);
}

// --- CBC -------------------------------------------------------------------

// A MIP assembled column by column, then handed to CBC in one go.
class Mip {
 public:
  int add_col(double lb, double ub, double obj, bool integer) {
    lb_.push_back(lb);
    ub_.push_back(ub);
    obj_.push_back(obj);
    integer_.push_back(integer);
    entries_.emplace_back();
    return int(lb_.size()) - 1;
  }
  int add_row(double lo, double hi) {
    row_lo_.push_back(lo);
    row_hi_.push_back(hi);
    return int(row_lo_.size()) - 1;
  }
  void set(int row, int col, double coef) { entries_[col].emplace_back(row, coef); }
  void set_bounds(int col, double lb, double ub) {
    lb_[size_t(col)] = lb;
    ub_[size_t(col)] = ub;
  }

  struct Result {
    std::vector<double> x;
    double objective = NAN, bound = NAN;
    bool optimal = false, timed_out = false, has_solution = false;
  };

  Result solve(bool maximise, double time_limit_s, const std::vector<std::pair<int, double>>& start,
               double gap = 0.0) {
    std::unique_ptr<Cbc_Model, void (*)(Cbc_Model*)> m(Cbc_newModel(), Cbc_deleteModel);
    std::vector<CoinBigIndex> col_start{0};
    std::vector<int> index;
    std::vector<double> value;
    for (auto& col : entries_) {
      for (auto [r, v] : col) {
        index.push_back(r);
        value.push_back(v);
      }
      col_start.push_back(CoinBigIndex(index.size()));
    }
    Cbc_loadProblem(m.get(), int(lb_.size()), int(row_lo_.size()), col_start.data(), index.data(), value.data(),
                    lb_.data(), ub_.data(), obj_.data(), row_lo_.data(), row_hi_.data());
    for (size_t j = 0; j < integer_.size(); ++j) {
      if (integer_[j]) Cbc_setInteger(m.get(), int(j));
    }
    Cbc_setObjSense(m.get(), maximise ? -1.0 : 1.0);
    Cbc_setLogLevel(m.get(), 0);
    Cbc_setMaximumSeconds(m.get(), std::max(0.1, time_limit_s));
    Cbc_setParameter(m.get(), "timeMode", "elapsed");  // the limit is wall time, as a planner waits
    if (gap > 0) Cbc_setAllowableFractionGap(m.get(), gap);
    if (!start.empty()) {
      // CBC 2.10 looks a MIP start's columns up by name: every column is named.
      for (size_t j = 0; j < lb_.size(); ++j) Cbc_setColName(m.get(), int(j), fmt::format("c{}", j).c_str());
      std::vector<int> cols;
      std::vector<double> vals;
      for (auto [c, v] : start) {
        cols.push_back(c);
        vals.push_back(v);
      }
      Cbc_setMIPStartI(m.get(), int(cols.size()), cols.data(), vals.data());
      // CBC 2.10 crashes in its preprocessing's postprocess with a partial
      // MIP start (seen on capacitated coverage): no preprocessing then.
      Cbc_setParameter(m.get(), "preprocess", "off");
    }
    Cbc_solve(m.get());
    Result r;
    r.optimal = Cbc_isProvenOptimal(m.get());
    r.timed_out = Cbc_isSecondsLimitReached(m.get());
    const double* sol = Cbc_getColSolution(m.get());
    r.has_solution = sol != nullptr && (r.optimal || Cbc_numberSavedSolutions(m.get()) > 0);
    if (sol) r.x.assign(sol, sol + lb_.size());
    r.objective = Cbc_getObjValue(m.get());
    r.bound = Cbc_getBestPossibleObjValue(m.get());
    // CBC reports the bound in its internal (minimising) sense.
    if (maximise && r.bound < r.objective - 1e-6 * std::max(1.0, std::fabs(r.objective))) r.bound = -r.bound;
    if (gap > 0) {
      // "Optimal" within the allowed gap: only the bound tells.
      r.optimal = r.optimal && std::fabs(r.bound - r.objective) <= 1e-9 * std::max(1.0, std::fabs(r.objective));
    } else if (r.optimal) {
      r.bound = r.objective;
    }
    return r;
  }

 private:
  std::vector<double> lb_, ub_, obj_, row_lo_, row_hi_;
  std::vector<char> integer_;
  std::vector<std::vector<std::pair<int, double>>> entries_;
};

bool use_exact(const LocationProblem& pb, const SolveOptions& o, size_t extra_pairs_factor = 1) {
  if (o.solver == Solver::greedy) return false;
  if (o.solver == Solver::exact) return true;
  return pb.reach.size() <= o.exact_max_candidates && pb.pairs() * extra_pairs_factor <= o.exact_max_pairs;
}

void finish_gap(LocationSolution& s) {
  if (s.optimal) {
    s.gap = 0.0;
    s.bound = s.objective;
  } else if (!std::isnan(s.bound)) {
    s.gap = std::fabs(s.bound - s.objective) / std::max(1e-12, std::fabs(s.bound));
  }
}

// --- the coverage family ------------------------------------------------------

struct CoverageState {
  const LocationProblem& pb;
  std::vector<char> covered;
  double value = 0.0;
  explicit CoverageState(const LocationProblem& p) : pb(p), covered(p.weight.size(), 0) {}
  double gain(int j) const {
    double g = 0.0;
    for (const auto& [i, c] : pb.reach[j]) {
      if (!covered[i]) g += pb.weight[i];
    }
    return g;
  }
  void apply(int j) {
    for (const auto& [i, c] : pb.reach[j]) {
      if (!covered[i]) {
        covered[i] = 1;
        value += pb.weight[i];
      }
    }
  }
};

// Orders a set of chosen sites greedily and records gains and objective.
void order_sites(const LocationProblem& pb, const std::vector<int>& chosen, LocationSolution& sol) {
  std::vector<char> allowed(pb.reach.size(), 0);
  for (int j : chosen) allowed[j] = 1;
  CoverageState st(pb);
  Greedy g{[&](int j) { return st.gain(j); }, [&](int j) { st.apply(j); }};
  sol.sites.clear();
  sol.gain.clear();
  g.run(pb.reach.size(), int(chosen.size()), nullptr, sol, &allowed);
  // Sites that add nothing once the others are in still belong to the answer.
  for (int j : chosen) {
    if (std::find(sol.sites.begin(), sol.sites.end(), j) == sol.sites.end()) {
      sol.sites.push_back(j);
      sol.gain.push_back(0.0);
    }
  }
  sol.objective_after.clear();
  double acc = 0;
  for (double x : sol.gain) sol.objective_after.push_back(acc += x);
  sol.objective = st.value;
}

// The rows of the side constraints over the site columns 0..n-1: at most p
// sites (p > 0), the budget, sites per group, groups that need a site,
// exclusive locations; forced and forbidden sites (and those `fixed` by the
// Lagrangian) as bounds.
void add_side_constraints(Mip& mip, const LocationProblem& pb, int p, const std::vector<signed char>& fixed) {
  const size_t n = pb.reach.size();
  if (p > 0) {
    const int card = mip.add_row(-COIN_DBL_MAX, p);
    for (size_t j = 0; j < n; ++j) mip.set(card, int(j), 1.0);
  }
  if (std::isfinite(pb.budget) && !pb.cost.empty()) {
    const int row = mip.add_row(-COIN_DBL_MAX, pb.budget);
    for (size_t j = 0; j < n; ++j) mip.set(row, int(j), pb.cost[j]);
  }
  std::map<int, std::vector<int>> groups, locations;
  for (size_t j = 0; j < n; ++j) {
    if (!pb.group.empty() && pb.group[j] >= 0) groups[pb.group[j]].push_back(int(j));
    if (!pb.location.empty() && pb.location[j] >= 0) locations[pb.location[j]].push_back(int(j));
  }
  if (pb.max_per_group > 0) {
    for (const auto& [g, members] : groups) {
      if (int(members.size()) <= pb.max_per_group) continue;
      const int row = mip.add_row(-COIN_DBL_MAX, pb.max_per_group);
      for (int j : members) mip.set(row, j, 1.0);
    }
  }
  for (int g : pb.needs_site) {
    const int row = mip.add_row(1.0, COIN_DBL_MAX);
    for (int j : groups[g]) mip.set(row, j, 1.0);
  }
  for (const auto& [l, members] : locations) {
    if (members.size() < 2) continue;
    const int row = mip.add_row(-COIN_DBL_MAX, 1.0);
    for (int j : members) mip.set(row, j, 1.0);
  }
  for (size_t j = 0; j < n; ++j) {
    const int f = !fixed.empty() ? fixed[j] : !pb.fixed.empty() ? pb.fixed[j] : 0;
    if (f > 0) mip.set_bounds(int(j), 1.0, 1.0);
    if (f < 0) mip.set_bounds(int(j), 0.0, 0.0);
  }
}

Mip::Result exact_coverage(const LocationProblem& pb, int p, double required, double time_limit,
                           const std::vector<int>& warm, const std::vector<signed char>& fixed = {}, double gap = 0.0) {
  // Max coverage: max Σ w_i y_i, y_i <= Σ_{j reaches i} x_j, Σ x_j <= p.
  // Set cover (required >= 0): min Σ x_j, same rows, Σ w_i y_i >= required.
  bool set_cover = required >= 0;
  Mip mip;
  size_t n = pb.reach.size();
  for (size_t j = 0; j < n; ++j) mip.add_col(0, 1, set_cover ? 1.0 : 0.0, true);
  std::vector<int> unit_col(pb.weight.size(), -1), unit_row(pb.weight.size(), -1);
  int cover_row = set_cover ? mip.add_row(required, COIN_DBL_MAX) : -1;
  for (size_t j = 0; j < n; ++j) {
    for (const auto& [i, c] : pb.reach[j]) {
      if (!(pb.weight[i] > 0)) continue;
      if (unit_col[i] < 0) {
        unit_col[i] = mip.add_col(0, 1, set_cover ? 0.0 : pb.weight[i], false);
        unit_row[i] = mip.add_row(-COIN_DBL_MAX, 0.0);
        mip.set(unit_row[i], unit_col[i], 1.0);
        if (set_cover) mip.set(cover_row, unit_col[i], pb.weight[i]);
      }
      mip.set(unit_row[i], int(j), -1.0);
    }
  }
  add_side_constraints(mip, pb, set_cover ? 0 : p, fixed);
  std::vector<std::pair<int, double>> start;
  for (int j : warm) start.emplace_back(j, 1.0);
  return mip.solve(!set_cover, time_limit, start, gap);
}

std::vector<int> chosen_from(const Mip::Result& r, size_t n) {
  std::vector<int> out;
  for (size_t j = 0; j < n && j < r.x.size(); ++j) {
    if (r.x[j] > 0.5) out.push_back(int(j));
  }
  return out;
}

}  // namespace

bool LocationProblem::constrained() const {
  const bool any_fixed = std::any_of(fixed.begin(), fixed.end(), [](signed char f) { return f != 0; });
  return std::isfinite(budget) || max_per_group > 0 || !needs_site.empty() || !location.empty() || any_fixed;
}

size_t LocationProblem::pairs() const {
  size_t n = 0;
  for (const auto& r : reach) n += r.size();
  return n;
}

namespace {

// Coverage of `sites`, ordered greedily, into a solution.
LocationSolution coverage_solution(const LocationProblem& pb, const std::vector<int>& sites, const std::string& solver) {
  LocationSolution s;
  order_sites(pb, sites, s);
  s.solver = solver;
  return s;
}

// An upper bound on the coverage from a greedy answer (Nemhauser, Wolsey &
// Fisher 1978; Minoux 1978): no feasible set adds more than the p largest
// marginal gains left (or, with a budget, their fractional knapsack); with
// no side constraint also f(S) / (1 - 1/e) and the p largest single gains.
double greedy_bound(const LocationProblem& pb, int p, const CoverageState& st, const LocationSolution& sol) {
  std::vector<double> left, single;
  CoverageState empty(pb);
  for (size_t j = 0; j < pb.reach.size(); ++j) {
    const bool allowed = pb.fixed.empty() || pb.fixed[j] >= 0;
    left.push_back(allowed ? st.gain(int(j)) : 0.0);
    single.push_back(allowed ? empty.gain(int(j)) : 0.0);
  }
  double online = INFINITY;
  if (std::isfinite(pb.budget) && !pb.cost.empty()) {
    // Fractional knapsack of the gains left over the whole budget.
    std::vector<size_t> order(left.size());
    std::iota(order.begin(), order.end(), size_t(0));
    auto ratio = [&](size_t j) { return pb.cost[j] > 0 ? left[j] / pb.cost[j] : INFINITY; };
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ratio(a) > ratio(b); });
    double room = pb.budget, add = 0.0;
    for (size_t j : order) {
      if (!(left[j] > 0)) continue;
      if (pb.cost[j] <= room) {
        add += left[j];
        room -= pb.cost[j];
      } else {
        add += left[j] * room / pb.cost[j];
        break;
      }
    }
    online = st.value + add;
  }
  if (p > 0) online = std::min(online, st.value + top_sum(left, size_t(p)));
  if (!pb.constrained() && p > 0) {
    online = std::min({online, st.value / kOneMinusInvE, top_sum(single, size_t(p))});
    if (int(sol.sites.size()) < p) online = st.value;  // greedy stopped: nothing more to cover
  }
  return std::max(online, st.value);
}

}  // namespace

LocationSolution max_coverage(const LocationProblem& pb, int p, const SolveOptions& o) {
  const auto t0 = Clock::now();
  const auto deadline = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.time_limit_s));
  LocationSolution sol;
  CoverageState st(pb);
  constrained_greedy(pb, p, [&](int j) { return st.gain(j); }, [&](int j) { st.apply(j); }, sol);
  double acc = 0;
  for (double x : sol.gain) sol.objective_after.push_back(acc += x);
  sol.objective = st.value;
  sol.solver = "greedy (lazy evaluation)";
  sol.bound = greedy_bound(pb, p, st, sol);
  std::vector<std::string> steps;
  auto step = [&](const std::string& what) {
    steps.push_back(fmt::format("{} ({:.2f} s)", what, seconds_since(t0)));
  };
  step(fmt::format("greedy {:.1f}, bound {:.1f}", sol.objective, sol.bound));
  if (std::isfinite(pb.budget)) {
    // Greedy by gain per cost, or greedy from the best single affordable
    // site, whichever covers more (Khuller, Moss & Naor 1999).
    int best = -1;
    double best_gain = 0.0;
    CoverageState empty(pb);
    SiteRules rules(pb, p);
    for (size_t j = 0; j < pb.reach.size(); ++j) {
      if (rules.can_add(int(j)) && empty.gain(int(j)) > best_gain) best_gain = empty.gain(int(j)), best = int(j);
    }
    if (best >= 0 && std::find(sol.sites.begin(), sol.sites.end(), best) == sol.sites.end()) {
      LocationProblem seeded = pb;
      seeded.fixed.assign(pb.reach.size(), 0);
      if (!pb.fixed.empty()) seeded.fixed = pb.fixed;
      seeded.fixed[size_t(best)] = 1;
      LocationSolution alt;
      CoverageState st2(seeded);
      constrained_greedy(seeded, p, [&](int j) { return st2.gain(j); }, [&](int j) { st2.apply(j); }, alt);
      if (st2.value > sol.objective) {
        const double bound = sol.bound;
        sol = coverage_solution(pb, alt.sites, sol.solver);
        sol.bound = bound;
      }
    }
  }
  // `exact` asks for the optimum itself.
  const double target_gap = o.solver == Solver::exact ? 0.0 : o.target_gap;
  auto proven = [&] { return sol.bound <= sol.objective * (1.0 + target_gap) + 1e-9; };
  auto share = [&](double f) {
    return std::min(deadline, t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(f * o.time_limit_s)));
  };
  if (o.solver != Solver::greedy && !proven()) {
    // Interchange from the greedy answer, then the Lagrangian bound (and its
    // own site sets, improved by interchange again).
    std::vector<int> sites = sol.sites;
    const double swapped = improve_by_swaps(pb, p, sites, share(0.2));
    if (swapped > sol.objective + 1e-9) {
      const double bound = sol.bound;
      sol = coverage_solution(pb, sites, "greedy + interchange");
      sol.bound = bound;
    }
    step(fmt::format("interchange {:.1f}", sol.objective));
    LagrangianResult lag = lagrangian_coverage(pb, p, sol.sites, share(0.5), target_gap);
    sol.bound = std::min(sol.bound, lag.bound);
    if (lag.value > sol.objective + 1e-9) {
      improve_by_swaps(pb, p, lag.sites, share(0.6));
      const double bound = sol.bound;
      sol = coverage_solution(pb, lag.sites, "Lagrangian + interchange");
      sol.bound = bound;
    }
    sol.bound = std::max(sol.bound, sol.objective);
    const long ruled_out = std::count(lag.fixed.begin(), lag.fixed.end(), -1);
    const long ruled_in = std::count(lag.fixed.begin(), lag.fixed.end(), 1);
    step(fmt::format("Lagrangian bound {:.1f} after {} steps, best {:.1f}; {} of {} candidates ruled out, {} in",
                     lag.bound, lag.iterations, sol.objective, ruled_out, pb.reach.size(), ruled_in));
    if (!proven()) {
      // CBC on what the Lagrangian could not rule out, from the incumbent.
      size_t free_candidates = 0, free_pairs = 0;
      for (size_t j = 0; j < pb.reach.size(); ++j) {
        if (lag.fixed.empty() || lag.fixed[j] == 0) ++free_candidates, free_pairs += pb.reach[j].size();
      }
      const bool exact = o.solver == Solver::exact ||
                         (free_candidates <= o.exact_max_candidates && free_pairs <= o.exact_max_pairs);
      const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
      if (exact && left > 0.5) {
        Mip::Result r = exact_coverage(pb, p, -1.0, left, sol.sites, lag.fixed, target_gap);
        if (r.has_solution && r.objective > sol.objective + 1e-9) {
          const double bound = sol.bound;
          sol = coverage_solution(pb, chosen_from(r, pb.reach.size()), "CBC");
          sol.bound = bound;
        }
        if (r.optimal) {
          sol.bound = std::max(sol.objective, r.objective);
        } else if (!std::isnan(r.bound)) {
          // Fixing kept every solution better than the incumbent: the
          // optimum is the incumbent or within the reduced problem's bound.
          sol.bound = std::min(sol.bound, std::max(r.bound, sol.objective));
        }
        sol.timed_out = r.timed_out;
        if (sol.solver != "CBC") sol.solver += " + CBC";
        step(fmt::format("CBC {} {:.1f}, bound {:.1f}", r.optimal ? "optimal" : r.timed_out ? "stopped at" : "ended at",
                         r.has_solution ? r.objective : NAN, r.bound));
      }
    }
  }
  sol.steps = std::move(steps);
  sol.optimal = sol.bound <= sol.objective + 1e-9 * std::max(1.0, sol.objective);
  finish_gap(sol);
  sol.seconds = seconds_since(t0);
  return sol;
}

LocationSolution min_sites_for_coverage(const LocationProblem& pb, double required, const SolveOptions& o) {
  auto t0 = Clock::now();
  LocationSolution sol;
  CoverageState st(pb);
  std::vector<char> reachable(pb.weight.size(), 0);
  double total = 0;
  for (const auto& r : pb.reach) {
    for (const auto& [i, c] : r) {
      if (!reachable[i]) total += pb.weight[i];
      reachable[i] = 1;
    }
  }
  sol.feasible = total >= required - 1e-9;
  Greedy g{[&](int j) { return st.gain(j); }, [&](int j) { st.apply(j); }};
  g.run(pb.reach.size(), int(pb.reach.size()), [&] { return st.value >= required - 1e-9; }, sol);
  double acc = 0;
  for (double x : sol.gain) sol.objective_after.push_back(acc += x);
  sol.objective = double(sol.sites.size());
  sol.solver = "greedy (lazy evaluation)";
  // Lower bound: no k sites cover more than the k largest single-site gains.
  std::vector<double> single;
  CoverageState empty(pb);
  for (size_t j = 0; j < pb.reach.size(); ++j) single.push_back(empty.gain(int(j)));
  std::sort(single.begin(), single.end(), std::greater<>());
  double cum = 0;
  size_t k = 0;
  while (k < single.size() && cum < required - 1e-9) cum += single[k++];
  sol.bound = required <= 0 ? 0.0 : double(k);
  sol.optimal = !sol.feasible || sol.bound >= sol.objective;
  if (sol.feasible && !sol.optimal && use_exact(pb, o)) {
    Mip::Result r = exact_coverage(pb, 0, required, o.time_limit_s, sol.sites);
    std::vector<int> chosen = chosen_from(r, pb.reach.size());
    if (r.has_solution && !chosen.empty() && chosen.size() <= sol.sites.size()) {
      LocationSolution ex;
      order_sites(pb, chosen, ex);
      ex.objective = double(chosen.size());
      ex.solver = "CBC";
      ex.optimal = r.optimal;
      ex.timed_out = r.timed_out;
      ex.bound = std::max(sol.bound, std::ceil(r.bound - 1e-9));
      sol = std::move(ex);
    } else {
      sol.timed_out = r.timed_out;
    }
  }
  finish_gap(sol);
  sol.seconds = seconds_since(t0);
  return sol;
}

LocationSolution max_capacitated_coverage(const LocationProblem& pb, int p, const SolveOptions& o) {
  auto t0 = Clock::now();
  if (pb.capacity.size() != pb.reach.size()) throw Error(say("capacitated coverage needs one capacity per candidate"));
  // Nearest units first within each candidate's reach.
  std::vector<std::vector<Neighbour>> by_cost = pb.reach;
  for (auto& r : by_cost) {
    std::stable_sort(r.begin(), r.end(), [](const Neighbour& a, const Neighbour& b) { return a.second < b.second; });
  }
  std::vector<double> residual = pb.weight;
  auto gain = [&](int j) {
    double reachable = 0;
    for (const auto& [i, c] : by_cost[j]) reachable += residual[i];
    return std::min(pb.capacity[j], reachable);
  };
  // Site j serves its nearest children first, up to its places; what it
  // serves goes to `into`'s allocation.
  auto serve = [&](int j, LocationSolution& into) {
    double left = pb.capacity[size_t(j)];
    std::vector<std::pair<int, double>> served;
    for (const auto& [i, c] : by_cost[size_t(j)]) {
      if (left <= 0) break;
      double take = std::min(left, residual[size_t(i)]);
      if (take <= 0) continue;
      residual[size_t(i)] -= take;
      left -= take;
      served.emplace_back(i, take);
    }
    into.allocation.push_back(std::move(served));
  };
  LocationSolution sol;
  auto apply = [&](int j) { serve(j, sol); };
  constrained_greedy(pb, p, gain, apply, sol);
  double acc = 0;
  for (double x : sol.gain) sol.objective_after.push_back(acc += x);
  sol.objective = acc;
  sol.solver = "greedy (lazy evaluation)";
  // Upper bound: neither more than the demand any candidate reaches, nor
  // more than the p largest single-site services.
  std::vector<char> reachable(pb.weight.size(), 0);
  double total = 0;
  std::vector<double> single;
  for (size_t j = 0; j < pb.reach.size(); ++j) {
    double s = 0;
    for (const auto& [i, c] : pb.reach[j]) {
      s += pb.weight[i];
      if (!reachable[i]) total += pb.weight[i];
      reachable[i] = 1;
    }
    single.push_back(std::min(pb.capacity[j], s));
  }
  // p <= 0 (a budget alone): any number of sites.
  sol.bound = std::min(total, top_sum(single, p > 0 ? size_t(p) : single.size()));
  sol.optimal = sol.objective >= sol.bound - 1e-9;
  sol.steps.push_back(fmt::format("greedy {:.1f}, bound {:.1f} ({:.2f} s)", sol.objective, sol.bound, seconds_since(t0)));
  if (!sol.optimal && o.solver != Solver::greedy) {
    // No site set serves more than it covers: the maximal covering of the
    // same weights, bounded by its Lagrangian relaxation, bounds this too.
    const double target_gap = o.solver == Solver::exact ? 0.0 : o.target_gap;
    const Deadline until = t0 + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(o.time_limit_s * 0.2));
    const LagrangianResult lag = lagrangian_coverage(pb, p, sol.sites, until, target_gap);
    // Its best site set, each site serving its nearest children first in
    // greedy order, when that serves more.
    if (lag.value > sol.objective + 1e-9) {
      LocationSolution alt;
      residual = pb.weight;
      auto apply_alt = [&](int j) { serve(j, alt); };
      std::vector<char> allowed(pb.reach.size(), 0);
      for (int j : lag.sites) allowed[size_t(j)] = 1;
      Greedy order{gain, apply_alt};
      order.run(pb.reach.size(), int(lag.sites.size()), nullptr, alt, &allowed);
      double served = 0;
      for (double x : alt.gain) alt.objective_after.push_back(served += x);
      alt.objective = served;
      if (alt.objective > sol.objective + 1e-9) {
        alt.solver = "Lagrangian";
        alt.bound = sol.bound;
        alt.steps = std::move(sol.steps);
        sol = std::move(alt);
      }
    }
    sol.bound = std::max(sol.objective, std::min(sol.bound, lag.bound));
    sol.optimal = sol.objective >= sol.bound - 1e-9;
    sol.steps.push_back(fmt::format("bound by the covering relaxation {:.1f} after {} steps ({:.2f} s)", sol.bound,
                                    lag.iterations, seconds_since(t0)));
  }

  if (!sol.optimal && use_exact(pb, o, 2)) {
    // max Σ z_ij; Σ_i z_ij <= C_j x_j; Σ_j z_ij <= w_i; Σ x_j <= p.
    Mip mip;
    size_t n = pb.reach.size();
    for (size_t j = 0; j < n; ++j) mip.add_col(0, 1, 0, true);
    std::vector<int> unit_row(pb.weight.size(), -1);
    std::vector<std::vector<int>> z(n);
    for (size_t j = 0; j < n; ++j) {
      int cap = mip.add_row(-COIN_DBL_MAX, 0.0);
      mip.set(cap, int(j), -pb.capacity[j]);
      for (const auto& [i, c] : pb.reach[j]) {
        if (unit_row[i] < 0) unit_row[i] = mip.add_row(-COIN_DBL_MAX, pb.weight[i]);
        int col = mip.add_col(0, COIN_DBL_MAX, 1.0, false);
        mip.set(cap, col, 1.0);
        mip.set(unit_row[i], col, 1.0);
        z[j].push_back(col);
      }
    }
    add_side_constraints(mip, pb, p, {});
    // No MIP start here: CBC 2.10 crashes in CLP's presolve with one on this
    // model (a start of the x alone); the greedy answer is kept when CBC does worse.
    Mip::Result r = mip.solve(true, std::max(1.0, o.time_limit_s - seconds_since(t0)), {});
    if (r.has_solution && r.objective > sol.objective + 1e-9) {
      LocationSolution ex;
      ex.steps = std::move(sol.steps);
      ex.solver = "CBC";
      ex.optimal = r.optimal;
      ex.timed_out = r.timed_out;
      ex.bound = std::min(r.bound, sol.bound);
      // Sites by what they serve, largest first.
      std::vector<std::pair<double, int>> served;
      for (int j : chosen_from(r, n)) {
        double s = 0;
        for (int col : z[j]) s += r.x[col];
        served.emplace_back(-s, j);
      }
      std::sort(served.begin(), served.end());
      double total_served = 0;
      for (auto [neg, j] : served) {
        ex.sites.push_back(j);
        ex.gain.push_back(-neg);
        ex.objective_after.push_back(total_served += -neg);
        std::vector<std::pair<int, double>> alloc;
        for (size_t k = 0; k < z[j].size(); ++k) {
          if (r.x[z[j][k]] > 1e-9) alloc.emplace_back(pb.reach[j][k].first, r.x[z[j][k]]);
        }
        ex.allocation.push_back(std::move(alloc));
      }
      ex.objective = total_served;
      sol = std::move(ex);
    } else {
      sol.timed_out = r.timed_out;
      if (!std::isnan(r.bound)) sol.bound = std::min(sol.bound, std::max(r.bound, sol.objective));
      if (r.optimal) sol.optimal = true;
    }
    sol.steps.push_back(fmt::format("CBC {} {:.1f}, bound {:.1f} ({:.2f} s)",
                                    r.optimal ? "optimal" : r.timed_out ? "stopped at" : "ended at", sol.objective,
                                    sol.bound, seconds_since(t0)));
  }
  finish_gap(sol);
  sol.seconds = seconds_since(t0);
  return sol;
}

// Best-improvement interchange for the p-median (Teitz & Bart 1968) with
// Whitaker's (1983) fast evaluation: each unit's nearest and second-nearest
// option among the existing facilities (never swapped out) and the chosen
// sites, so that every swap of a candidate in for a site out is priced in
// one pass over the candidate's reach. Returns the cost saved.
double improve_pmedian_by_swaps(const LocationProblem& pb, std::vector<int>& sites, double seconds) {
  const auto t0 = Clock::now();
  const size_t m = pb.weight.size(), n = pb.reach.size(), p = sites.size();
  if (p == 0) return 0;
  std::vector<double> d1(m), d2(m), base(p), corr(p);
  std::vector<int> near(m);
  std::vector<char> in_set(n, 0);
  double saved = 0;
  for (;;) {
    // Nearest and second nearest: -1 is the existing facilities.
    for (size_t i = 0; i < m; ++i) d1[i] = pb.current_cost[i], d2[i] = INFINITY, near[i] = -1;
    std::fill(in_set.begin(), in_set.end(), 0);
    for (size_t r = 0; r < p; ++r) {
      in_set[size_t(sites[r])] = 1;
      for (const auto& [i, c] : pb.reach[size_t(sites[r])]) {
        const size_t u = size_t(i);
        if (c < d1[u]) d2[u] = d1[u], d1[u] = c, near[u] = int(r);
        else if (c < d2[u]) d2[u] = c;
      }
    }
    std::fill(base.begin(), base.end(), 0.0);
    for (size_t i = 0; i < m; ++i) {
      if (near[i] >= 0) base[size_t(near[i])] += pb.weight[i] * (d2[i] - d1[i]);
    }
    double best = -1e-9;
    int best_in = -1, best_out = -1;
    for (size_t j = 0; j < n && seconds_since(t0) < seconds; ++j) {
      if (in_set[j]) continue;
      double g = 0;
      std::fill(corr.begin(), corr.end(), 0.0);
      for (const auto& [i, c] : pb.reach[j]) {
        const size_t u = size_t(i);
        const double w = pb.weight[u];
        const double stay = std::min(0.0, c - d1[u]);
        g += w * stay;
        if (near[u] >= 0) {
          corr[size_t(near[u])] += w * (std::min(d2[u], c) - d1[u]) - w * (d2[u] - d1[u]) - w * stay;
        }
      }
      for (size_t r = 0; r < p; ++r) {
        const double delta = g + base[r] + corr[r];  // change in cost
        if (delta < best) best = delta, best_in = int(j), best_out = int(r);
      }
    }
    if (best_in < 0) break;
    sites[size_t(best_out)] = best_in;
    saved -= best;
    if (seconds_since(t0) >= seconds) break;
  }
  return saved;
}

// The p-median's Lagrangian relaxation (Cornuejols, Fisher & Nemhauser
// 1977; Beasley 1993), on savings s_ij = w_i (cur_i - c_ij)^+ against the
// current costs: relaxing each unit's "served at most once" with λ_i >= 0,
//   L(λ) = Σ_i λ_i + (the p largest of ρ_j = Σ_i (s_ij - λ_i)^+)
// bounds every p-set's saving from above, whatever λ; subgradient steps
// (Held, Wolfe & Crowder 1974) lower it. Each step's p sites are a feasible
// answer, kept when they save more. Unconstrained problems only.
struct PmedianLagrangian {
  double saving_bound = INFINITY;  // no p-set saves more
  double best_saving = 0;
  std::vector<int> best_sites;
  int iterations = 0;
};

PmedianLagrangian lagrangian_pmedian(const LocationProblem& pb, int p, double incumbent_saving,
                                     const std::vector<int>& incumbent, double before, double seconds,
                                     double target_gap) {
  const auto t0 = Clock::now();
  const size_t n = pb.reach.size(), m = pb.weight.size();
  PmedianLagrangian out;
  out.best_saving = incumbent_saving;
  out.best_sites = incumbent;
  if (p <= 0 || n == 0) return out;
  const size_t k = std::min(size_t(p), n);
  std::vector<double> lambda(m, 0.0), rho(n), g(m), best(m);
  std::vector<int> order(n);
  auto saving = [&](const std::vector<int>& sites) {
    std::fill(best.begin(), best.end(), 0.0);
    for (int j : sites) {
      for (const auto& [i, c] : pb.reach[size_t(j)]) {
        best[size_t(i)] = std::max(best[size_t(i)], pb.weight[size_t(i)] * (pb.current_cost[size_t(i)] - c));
      }
    }
    return std::accumulate(best.begin(), best.end(), 0.0);
  };
  auto proven = [&] {
    if (!std::isfinite(out.saving_bound)) return false;
    const double cost = before - out.best_saving, bound = before - out.saving_bound;
    return cost - bound <= target_gap * std::max(std::abs(bound), 1e-9);
  };
  // Start from the incumbent's prices: λ_i = what unit i saves with it, so
  // that the first L(λ) is the incumbent's saving plus the p largest gains
  // left (Nemhauser, Wolsey & Fisher's online bound) rather than the sum of
  // single savings.
  saving(incumbent);
  lambda = best;
  double theta = 2.0, last_best = INFINITY;
  int since = 0;
  while (!proven() && theta > 1e-4 && seconds_since(t0) < seconds) {
    ++out.iterations;
    std::fill(rho.begin(), rho.end(), 0.0);
    for (size_t j = 0; j < n; ++j) {
      double r = 0;
      for (const auto& [i, c] : pb.reach[j]) {
        const double sv = pb.weight[size_t(i)] * (pb.current_cost[size_t(i)] - c) - lambda[size_t(i)];
        if (sv > 0) r += sv;
      }
      rho[j] = r;
    }
    std::iota(order.begin(), order.end(), 0);
    std::nth_element(order.begin(), order.begin() + long(k) - 1, order.end(),
                     [&](int a, int b) { return rho[size_t(a)] > rho[size_t(b)]; });
    double value = std::accumulate(lambda.begin(), lambda.end(), 0.0);
    std::vector<int> sites, all(order.begin(), order.begin() + long(k));
    for (int j : all) {
      if (rho[size_t(j)] > 0) value += rho[size_t(j)], sites.push_back(j);
    }
    if (value < out.saving_bound) out.saving_bound = value;
    // The p best by ρ as an answer (all p of them: a site more never costs).
    if (const double sv = saving(all); sv > out.best_saving) out.best_saving = sv, out.best_sites = all;
    if (value < last_best - 1e-9 * std::max(1.0, std::abs(last_best))) {
      last_best = value, since = 0;
    } else if (++since >= 40) {
      theta /= 2, since = 0;
    }
    // Subgradient g_i = 1 - #{j in S: s_ij > λ_i}, projected onto λ >= 0.
    std::fill(g.begin(), g.end(), 1.0);
    for (int j : sites) {
      for (const auto& [i, c] : pb.reach[size_t(j)]) {
        if (pb.weight[size_t(i)] * (pb.current_cost[size_t(i)] - c) > lambda[size_t(i)]) g[size_t(i)] -= 1.0;
      }
    }
    double norm = 0;
    for (size_t i = 0; i < m; ++i) {
      if (lambda[i] <= 0 && g[i] > 0) g[i] = 0;
      norm += g[i] * g[i];
    }
    if (norm == 0) {
      out.saving_bound = std::min(out.saving_bound, value);
      break;  // λ is optimal for the relaxation
    }
    const double step = theta * (value - out.best_saving) / norm;
    for (size_t i = 0; i < m; ++i) lambda[i] = std::max(0.0, lambda[i] - step * g[i]);
  }
  return out;
}

LocationSolution p_median(const LocationProblem& pb, int p, const SolveOptions& o) {
  auto t0 = Clock::now();
  if (pb.current_cost.size() != pb.weight.size()) throw Error(say("p-median needs each unit's current cost"));
  std::vector<double> cur = pb.current_cost;
  double before = 0;
  for (size_t i = 0; i < cur.size(); ++i) before += pb.weight[i] * cur[i];
  auto gain = [&](int j) {
    double g = 0;
    for (const auto& [i, c] : pb.reach[j]) {
      if (c < cur[i]) g += pb.weight[i] * (cur[i] - c);
    }
    return g;
  };
  auto apply = [&](int j) {
    for (const auto& [i, c] : pb.reach[j]) cur[i] = std::min(cur[i], c);
  };
  LocationSolution sol;
  constrained_greedy(pb, p, gain, apply, sol);
  double cost = before;
  for (double x : sol.gain) sol.objective_after.push_back(cost -= x);
  sol.objective = cost;
  sol.solver = "greedy (lazy evaluation)";
  std::vector<double> left;
  for (size_t j = 0; j < pb.reach.size(); ++j) left.push_back(gain(int(j)));
  double saved = before - cost;
  // Single-site savings from the current costs (the online bound at S = {}).
  std::vector<double> single;
  for (size_t j = 0; j < pb.reach.size(); ++j) {
    double g = 0;
    for (const auto& [i, c] : pb.reach[j]) {
      if (c < pb.current_cost[i]) g += pb.weight[i] * (pb.current_cost[i] - c);
    }
    single.push_back(g);
  }
  // (1 - 1/e) holds for plain greedy only; the top sums for any p-set.
  const size_t most = p > 0 ? size_t(p) : pb.reach.size();  // p <= 0 (a budget alone): any number
  double max_saving = std::min(saved + top_sum(left, most), top_sum(single, most));
  if (!pb.constrained()) max_saving = std::min(max_saving, saved / kOneMinusInvE);
  if (p > 0 && int(sol.sites.size()) < p && !pb.constrained()) max_saving = saved;
  sol.bound = before - max_saving;  // lower bound on the cost
  sol.optimal = sol.bound >= sol.objective - 1e-9;
  sol.steps.push_back(fmt::format("greedy {:.1f}, bound {:.1f} ({:.2f} s)", sol.objective, sol.bound, seconds_since(t0)));

  const double target_gap = o.solver == Solver::exact ? 0.0 : o.target_gap;
  auto within_target = [&] {
    return sol.objective - sol.bound <= target_gap * std::max(std::abs(sol.bound), 1e-9);
  };
  if (!sol.optimal && !pb.constrained() && p > 0 && o.solver != Solver::greedy && !within_target()) {
    // Half the time for the bound when CBC may follow, all of it otherwise.
    const bool cbc_next = use_exact(pb, o, 2);
    const PmedianLagrangian lag = lagrangian_pmedian(pb, p, saved, sol.sites, before,
                                                     o.time_limit_s * (cbc_next ? 0.4 : 0.8), target_gap);
    sol.bound = std::max(sol.bound, before - lag.saving_bound);
    // Interchange from the better of greedy's and the relaxation's sites.
    std::vector<int> sites = lag.best_saving > saved ? lag.best_sites : sol.sites;
    double best_saving = std::max(lag.best_saving, saved);
    const double left = o.time_limit_s * (cbc_next ? 0.6 : 1.0) - seconds_since(t0);
    if (int(sites.size()) == p && left > 0) best_saving += improve_pmedian_by_swaps(pb, sites, left);
    if (best_saving > saved + 1e-9 * std::max(1.0, saved)) {
      // Ordered greedily among the Lagrangian's sites.
      LocationSolution lo;
      std::vector<char> allowed(pb.reach.size(), 0);
      for (int j : sites) allowed[size_t(j)] = 1;
      cur = pb.current_cost;
      Greedy order{gain, apply};
      order.run(pb.reach.size(), int(sites.size()), nullptr, lo, &allowed);
      double c2 = before;
      for (double x : lo.gain) lo.objective_after.push_back(c2 -= x);
      lo.objective = c2;
      lo.solver = lag.best_saving > saved ? "Lagrangian + interchange" : "greedy + interchange";
      lo.bound = sol.bound;
      lo.steps = std::move(sol.steps);
      sol = std::move(lo);
    }
    sol.optimal = sol.bound >= sol.objective - 1e-9 * std::max(1.0, std::abs(sol.objective));
    sol.steps.push_back(fmt::format("Lagrangian bound {:.1f} after {} steps, best {:.1f}; interchange {:.1f} ({:.2f} s)",
                                    sol.bound, lag.iterations, before - lag.best_saving, sol.objective,
                                    seconds_since(t0)));
  }


  if (!sol.optimal && !within_target() && use_exact(pb, o, 2)) {
    // max Σ w_i (cur_i - c_ij) a_ij; Σ_j a_ij <= 1; a_ij <= x_j; Σ x_j <= p.
    Mip mip;
    size_t n = pb.reach.size();
    for (size_t j = 0; j < n; ++j) mip.add_col(0, 1, 0, true);
    std::vector<int> unit_row(pb.weight.size(), -1);
    for (size_t j = 0; j < n; ++j) {
      for (const auto& [i, c] : pb.reach[j]) {
        double saving = pb.weight[i] * (pb.current_cost[i] - c);
        if (!(saving > 0)) continue;
        if (unit_row[i] < 0) unit_row[i] = mip.add_row(-COIN_DBL_MAX, 1.0);
        int a = mip.add_col(0, 1, saving, false);
        mip.set(unit_row[i], a, 1.0);
        int link = mip.add_row(-COIN_DBL_MAX, 0.0);
        mip.set(link, a, 1.0);
        mip.set(link, int(j), -1.0);
      }
    }
    add_side_constraints(mip, pb, p, {});
    // No MIP start here: CBC 2.10 crashes in CLP's presolve with one on this
    // model (a start of the x alone); the greedy answer is kept when CBC does worse.
    Mip::Result r = mip.solve(true, std::max(1.0, o.time_limit_s - seconds_since(t0)), {});
    if (r.has_solution && before - r.objective < sol.objective - 1e-9) {
      std::vector<int> chosen = chosen_from(r, n);
      LocationSolution ex;
      std::vector<char> allowed(n, 0);
      for (int j : chosen) allowed[j] = 1;
      cur = pb.current_cost;
      Greedy order{gain, apply};
      order.run(n, int(chosen.size()), nullptr, ex, &allowed);
      for (int j : chosen) {
        if (std::find(ex.sites.begin(), ex.sites.end(), j) == ex.sites.end()) {
          ex.sites.push_back(j);
          ex.gain.push_back(0.0);
        }
      }
      double c2 = before;
      for (double x : ex.gain) ex.objective_after.push_back(c2 -= x);
      ex.objective = c2;
      ex.solver = "CBC";
      ex.optimal = r.optimal;
      ex.timed_out = r.timed_out;
      ex.bound = std::max(sol.bound, before - r.bound);
      ex.steps = std::move(sol.steps);
      sol = std::move(ex);
    } else {
      sol.timed_out = r.timed_out;
      if (r.optimal) sol.optimal = true;
      else if (!std::isnan(r.bound)) sol.bound = std::max(sol.bound, before - r.bound);
    }
    sol.steps.push_back(fmt::format("CBC {} {:.1f}, bound {:.1f} ({:.2f} s)",
                                    r.optimal ? "optimal" : r.timed_out ? "stopped at" : "ended at", sol.objective,
                                    sol.bound, seconds_since(t0)));
  }
  finish_gap(sol);
  sol.seconds = seconds_since(t0);
  return sol;
}

}  // namespace tuowei::gis
