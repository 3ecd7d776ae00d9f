// Location-allocation solvers against brute-force optima on small instances.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>

#include "gis/location_allocation.h"

using namespace tuowei::gis;

namespace {

// Random instances from a fixed seed: units with weights 1..100, candidates
// reaching 4..10 random units at costs 0..1000.
LocationProblem random_problem(unsigned seed, int candidates = 10, int units = 40) {
  std::mt19937 rng(seed);
  LocationProblem pb;
  for (int i = 0; i < units; ++i) pb.weight.push_back(1 + rng() % 100);
  for (int j = 0; j < candidates; ++j) {
    std::vector<int> all(units);
    std::iota(all.begin(), all.end(), 0);
    std::shuffle(all.begin(), all.end(), rng);
    int n = 4 + rng() % 7;
    std::vector<Neighbour> reach;
    for (int k = 0; k < n; ++k) reach.emplace_back(all[k], double(rng() % 1000));
    std::sort(reach.begin(), reach.end());
    pb.reach.push_back(reach);
    pb.capacity.push_back(40 + rng() % 120);
  }
  for (int i = 0; i < units; ++i) pb.current_cost.push_back(1000.0);
  return pb;
}

// Calls f for every subset of {0..n-1} of size k.
void subsets(int n, int k, const std::function<void(const std::vector<int>&)>& f) {
  std::vector<int> s(k);
  std::function<void(int, int)> rec = [&](int start, int depth) {
    if (depth == k) {
      f(s);
      return;
    }
    for (int j = start; j < n; ++j) {
      s[depth] = j;
      rec(j + 1, depth + 1);
    }
  };
  rec(0, 0);
}

double coverage_of(const LocationProblem& pb, const std::vector<int>& sites) {
  std::vector<char> c(pb.weight.size(), 0);
  double v = 0;
  for (int j : sites) {
    for (auto [i, cost] : pb.reach[j]) {
      if (!c[i]) v += pb.weight[i];
      c[i] = 1;
    }
  }
  return v;
}

double median_cost(const LocationProblem& pb, const std::vector<int>& sites) {
  std::vector<double> cur = pb.current_cost;
  for (int j : sites) {
    for (auto [i, c] : pb.reach[j]) cur[i] = std::min(cur[i], c);
  }
  double v = 0;
  for (size_t i = 0; i < cur.size(); ++i) v += pb.weight[i] * cur[i];
  return v;
}

SolveOptions with(Solver s) {
  SolveOptions o;
  o.solver = s;
  o.time_limit_s = 30;
  return o;
}

}  // namespace

TEST(MaxCoverage, ExactEqualsBruteForceAndGreedyNeverExceedsIt) {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    LocationProblem pb = random_problem(seed);
    for (int p = 1; p <= 4; ++p) {
      double best = 0;
      subsets(10, p, [&](const std::vector<int>& s) { best = std::max(best, coverage_of(pb, s)); });
      LocationSolution exact = max_coverage(pb, p, with(Solver::exact));
      LocationSolution greedy = max_coverage(pb, p, with(Solver::greedy));
      EXPECT_NEAR(exact.objective, best, 1e-9) << "seed " << seed << " p " << p;
      EXPECT_NEAR(coverage_of(pb, exact.sites), exact.objective, 1e-9);
      EXPECT_TRUE(exact.optimal);
      EXPECT_LE(greedy.objective, best + 1e-9);
      EXPECT_GE(greedy.bound, best - 1e-9) << "the reported bound must hold";
      if (p == 1) {
        EXPECT_NEAR(greedy.objective, best, 1e-9) << "one site: greedy is exact";
      }
    }
  }
}

TEST(MaxCoverage, GreedyIsOptimalWhenCatchmentsAreDisjoint) {
  LocationProblem pb;
  pb.weight = {5, 7, 1, 9, 2, 8};
  pb.reach = {{{0, 0}, {1, 0}}, {{2, 0}}, {{3, 0}, {4, 0}}, {{5, 0}}};  // 12, 1, 11, 8
  LocationSolution g = max_coverage(pb, 2, with(Solver::greedy));
  EXPECT_EQ(g.sites, (std::vector<int>{0, 2}));
  EXPECT_EQ(g.gain, (std::vector<double>{12, 11}));
  EXPECT_EQ(g.objective_after, (std::vector<double>{12, 23}));
}

