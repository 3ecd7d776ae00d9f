// Maximal covering beyond greedy, against brute force on small random
// instances: interchange, the Lagrangian bound (never below the optimum),
// reduced-cost fixing (never rules out a better solution), and the side
// constraints (budget, sites per group, groups that need a site, exclusive
// locations, forced and forbidden sites) in greedy, interchange and CBC.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <random>

#include "gis/coverage_search.h"
#include "gis/location_allocation.h"

using namespace tuowei::gis;

namespace {

LocationProblem random_problem(unsigned seed, int units = 40, int candidates = 12) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> w(0.5, 10.0), u01(0, 1);
  LocationProblem pb;
  for (int i = 0; i < units; ++i) pb.weight.push_back(std::round(w(rng) * 10) / 10);
  pb.reach.resize(size_t(candidates));
  for (auto& r : pb.reach) {
    for (int i = 0; i < units; ++i) {
      if (u01(rng) < 0.2) r.emplace_back(i, 0.0);
    }
  }
  return pb;
}

double coverage_of(const LocationProblem& pb, const std::vector<int>& sites) {
  std::vector<char> covered(pb.weight.size(), 0);
  double v = 0;
  for (int j : sites) {
    for (const auto& [i, c] : pb.reach[size_t(j)]) {
      if (!covered[size_t(i)]) covered[size_t(i)] = 1, v += pb.weight[size_t(i)];
    }
  }
  return v;
}

// Whether `sites` keeps every side constraint for at most p sites.
bool feasible(const LocationProblem& pb, int p, const std::vector<int>& sites) {
  if (p > 0 && int(sites.size()) > p) return false;
  double cost = 0;
  std::map<int, int> per_group, per_location;
  for (int j : sites) {
    if (!pb.cost.empty()) cost += pb.cost[size_t(j)];
    if (!pb.group.empty() && pb.group[size_t(j)] >= 0) ++per_group[pb.group[size_t(j)]];
    if (!pb.location.empty() && pb.location[size_t(j)] >= 0 && ++per_location[pb.location[size_t(j)]] > 1) return false;
    if (!pb.fixed.empty() && pb.fixed[size_t(j)] < 0) return false;
  }
  if (cost > pb.budget + 1e-9) return false;
  for (const auto& [g, k] : per_group) {
    if (pb.max_per_group > 0 && k > pb.max_per_group) return false;
  }
  for (int g : pb.needs_site) {
    if (!per_group.count(g)) return false;
  }
  for (size_t j = 0; j < pb.fixed.size(); ++j) {
    if (pb.fixed[j] > 0 && std::find(sites.begin(), sites.end(), int(j)) == sites.end()) return false;
  }
  return true;
}

// Every feasible subset, with its coverage.
void each_subset(const LocationProblem& pb, int p, const std::function<void(const std::vector<int>&, double)>& f) {
  const int n = int(pb.reach.size());
  for (unsigned mask = 0; mask < (1u << n); ++mask) {
    std::vector<int> sites;
    for (int j = 0; j < n; ++j) {
      if (mask & (1u << j)) sites.push_back(j);
    }
    if (feasible(pb, p, sites)) f(sites, coverage_of(pb, sites));
  }
}

double brute_force(const LocationProblem& pb, int p) {
  double best = -1;
  each_subset(pb, p, [&](const std::vector<int>&, double v) { best = std::max(best, v); });
  return best;
}

Deadline in_seconds(double s) {
  return std::chrono::steady_clock::now() + std::chrono::duration_cast<Deadline::duration>(std::chrono::duration<double>(s));
}

SolveOptions only(Solver s) {
  SolveOptions o;
  o.solver = s;
  o.target_gap = 0.0;
  return o;
}

}  // namespace

TEST(CoverageSearch, InterchangeEndsWhereNoSingleSwapHelps) {
  for (unsigned seed = 1; seed <= 30; ++seed) {
    const LocationProblem pb = random_problem(seed);
    const int p = 3;
    const LocationSolution greedy = max_coverage(pb, p, only(Solver::greedy));
    std::vector<int> sites = greedy.sites;
    const double v = improve_by_swaps(pb, p, sites, in_seconds(5));
    EXPECT_NEAR(v, coverage_of(pb, sites), 1e-9);
    EXPECT_GE(v, greedy.objective - 1e-9);
    // A local optimum: no site out and another in covers more.
    for (size_t q = 0; q < sites.size(); ++q) {
      for (int k = 0; k < int(pb.reach.size()); ++k) {
        if (std::find(sites.begin(), sites.end(), k) != sites.end()) continue;
        std::vector<int> other = sites;
        other[q] = k;
        EXPECT_LE(coverage_of(pb, other), v + 1e-9) << "seed " << seed;
      }
    }
    EXPECT_LE(v, brute_force(pb, p) + 1e-9);
  }
}

