// Location-allocation: choosing sites among candidates to serve weighted
// demand units, by greedy search with lazy evaluation (any size) or exactly
// as a mixed-integer programme solved by COIN-OR CBC. docs/methods.md,
// "Site proposals", has the formulations and the bounds reported.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "gis/point_index.h"

namespace tuowei::gis {

struct LocationProblem {
  std::vector<double> weight;                 // per demand unit: what serving it is worth
  std::vector<std::vector<Neighbour>> reach;  // per candidate: (demand unit, cost), cost within the threshold
  std::vector<double> capacity;               // per candidate (capacitated coverage only)
  // p-median only: each unit's cost to its nearest existing facility, capped
  // at the largest cost that counts (units beyond it all cost that much).
  std::vector<double> current_cost;

  // Side constraints, each optional (empty / default = none):
  std::vector<double> cost;     // per candidate (with `budget`)
  double budget = INFINITY;     // the chosen sites' costs add up to at most this
  std::vector<int> group;       // per candidate: its group (a township), -1 for none
  int max_per_group = 0;        // at most this many chosen sites in one group (0: no limit)
  std::vector<int> needs_site;  // groups that must get at least one chosen site
  std::vector<int> location;    // per candidate: candidates sharing a location exclude each other (site types)
  std::vector<signed char> fixed;  // per candidate: +1 must be chosen, -1 must not, 0 free

  size_t pairs() const;
  bool constrained() const;
};

enum class Solver { greedy, exact, automatic };

struct LocationSolution {
  std::vector<int> sites;               // chosen candidates, in the order they add most
  std::vector<double> gain;             // marginal gain of each, in that order
  std::vector<double> objective_after;  // objective after adding each
  double objective = 0.0;               // covered / served weight, or (p-median) weighted cost
  // Bound on the optimum: upper for coverage, lower for p-median cost and
  // for the number of sites of a set cover. NaN when none is known.
  double bound = NAN;
  double gap = NAN;  // |bound - objective| / |bound|; 0 when proven optimal
  bool optimal = false;
  bool timed_out = false;
  bool feasible = true;  // set cover: false when all candidates together fall short
  std::string solver;    // "greedy (lazy evaluation)" or "CBC"
  double seconds = 0.0;
  // What each step found, for reports and benchmarks ("greedy 81699 in
  // 0.02 s; interchange 82950; Lagrangian bound 83528 after 3120 steps, 431
  // of 500 candidates ruled out; CBC ...").
  std::vector<std::string> steps;
  // Capacitated coverage: what each chosen site serves, (unit, amount), same order as sites.
  std::vector<std::vector<std::pair<int, double>>> allocation;
};

struct SolveOptions {
  Solver solver = Solver::automatic;
  double time_limit_s = 60.0;
  // Stop improving once the answer is proven within this share of the
  // optimum (swaps, the Lagrangian bound, then CBC within the time limit);
  // `exact` proves the optimum itself (or reaches the time limit).
  double target_gap = 0.005;
  // `automatic` solves exactly up to these sizes, greedily beyond.
  size_t exact_max_candidates = 3000;
  size_t exact_max_pairs = 2'000'000;
};

// Maximal covering (MCLP): p sites maximising the weight of units within
// reach of at least one of them.
// With a finite `budget`, p (when > 0) caps the number of sites and the
// costs bind.
LocationSolution max_coverage(const LocationProblem& problem, int p, const SolveOptions& options = {});
// Capacitated coverage: p sites, each serving at most its capacity, units
// served at most up to their weight; maximise the weight served.
LocationSolution max_capacitated_coverage(const LocationProblem& problem, int p, const SolveOptions& options = {});
// Set cover: the fewest sites whose reach holds at least `required` weight.
LocationSolution min_sites_for_coverage(const LocationProblem& problem, double required,
                                        const SolveOptions& options = {});
// p-median: p sites minimising Σ_i weight_i · min(current_cost_i, min_j cost_ij).
LocationSolution p_median(const LocationProblem& problem, int p, const SolveOptions& options = {});

}  // namespace tuowei::gis