TEST(MaxCoverage, StopsWhenNothingMoreCanBeCovered) {
  LocationProblem pb;
  pb.weight = {5, 0};
  pb.reach = {{{0, 0}}, {{1, 0}}, {}};
  LocationSolution g = max_coverage(pb, 3, with(Solver::automatic));
  EXPECT_EQ(g.sites.size(), 1u);
  EXPECT_TRUE(g.optimal);
}

TEST(MaxCoverage, SameInputsGiveTheSameSites) {
  LocationProblem pb = random_problem(99, 30, 200);
  auto a = max_coverage(pb, 5, with(Solver::greedy));
  auto b = max_coverage(pb, 5, with(Solver::greedy));
  EXPECT_EQ(a.sites, b.sites);
  auto c = max_coverage(pb, 5, with(Solver::exact));
  auto d = max_coverage(pb, 5, with(Solver::exact));
  EXPECT_EQ(c.sites, d.sites);
}

TEST(SetCover, FewestSitesMatchBruteForce) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    LocationProblem pb = random_problem(seed);
    double all = coverage_of(pb, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    double required = 0.8 * all;
    int best = 0;
    for (int k = 1; k <= 10 && best == 0; ++k) {
      subsets(10, k, [&](const std::vector<int>& s) {
        if (best == 0 && coverage_of(pb, s) >= required) best = k;
      });
    }
    LocationSolution exact = min_sites_for_coverage(pb, required, with(Solver::exact));
    LocationSolution greedy = min_sites_for_coverage(pb, required, with(Solver::greedy));
    EXPECT_EQ(exact.objective, best) << "seed " << seed;
    EXPECT_GE(coverage_of(pb, exact.sites), required);
    EXPECT_GE(greedy.objective, best);
    EXPECT_GE(coverage_of(pb, greedy.sites), required);
    EXPECT_LE(greedy.bound, best) << "the lower bound must hold";
  }
}

TEST(SetCover, UnreachableTargetIsReportedInfeasible) {
  LocationProblem pb;
  pb.weight = {5, 5};
  pb.reach = {{{0, 0}}};
  LocationSolution s = min_sites_for_coverage(pb, 8, with(Solver::automatic));
  EXPECT_FALSE(s.feasible);
}

TEST(CapacitatedCoverage, CapacitiesAreNeverExceeded) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    LocationProblem pb = random_problem(seed);
    for (Solver s : {Solver::greedy, Solver::exact}) {
      LocationSolution sol = max_capacitated_coverage(pb, 3, with(s));
      std::vector<double> served(pb.weight.size(), 0);
      double total = 0;
      ASSERT_EQ(sol.allocation.size(), sol.sites.size());
      for (size_t k = 0; k < sol.sites.size(); ++k) {
        double site = 0;
        for (auto [i, amount] : sol.allocation[k]) {
          site += amount;
          served[i] += amount;
        }
        EXPECT_LE(site, pb.capacity[sol.sites[k]] + 1e-6);
        total += site;
      }
      for (size_t i = 0; i < served.size(); ++i) EXPECT_LE(served[i], pb.weight[i] + 1e-6);
      EXPECT_NEAR(total, sol.objective, 1e-6);
      EXPECT_LE(sol.objective, sol.bound + 1e-6);
    }
  }
}

TEST(CapacitatedCoverage, CoveringRelaxationBoundsTheOptimumAndTightensGreedys) {
  SolveOptions o = with(Solver::automatic);
  o.exact_max_pairs = 0;  // no CBC: greedy's bound and the covering relaxation's only
  o.target_gap = 0;
  o.time_limit_s = 5;
  int tighter = 0;
  for (unsigned seed = 1; seed <= 10; ++seed) {
    LocationProblem pb = random_problem(seed);
    for (double& c : pb.capacity) c *= 20;  // capacities that rarely bind: coverage decides
    for (int p = 1; p <= 3; ++p) {
      const double optimum = max_capacitated_coverage(pb, p, with(Solver::exact)).objective;
      const LocationSolution greedy = max_capacitated_coverage(pb, p, with(Solver::greedy));
      const LocationSolution bounded = max_capacitated_coverage(pb, p, o);
      EXPECT_GE(bounded.bound, optimum - 1e-6) << "seed " << seed << " p " << p;
      EXPECT_LE(bounded.bound, greedy.bound + 1e-6);
      tighter += bounded.bound < greedy.bound - 1e-6;
    }
  }
  EXPECT_GT(tighter, 0);
}