TEST(CoverageSearch, LagrangianBoundNeverBelowTheOptimumAndFixingKeepsBetterSolutions) {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    const LocationProblem pb = random_problem(seed);
    const int p = 2 + int(seed % 3);
    const double opt = brute_force(pb, p);
    const LocationSolution greedy = max_coverage(pb, p, only(Solver::greedy));
    const LagrangianResult lag = lagrangian_coverage(pb, p, greedy.sites, in_seconds(2));
    EXPECT_GE(lag.bound, opt - 1e-9) << "seed " << seed;
    EXPECT_LE(lag.value, opt + 1e-9);
    EXPECT_NEAR(lag.value, coverage_of(pb, lag.sites), 1e-9);
    EXPECT_GE(lag.value, greedy.objective - 1e-9);
    // No subset better than the incumbent uses a site ruled out, or lacks one ruled in.
    ASSERT_EQ(lag.fixed.size(), pb.reach.size());
    each_subset(pb, p, [&](const std::vector<int>& sites, double v) {
      if (v <= lag.value + 1e-9) return;
      for (size_t j = 0; j < lag.fixed.size(); ++j) {
        const bool in = std::find(sites.begin(), sites.end(), int(j)) != sites.end();
        if (lag.fixed[j] < 0) EXPECT_FALSE(in) << "seed " << seed << ": site " << j << " ruled out of a better solution";
        if (lag.fixed[j] > 0) EXPECT_TRUE(in) << "seed " << seed;
      }
    });
  }
}

TEST(CoverageSearch, SolvedToTheOptimumWithItsBound) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    const LocationProblem pb = random_problem(seed, 50, 14);
    const double opt = brute_force(pb, 4);
    const LocationSolution s = max_coverage(pb, 4, only(Solver::automatic));
    EXPECT_NEAR(s.objective, opt, 1e-9) << "seed " << seed;
    EXPECT_TRUE(s.optimal) << "seed " << seed;
    EXPECT_GE(s.bound, opt - 1e-9);
  }
}

TEST(CoverageSearch, BudgetGreedyAndExact) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    LocationProblem pb = random_problem(seed);
    std::mt19937 rng(seed * 7);
    std::uniform_int_distribution<int> cost(1, 6);
    for (size_t j = 0; j < pb.reach.size(); ++j) pb.cost.push_back(cost(rng));
    pb.budget = 9;
    const double opt = brute_force(pb, 0);
    const LocationSolution g = max_coverage(pb, 0, only(Solver::greedy));
    EXPECT_TRUE(feasible(pb, 0, g.sites)) << "seed " << seed;
    // Greedy by gain per cost, or from the best single site (Khuller, Moss & Naor 1999).
    EXPECT_GE(g.objective, 0.5 * (1 - std::exp(-1.0)) * opt - 1e-9) << "seed " << seed;
    EXPECT_GE(g.bound, opt - 1e-9) << "seed " << seed;
    const LocationSolution e = max_coverage(pb, 0, only(Solver::exact));
    EXPECT_TRUE(feasible(pb, 0, e.sites));
    EXPECT_NEAR(e.objective, opt, 1e-9) << "seed " << seed;
    // A number of sites on top of the budget.
    const LocationSolution both = max_coverage(pb, 2, only(Solver::exact));
    EXPECT_TRUE(feasible(pb, 2, both.sites));
    EXPECT_NEAR(both.objective, brute_force(pb, 2), 1e-9);
  }
}

TEST(CoverageSearch, SpreadForcedForbiddenAndExclusiveSites) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    LocationProblem pb = random_problem(seed);
    const int n = int(pb.reach.size());
    for (int j = 0; j < n; ++j) pb.group.push_back(j % 4);
    pb.max_per_group = 1;
    pb.needs_site = {3};
    for (int j = 0; j < n; ++j) pb.location.push_back(j / 2);  // pairs of site types at one place
    pb.fixed.assign(size_t(n), 0);
    pb.fixed[0] = 1;
    pb.fixed[5] = -1;
    const int p = 3;
    const double opt = brute_force(pb, p);
    ASSERT_GE(opt, 0) << "seed " << seed;
    for (Solver s : {Solver::greedy, Solver::automatic, Solver::exact}) {
      const LocationSolution sol = max_coverage(pb, p, only(s));
      EXPECT_TRUE(feasible(pb, p, sol.sites)) << "seed " << seed << " solver " << int(s);
      EXPECT_NEAR(sol.objective, coverage_of(pb, sol.sites), 1e-9);
      EXPECT_GE(sol.bound, opt - 1e-9) << "seed " << seed << " solver " << int(s);
      if (s != Solver::greedy) EXPECT_NEAR(sol.objective, opt, 1e-9) << "seed " << seed;
    }
    // Interchange keeps the rules.
    std::vector<int> sites = max_coverage(pb, p, only(Solver::greedy)).sites;
    improve_by_swaps(pb, p, sites, in_seconds(2));
    EXPECT_TRUE(feasible(pb, p, sites)) << "seed " << seed;
  }
}
