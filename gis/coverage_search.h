// Searching maximal covering solutions beyond greedy, and proving how good
// they are (docs/methods.md, "Bounds and improvement"):
//
//   SiteRules            the side constraints (budget, sites per group,
//                        groups that need a site, exclusive locations,
//                        forced and forbidden sites), tracked as sites come
//                        and go
//   improve_by_swaps     best-improvement interchange (Teitz & Bart 1968):
//                        one site out, one in, while coverage grows
//   lagrangian_coverage  the coverage rows relaxed with multipliers (Galvão &
//                        ReVelle 1996), solved by subgradient steps: an upper
//                        bound on the optimum at every step, a site set from
//                        each step's subproblem, and reduced-cost fixing of
//                        candidates that cannot be in (or out of) any
//                        solution better than the incumbent
#pragma once

#include <chrono>
#include <vector>

#include "gis/location_allocation.h"

namespace tuowei::gis {

using Deadline = std::chrono::steady_clock::time_point;

// The side constraints of `problem` for at most `p` sites (p <= 0: no limit
// on their number, with a budget).
class SiteRules {
 public:
  SiteRules(const LocationProblem& problem, int p);
  // Whether `site` may be added to the chosen ones now.
  bool can_add(int site) const;
  // Whether `out` may leave and `in` take its place.
  bool can_swap(int out, int in) const;
  void add(int site);
  void remove(int site);
  int count() const { return count_; }
  double spent() const { return spent_; }
  // Groups in needs_site still without a site.
  std::vector<int> unmet_groups() const;

 private:
  double cost(int site) const { return pb_.cost.empty() ? 0.0 : pb_.cost[size_t(site)]; }
  int group(int site) const { return pb_.group.empty() ? -1 : pb_.group[size_t(site)]; }
  int location(int site) const { return pb_.location.empty() ? -1 : pb_.location[size_t(site)]; }
  bool forbidden(int site) const { return !pb_.fixed.empty() && pb_.fixed[size_t(site)] < 0; }
  bool forced(int site) const { return !pb_.fixed.empty() && pb_.fixed[size_t(site)] > 0; }

  const LocationProblem& pb_;
  int p_;
  std::vector<char> chosen_, needs_;
  std::vector<int> group_count_, location_used_;
  int count_ = 0;
  double spent_ = 0.0;
};

// The chosen sites, the coverage count of each unit, and (for units covered
// once) the site covering them: what a swap's value needs.
class CoverageSet {
 public:
  explicit CoverageSet(const LocationProblem& problem);
  void add(int site);
  void remove(int site);
  bool chosen(int site) const { return chosen_[size_t(site)] != 0; }
  double value() const { return value_; }
  // Weight newly covered by adding `site`.
  double gain(int site) const;
  // Weight only `site` covers (lost when it goes).
  double loss(int site) const;
  int count(int unit) const { return count_[size_t(unit)]; }
  // The one chosen site covering `unit` when count(unit) == 1.
  int only_cover(int unit) const { return int(cover_sum_[size_t(unit)]); }

 private:
  const LocationProblem& pb_;
  std::vector<int> count_;
  std::vector<long long> cover_sum_;
  std::vector<char> chosen_;
  double value_ = 0.0;
};

// Improves `sites` by single swaps (one out, one in, best first) until none
// adds coverage or the deadline passes; fixed sites stay, and every swap
// keeps the side constraints. Returns the coverage.
double improve_by_swaps(const LocationProblem& problem, int p, std::vector<int>& sites, Deadline deadline);

struct LagrangianResult {
  double bound = INFINITY;  // upper bound on the optimum (valid after any number of steps)
  std::vector<int> sites;   // the best site set found (feasible), at least as good as the start
  double value = 0.0;       // its coverage
  int iterations = 0;
  // Reduced-cost fixing against `value`: +1 in every better solution, -1 in
  // none, 0 undecided. Empty when not done (side constraints other than
  // forced and forbidden sites).
  std::vector<signed char> fixed;
};

// Subgradient optimisation of the Lagrangian dual of maximal covering with at
// most p sites (or within the budget), starting from the incumbent `sites`,
// until the deadline, the step vanishes, or the bound is within `target_gap`
// of the incumbent.
LagrangianResult lagrangian_coverage(const LocationProblem& problem, int p, const std::vector<int>& sites,
                                     Deadline deadline, double target_gap = 0.0);

}  // namespace tuowei::gis