TEST(CapacitatedCoverage, ExactFindsWhatGreedyMisses) {
  // Unit 0 (80 children) is reached by both sites, unit 1 (80) only by site
  // 1 (100 places), which is nearer to unit 0: greedy opens site 1 first, it
  // fills up with unit 0 and 20 of unit 1, and site 0 then has nobody left.
  // The optimum serves both units in full (160).
  LocationProblem pb;
  pb.weight = {80, 80};
  pb.reach = {{{0, 300}}, {{0, 100}, {1, 200}}};
  pb.capacity = {80, 100};
  LocationSolution greedy = max_capacitated_coverage(pb, 2, with(Solver::greedy));
  LocationSolution exact = max_capacitated_coverage(pb, 2, with(Solver::exact));
  EXPECT_NEAR(greedy.objective, 100, 1e-9);
  EXPECT_NEAR(exact.objective, 160, 1e-6);
  EXPECT_GE(greedy.bound, 160 - 1e-9);
}

TEST(PMedian, ExactEqualsBruteForceAndGreedyIsNeverBetter) {
  for (unsigned seed = 1; seed <= 8; ++seed) {
    LocationProblem pb = random_problem(seed);
    for (int p = 1; p <= 3; ++p) {
      double best = 1e300;
      subsets(10, p, [&](const std::vector<int>& s) { best = std::min(best, median_cost(pb, s)); });
      LocationSolution exact = p_median(pb, p, with(Solver::exact));
      LocationSolution greedy = p_median(pb, p, with(Solver::greedy));
      EXPECT_NEAR(exact.objective, best, 1e-6) << "seed " << seed << " p " << p;
      EXPECT_NEAR(median_cost(pb, exact.sites), exact.objective, 1e-6);
      EXPECT_GE(greedy.objective, best - 1e-6);
      EXPECT_LE(greedy.bound, best + 1e-6) << "the lower bound must hold";
    }
  }
}


TEST(PMedian, LagrangianBoundNeverExceedsTheOptimumAndItsSitesCostWhatItSays) {
  // CBC kept out (no pair allowed), the gap asked for zero: the relaxation
  // runs until it proves the optimum or stalls.
  SolveOptions o = with(Solver::automatic);
  o.exact_max_pairs = 0;
  o.target_gap = 0;
  o.time_limit_s = 5;
  int proven = 0, improved = 0;
  for (unsigned seed = 1; seed <= 12; ++seed) {
    LocationProblem pb = random_problem(seed, 12, 60);
    for (int p = 2; p <= 4; ++p) {
      double best = 1e300;
      subsets(12, p, [&](const std::vector<int>& s) { best = std::min(best, median_cost(pb, s)); });
      LocationSolution greedy = p_median(pb, p, with(Solver::greedy));
      LocationSolution lag = p_median(pb, p, o);
      EXPECT_LE(lag.bound, best + 1e-6) << "seed " << seed << " p " << p;
      EXPECT_GE(lag.bound, greedy.bound - 1e-6) << "never weaker than the greedy bound";
      EXPECT_GE(lag.objective, best - 1e-6);
      EXPECT_LE(lag.objective, greedy.objective + 1e-6) << "never worse than greedy";
      EXPECT_NEAR(median_cost(pb, lag.sites), lag.objective, 1e-6);
      EXPECT_LE(int(lag.sites.size()), p);
      proven += lag.optimal;
      improved += lag.objective < greedy.objective - 1e-6;
    }
  }
  // The relaxation is strong on such instances: most are proven optimal.
  EXPECT_GE(proven, 30) << "of 36";
  std::cout << "proven optimal " << proven << " of 36, better than greedy " << improved << "\n";
}
