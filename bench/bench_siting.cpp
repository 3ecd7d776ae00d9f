// Location-allocation at planning scale, and greedy against exact.
//
// Generates (deterministically, in memory) the same clustered grid of 100 m
// cells of children as bench_access, and candidate sites at the centres of
// the 250 m coarse cells holding the most children, as the planner generates
// them. A candidate reaches the cells within 300 m of it.
// Two parts, each in its own process so that each one's peak RSS is its own:
//   a  10,000 candidates x 1,000,000 cells: the time to build the reach lists
//      (PointIndex over the cells, one within() per candidate) and to solve
//      greedy maximal covering for p = 10, 50, 200, with the bound it reports
//   b  500 candidates x 50,000 cells (a 25 x 20 km window of the same grid):
//      greedy against exact (CBC) for maximal covering (p = 10, 25), p-median
//      (p = 10; on the cells, and on the planner's coarse instance) and
//      capacitated coverage (p = 10): objective gap, times, whether CBC
//      proved optimality; every objective is recomputed from the sites
//
// See bench/README.md for how to run it.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_common.h"
#include "gis/error.h"
#include "gis/location_allocation.h"
#include "gis/point_index.h"

namespace gis = tuowei::gis;
namespace bench = tuowei::bench;

namespace {

using namespace tuowei::bench;  // now, cpu_now, peak_rss, mb, num, ...

constexpr double kOriginX = 500000.0, kOriginY = 2600000.0;  // top-left corner, metres
constexpr double kCell = 100.0;                              // metres

struct Options {
  std::string part = "all";  // all | a | b
  std::string phase;         // a | b: run that part in this process (how the parent runs its children)
  // Part a.
  int size = 1000;  // N x N cells
  int candidates = 10000;
  std::vector<int> ps = {10, 50, 200};
  // Both parts.
  double reach = 300.0;      // metres
  double coarse = 250.0;     // candidate grid, metres
  std::string rule = "top";  // top | sample: which coarse cells become candidates
  // Part b: a window of the N x N grid.
  int win_col = 95, win_row = 600, win_cols = 250, win_rows = 200;
  int b_candidates = 500;
  double time_limit = 30.0;  // seconds, each exact solve
  std::vector<double> capacities = {80.0, 120.0};
  double cost_cap = 3000.0;  // p-median: every cell's current cost
};

[[noreturn]] void usage(const char* argv0, int code) {
  std::fprintf(
      code ? stderr : stdout,
      "usage: %s [--part all|a|b] [options]\n"
      "  --size N          part a: grid of N x N 100 m cells (default 1000)\n"
      "  --candidates N    part a: candidates (default 10000)\n"
      "  --p LIST          part a: comma-separated p values (default 10,50,200)\n"
      "  --reach M         a candidate reaches the cells within M metres (default 300)\n"
      "  --candidates-by R top: the coarse cells holding the most children, as the planner picks them;\n"
      "                    sample: drawn in proportion to their children (default top)\n"
      "  --window C,R,W,H  part b: the window of the N x N grid, in cells (default 95,600,250,200)\n"
      "  --b-candidates N  part b: candidates (default 500)\n"
      "  --time-limit S    part b: seconds for each exact solve (default 30)\n"
      "  --capacity LIST   part b: capacity of every site, capacitated coverage; one problem each (default 80,120)\n"
      "  --cost-cap M      part b: p-median current cost of every cell, metres (default 3000)\n",
      argv0);
  std::exit(code);
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t comma = s.find(',', pos);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(s.substr(pos, comma - pos));
    pos = comma + 1;
  }
  return out;
}

std::vector<int> int_list(const std::string& s) {
  std::vector<int> out;
  for (const std::string& v : split(s)) out.push_back(std::stoi(v));
  return out;
}

Options parse(int argc, char** argv) {
  Options o;
  bench::Args args(argc, argv, usage);
  while (args.next()) {
    const std::string& a = args.flag();
    if (a == "--part")
      o.part = args.value();
    else if (a == "--phase")
      o.phase = args.value();
    else if (a == "--size")
      o.size = std::stoi(args.value());
    else if (a == "--candidates")
      o.candidates = std::stoi(args.value());
    else if (a == "--p")
      o.ps = int_list(args.value());
    else if (a == "--reach")
      o.reach = std::stod(args.value());
    else if (a == "--candidates-by")
      o.rule = args.value();
    else if (a == "--window") {
      auto w = int_list(args.value());
      if (w.size() != 4) usage(argv[0], 2);
      o.win_col = w[0], o.win_row = w[1], o.win_cols = w[2], o.win_rows = w[3];
    } else if (a == "--b-candidates")
      o.b_candidates = std::stoi(args.value());
    else if (a == "--time-limit")
      o.time_limit = std::stod(args.value());
    else if (a == "--capacity") {
      o.capacities.clear();
      for (const std::string& c : split(args.value())) o.capacities.push_back(std::stod(c));
    } else if (a == "--cost-cap")
      o.cost_cap = std::stod(args.value());
    else
      args.unmatched();
  }
  bool window_ok = o.win_col >= 0 && o.win_row >= 0 && o.win_cols > 0 && o.win_rows > 0 &&
                   o.win_col + o.win_cols <= o.size && o.win_row + o.win_rows <= o.size;
  if (o.size < 10 || o.candidates < 1 || o.b_candidates < 1 || !(o.reach > 0) || !window_ok || o.ps.empty() ||
      !(o.time_limit > 0) || (o.rule != "top" && o.rule != "sample")) {
    usage(argv[0], 2);
  }
  return o;
}

// ---- Deterministic data --------------------------------------------------------
// The density is bench::Density, shared with bench_access.

// The cells of a window (col0, row0, cols, rows) of the N x N grid: centres and
// demand, window-row-major. Same values as the whole grid's cells.
struct Cells {
  std::vector<double> x, y, demand;
  double x0 = 0, y0 = 0;  // window's top-left corner
  int cols = 0, rows = 0;
};

Cells make_cells(int n, int col0, int row0, int cols, int rows) {
  Cells c;
  c.cols = cols;
  c.rows = rows;
  c.x0 = kOriginX + col0 * kCell;
  c.y0 = kOriginY - row0 * kCell;
  bench::Density density;
  size_t count = size_t(cols) * rows;
  c.x.reserve(count), c.y.reserve(count), c.demand.reserve(count);
  for (int r = row0; r < row0 + rows; ++r) {
    for (int col = col0; col < col0 + cols; ++col) {
      c.x.push_back(kOriginX + (col + 0.5) * kCell);
      c.y.push_back(kOriginY - (r + 0.5) * kCell);
      c.demand.push_back(density.at((col + 0.5) / n, (r + 0.5) / n, uint64_t(r) * n + col));
    }
  }
  return c;
}

// The window's cells aggregated to coarse cells (as the planner does for
// candidates and for p-median demand), coarse-row-major.
struct Coarse {
  int cols = 0, rows = 0;
  std::vector<double> weight;  // children
  std::vector<double> cx, cy;  // centres
  std::vector<double> mx, my;  // demand-weighted centroids (the centre when empty)
};

Coarse make_coarse(const Cells& c, double size) {
  Coarse g;
  g.cols = int(c.cols * kCell / size);
  g.rows = int(c.rows * kCell / size);
  size_t n = size_t(g.cols) * g.rows;
  g.weight.assign(n, 0.0);
  g.mx.assign(n, 0.0);
  g.my.assign(n, 0.0);
  for (int r = 0; r < c.rows; ++r) {
    for (int col = 0; col < c.cols; ++col) {
      int cc = int((col + 0.5) * kCell / size), cr = int((r + 0.5) * kCell / size);
      if (cc >= g.cols || cr >= g.rows) continue;
      size_t i = size_t(r) * c.cols + col, k = size_t(cr) * g.cols + cc;
      g.weight[k] += c.demand[i];
      g.mx[k] += c.demand[i] * c.x[i];
      g.my[k] += c.demand[i] * c.y[i];
    }
  }
  for (size_t k = 0; k < n; ++k) {
    g.cx.push_back(c.x0 + (double(k % g.cols) + 0.5) * size);
    g.cy.push_back(c.y0 - (double(k / g.cols) + 0.5) * size);
    if (g.weight[k] > 0) {
      g.mx[k] /= g.weight[k];
      g.my[k] /= g.weight[k];
    } else {
      g.mx[k] = g.cx[k];
      g.my[k] = g.cy[k];
    }
  }
  return g;
}

// Candidates: centres of coarse cells. "top" takes the `count` holding the
// most children, as the planner generates them; "sample" draws `count`
// without replacement with probability proportional to their children
// (Efraimidis & Spirakis keys), so that towns get some too. In coarse-cell
// order either way.
struct Candidates {
  std::vector<double> x, y;
  size_t coarse_cells = 0;
};

Candidates make_candidates(const Coarse& g, const std::string& rule, int count, uint64_t seed) {
  std::vector<std::pair<double, size_t>> keys;
  for (size_t k = 0; k < g.weight.size(); ++k) {
    if (!(g.weight[k] > 0)) continue;
    keys.emplace_back(rule == "top" ? g.weight[k] : std::log(1.0 - unit(seed + k)) / g.weight[k], k);
  }
  size_t take = std::min(keys.size(), size_t(count));
  // Larger key first; ties to the lower index.
  auto first = [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  };
  std::nth_element(keys.begin(), keys.begin() + take, keys.end(), first);
  keys.resize(take);
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  Candidates out;
  out.coarse_cells = g.weight.size();
  for (const auto& [key, k] : keys) {
    out.x.push_back(g.cx[k]);
    out.y.push_back(g.cy[k]);
  }
  return out;
}

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

// Weight of the cells some candidate reaches.
double reachable(const gis::LocationProblem& pb) {
  std::vector<char> seen(pb.weight.size(), 0);
  double s = 0;
  for (const auto& r : pb.reach) {
    for (const auto& [i, c] : r) {
      if (!seen[i]) s += pb.weight[i];
      seen[i] = 1;
    }
  }
  return s;
}

// ---- Checks, independent of the solvers ------------------------------------------

// Weight of the units some site in `sites` reaches.
double coverage(const gis::LocationProblem& pb, const std::vector<int>& sites) {
  std::vector<char> covered(pb.weight.size(), 0);
  double s = 0;
  for (int j : sites) {
    for (const auto& [i, c] : pb.reach[j]) {
      if (!covered[i]) s += pb.weight[i];
      covered[i] = 1;
    }
  }
  return s;
}

// Σ_i w_i · min(current cost, nearest site in `sites`).
double median_cost(const gis::LocationProblem& pb, const std::vector<int>& sites) {
  std::vector<double> cur = pb.current_cost;
  for (int j : sites) {
    for (const auto& [i, c] : pb.reach[j]) cur[i] = std::min(cur[i], c);
  }
  double s = 0;
  for (size_t i = 0; i < cur.size(); ++i) s += pb.weight[i] * cur[i];
  return s;
}

// Total served by a capacitated solution, or -1 when its allocation breaks a
// capacity, serves a unit beyond its weight or serves from outside reach.
double served(const gis::LocationProblem& pb, const gis::LocationSolution& sol) {
  if (sol.allocation.size() != sol.sites.size()) return -1;
  std::vector<double> got(pb.weight.size(), 0.0);
  double total = 0;
  for (size_t k = 0; k < sol.sites.size(); ++k) {
    const auto& reach = pb.reach[sol.sites[k]];
    double at_site = 0;
    for (const auto& [i, amount] : sol.allocation[k]) {
      bool in_reach = std::any_of(reach.begin(), reach.end(), [&](const gis::Neighbour& n) { return n.first == i; });
      if (!in_reach || amount < 0) return -1;
      got[i] += amount;
      at_site += amount;
    }
    if (at_site > pb.capacity[sol.sites[k]] + 1e-6) return -1;
    total += at_site;
  }
  for (size_t i = 0; i < got.size(); ++i) {
    if (got[i] > pb.weight[i] + 1e-6) return -1;
  }
  return total;
}

// Plain greedy for maximal covering: every gain recomputed at every step, ties
// to the lower index. The lazy greedy must pick the same sites.
std::vector<int> plain_greedy(const gis::LocationProblem& pb, int p) {
  std::vector<char> covered(pb.weight.size(), 0), chosen(pb.reach.size(), 0);
  std::vector<int> sites;
  for (int k = 0; k < p; ++k) {
    int best = -1;
    double best_gain = 0;
    for (size_t j = 0; j < pb.reach.size(); ++j) {
      if (chosen[j]) continue;
      double g = 0;
      for (const auto& [i, c] : pb.reach[j]) {
        if (!covered[i]) g += pb.weight[i];
      }
      if (g > best_gain) best = int(j), best_gain = g;
    }
    if (best < 0) break;
    chosen[best] = 1;
    sites.push_back(best);
    for (const auto& [i, c] : pb.reach[best]) covered[i] = 1;
  }
  return sites;
}

// The tightest of the online bounds OPT <= f(S_k) + (the p largest gains
// given S_k) over every prefix S_k of the greedy's sites (Nemhauser, Wolsey &
// Fisher 1978); the solver states it for the final S only. Also returns the
// bound at S_0 (the p largest single-site coverages).
std::pair<double, double> prefix_bound(const gis::LocationProblem& pb, const std::vector<int>& sites, int p) {
  std::vector<char> covered(pb.weight.size(), 0);
  std::vector<double> gains(pb.reach.size());
  double f = 0, best = INFINITY, first = NAN;
  for (size_t k = 0; k <= sites.size(); ++k) {
    for (size_t j = 0; j < pb.reach.size(); ++j) {
      double g = 0;
      for (const auto& [i, c] : pb.reach[j]) {
        if (!covered[i]) g += pb.weight[i];
      }
      gains[j] = g;
    }
    size_t top = std::min(gains.size(), size_t(p));
    std::nth_element(gains.begin(), gains.begin() + top, gains.end(), std::greater<>());
    double b = f;
    for (size_t t = 0; t < top; ++t) b += gains[t];
    if (k == 0) first = b;
    best = std::min(best, b);
    if (k == sites.size()) break;
    for (const auto& [i, c] : pb.reach[sites[k]]) {
      if (!covered[i]) f += pb.weight[i];
      covered[i] = 1;
    }
  }
  return {best, first};
}

// ---- Part a --------------------------------------------------------------------

int part_a(const Options& o) {
  double t0 = now();
  Cells cells = make_cells(o.size, 0, 0, o.size, o.size);
  Candidates cand = make_candidates(make_coarse(cells, o.coarse), o.rule, o.candidates, 0xA11CEull << 24);
  double t1 = now();
  long long rss_inputs = rss();
  gis::LocationProblem pb;
  double t2 = now();
  gis::PointIndex index(cells.x, cells.y);
  double t3 = now();
  pb.reach.resize(cand.x.size());
  std::vector<gis::Neighbour> hits;
  for (size_t j = 0; j < cand.x.size(); ++j) {
    index.within(cand.x[j], cand.y[j], o.reach, hits);
    pb.reach[j].assign(hits.begin(), hits.end());
  }
  double t4 = now();
  long long rss_reach = rss();
  pb.weight = cells.demand;
  const double total = sum(pb.weight), within_reach = reachable(pb);
  const size_t pairs = pb.pairs();
  std::printf(
      "cells=%zu\ncandidates=%zu\ncoarse_cells=%zu\ngenerate_seconds=%.6f\nindex_seconds=%.6f\n"
      "query_seconds=%.6f\npairs=%zu\ndemand_total=%.17g\ndemand_reachable=%.17g\nrss_inputs=%lld\n"
      "rss_reach=%lld\n",
      cells.x.size(), cand.x.size(), cand.coarse_cells, t1 - t0, t3 - t2, t4 - t3, pairs, total, within_reach,
      rss_inputs, rss_reach);
  gis::SolveOptions so;
  so.solver = gis::Solver::greedy;
  std::vector<gis::LocationSolution> sols;
  for (int p : o.ps) {
    // Fastest of three solves: each takes milliseconds, so one is at the
    // mercy of other work on the machine.
    double best = INFINITY;
    gis::LocationSolution sol;
    for (int rep = 0; rep < 3; ++rep) {
      double s0 = now();
      sol = gis::max_coverage(pb, p, so);
      best = std::min(best, now() - s0);
    }
    std::printf(
        "p%d_seconds=%.6f\np%d_sites=%zu\np%d_objective=%.17g\np%d_bound=%.17g\np%d_gap=%.17g\n"
        "p%d_optimal=%d\np%d_first_gain=%.17g\np%d_last_gain=%.17g\np%d_check=%.17g\n",
        p, best, p, sol.sites.size(), p, sol.objective, p, sol.bound, p, sol.gap, p, int(sol.optimal), p,
        sol.gain.empty() ? 0.0 : sol.gain.front(), p, sol.gain.empty() ? 0.0 : sol.gain.back(), p,
        coverage(pb, sol.sites));
    sols.push_back(std::move(sol));
  }
  // Peak memory is taken before the benchmark's own bounds, which are not
  // part of the solve.
  std::printf("rss=%lld\n", peak_rss());
  for (size_t k = 0; k < o.ps.size(); ++k) {
    double b0 = now();
    auto [tight, first] = prefix_bound(pb, sols[k].sites, o.ps[k]);
    const double seconds = now() - b0;
    const bool same = plain_greedy(pb, o.ps[k]) == sols[k].sites;
    std::printf("p%d_prefix_bound=%.17g\np%d_top_singles=%.17g\np%d_prefix_seconds=%.6f\np%d_plain_greedy_same=%d\n",
                o.ps[k], tight, o.ps[k], first, o.ps[k], seconds, o.ps[k], int(same));
  }
  return 0;
}

// ---- Part b --------------------------------------------------------------------

// The problems of part b, in the order they are solved and reported.
struct Problem {
  std::string key;  // prefix of the key=value lines
  enum Kind { coverage, median, capacitated } kind;
  int p;
  double capacity;      // capacitated only
  bool coarse = false;  // median only: the planner's instance (coarse demand, reach = the cap)
  std::string label;
};

std::vector<Problem> problems(const Options& o) {
  std::vector<Problem> out = {
      {"mc10", Problem::coverage, 10, 0, false, "max coverage p=10"},
      {"mc25", Problem::coverage, 25, 0, false, "max coverage p=25"},
      {"pm10", Problem::median, 10, 0, false, fmt::format("p-median p=10, current {:g} m", o.cost_cap)},
      {"pm10coarse", Problem::median, 10, 0, true, "p-median p=10, planner's"}};
  for (double c : o.capacities) {
    out.push_back(
        {fmt::format("cap10c{:g}", c), Problem::capacitated, 10, c, false, fmt::format("capacitated p=10, C={:g}", c)});
  }
  return out;
}

void print_solution(const std::string& name, const gis::LocationSolution& s, double check) {
  std::printf(
      "%s_objective=%.17g\n%s_bound=%.17g\n%s_gap=%.17g\n%s_optimal=%d\n%s_timed_out=%d\n%s_seconds=%.6f\n"
      "%s_sites=%zu\n%s_check=%.17g\n%s_solver=%s\n",
      name.c_str(), s.objective, name.c_str(), s.bound, name.c_str(), s.gap, name.c_str(), int(s.optimal), name.c_str(),
      int(s.timed_out), name.c_str(), s.seconds, name.c_str(), s.sites.size(), name.c_str(), check, name.c_str(),
      s.solver.c_str());
  std::fflush(stdout);
}

int part_b(const Options& o) {
  Cells cells = make_cells(o.size, o.win_col, o.win_row, o.win_cols, o.win_rows);
  const Coarse coarse = make_coarse(cells, o.coarse);
  Candidates cand = make_candidates(coarse, o.rule, o.b_candidates, 0xB0B0ull << 24);
  // Coverage, capacitated coverage and the first p-median: the cells within
  // the reach of each candidate; every cell's current cost is the cap.
  gis::LocationProblem fine;
  {
    gis::PointIndex index(cells.x, cells.y);
    fine.reach.resize(cand.x.size());
    for (size_t j = 0; j < cand.x.size(); ++j) index.within(cand.x[j], cand.y[j], o.reach, fine.reach[j]);
  }
  fine.weight = cells.demand;
  fine.current_cost.assign(cells.demand.size(), o.cost_cap);
  double before = 0;
  for (size_t i = 0; i < fine.weight.size(); ++i) before += fine.weight[i] * fine.current_cost[i];
  std::printf(
      "cells=%zu\ncandidates=%zu\ncoarse_cells=%zu\npairs=%zu\ndemand_total=%.17g\ndemand_reachable=%.17g\n"
      "pm10_before=%.17g\n",
      cells.x.size(), cand.x.size(), cand.coarse_cells, fine.pairs(), sum(fine.weight), reachable(fine), before);
  std::fflush(stdout);

  // The planner's p-median instance: demand aggregated to the coarse cells
  // (at their demand-weighted centroids), a candidate reaching those within
  // the cap, and each one's current cost the distance to the nearest
  // existing facility, capped. Existing facilities: placed in proportion to
  // demand, as many a cell as in bench_access (5,000 a million cells).
  gis::LocationProblem pbc;
  {
    std::vector<double> fx, fy, cum;
    double acc = 0;
    for (double d : cells.demand) cum.push_back(acc += d);
    int existing = int(std::lround(0.005 * double(cells.demand.size())));
    for (int j = 0; j < existing; ++j) {
      uint64_t key = 0xE715ull * 1000003ull + uint64_t(j) * 3;
      size_t i =
          std::min(size_t(std::upper_bound(cum.begin(), cum.end(), unit(key) * acc) - cum.begin()), cum.size() - 1);
      fx.push_back(cells.x[i] + (unit(key + 1) - 0.5) * kCell);
      fy.push_back(cells.y[i] + (unit(key + 2) - 0.5) * kCell);
    }
    gis::PointIndex existing_index(fx, fy);
    std::vector<double> ux, uy;
    std::vector<gis::Neighbour> near;
    for (size_t k = 0; k < coarse.weight.size(); ++k) {
      if (!(coarse.weight[k] > 0)) continue;
      ux.push_back(coarse.mx[k]);
      uy.push_back(coarse.my[k]);
      pbc.weight.push_back(coarse.weight[k]);
      existing_index.within(ux.back(), uy.back(), o.cost_cap, near);
      double d = o.cost_cap;
      for (const auto& [j, dist] : near) d = std::min(d, dist);
      pbc.current_cost.push_back(d);
    }
    gis::PointIndex units(ux, uy);
    pbc.reach.resize(cand.x.size());
    for (size_t j = 0; j < cand.x.size(); ++j) units.within(cand.x[j], cand.y[j], o.cost_cap, pbc.reach[j]);
    double before_c = 0, mean = 0;
    for (size_t i = 0; i < pbc.weight.size(); ++i) before_c += pbc.weight[i] * pbc.current_cost[i];
    mean = before_c / sum(pbc.weight);
    std::printf(
        "pm10coarse_before=%.17g\ncoarse_existing=%d\ncoarse_units=%zu\ncoarse_pairs=%zu\ncoarse_before=%.17g\ncoarse_"
        "mean_cost=%.17g\n",
        before_c, existing, pbc.weight.size(), pbc.pairs(), before_c, mean);
  }

  gis::SolveOptions greedy, exact;
  greedy.solver = gis::Solver::greedy;
  exact.solver = gis::Solver::exact;
  exact.time_limit_s = o.time_limit;
  for (const Problem& pr : problems(o)) {
    const gis::LocationProblem& pb = pr.coarse ? pbc : fine;
    fine.capacity.assign(cand.x.size(), pr.capacity);
    auto solve = [&](const gis::SolveOptions& so) {
      switch (pr.kind) {
        case Problem::coverage:
          return gis::max_coverage(pb, pr.p, so);
        case Problem::median:
          return gis::p_median(pb, pr.p, so);
        case Problem::capacitated:
          return gis::max_capacitated_coverage(pb, pr.p, so);
      }
      throw gis::Error(gis::as_is("unknown problem"));
    };
    // The objective recomputed from the sites (and, for capacitated
    // coverage, the allocation checked), independently of the solver.
    auto check = [&](const gis::LocationSolution& sol) {
      switch (pr.kind) {
        case Problem::coverage:
          return coverage(pb, sol.sites);
        case Problem::median:
          return median_cost(pb, sol.sites);
        case Problem::capacitated:
          return served(pb, sol);
      }
      return double(NAN);
    };
    double c0 = cpu_now();
    gis::LocationSolution g = solve(greedy);
    double c1 = cpu_now();
    std::printf("%s_greedy_cpu=%.6f\n", pr.key.c_str(), c1 - c0);
    print_solution(pr.key + "_greedy", g, check(g));
    if (pr.kind == Problem::coverage) {
      std::printf("%s_plain_greedy_same=%d\n", pr.key.c_str(), int(plain_greedy(pb, pr.p) == g.sites));
    }
    c0 = cpu_now();
    gis::LocationSolution e = solve(exact);
    c1 = cpu_now();
    std::printf("%s_exact_cpu=%.6f\n", pr.key.c_str(), c1 - c0);
    print_solution(pr.key + "_exact", e, check(e));
  }
  std::printf("rss=%lld\n", peak_rss());
  return 0;
}

// ---- Driver --------------------------------------------------------------------

std::vector<std::string> forwarded(const Options& o) {
  std::string ps;
  for (int p : o.ps) ps += (ps.empty() ? "" : ",") + std::to_string(p);
  std::string capacities;
  for (double c : o.capacities) capacities += (capacities.empty() ? "" : ",") + fmt::format("{}", c);
  const std::vector<std::pair<std::string, std::string>> flags = {
      {"--size", std::to_string(o.size)},
      {"--candidates", std::to_string(o.candidates)},
      {"--p", ps},
      {"--reach", fmt::format("{}", o.reach)},
      {"--candidates-by", o.rule},
      {"--window", fmt::format("{},{},{},{}", o.win_col, o.win_row, o.win_cols, o.win_rows)},
      {"--b-candidates", std::to_string(o.b_candidates)},
      {"--time-limit", fmt::format("{}", o.time_limit)},
      {"--capacity", capacities},
      {"--cost-cap", fmt::format("{}", o.cost_cap)}};
  std::vector<std::string> out;
  for (const auto& [flag, value] : flags) {
    out.push_back(flag);
    out.push_back(value);
  }
  return out;
}

// Runs this program again with `--phase part` and returns its key=value lines.
bench::KeyValues run_part(const Options& o, const std::string& part) {
  std::vector<std::string> args = {"--phase", part};
  for (auto& a : forwarded(o)) args.push_back(a);
  return bench::run_phase(bench::self_exe(), args, "part " + part);
}

double num(const bench::KeyValues& kv, const std::string& key) { return bench::num(kv, key, "part"); }

bool close_to(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

// Returns false when a check fails.
bool report_a(const Options& o) {
  double t0 = now();
  auto a = run_part(o, "a");
  const double cells = num(a, "cells"), total = num(a, "demand_total");
  std::printf("(a) greedy maximal covering at planning scale\n");
  std::printf("    %.0f cells (%d x %d of 100 m), %.0f children; %.0f candidates: %s %.0f coarse %g m cells\n", cells,
              o.size, o.size, total, num(a, "candidates"),
              o.rule == "top" ? "the most populated of" : "drawn in proportion to children from",
              num(a, "coarse_cells"), o.coarse);
  std::printf(
      "    reach within %g m: %.0f pairs (%.1f per candidate); candidates together reach %.1f%% of the "
      "children\n",
      o.reach, num(a, "pairs"), num(a, "pairs") / num(a, "candidates"), 100 * num(a, "demand_reachable") / total);
  std::printf("    generate %.2f s; reach lists %.3f s = PointIndex over the cells %.3f s + %.0f within() %.3f s\n",
              num(a, "generate_seconds"), num(a, "index_seconds") + num(a, "query_seconds"), num(a, "index_seconds"),
              num(a, "candidates"), num(a, "query_seconds"));
  std::printf("    %5s %9s %6s %9s %11s | %11s %8s | %11s %8s\n", "p", "solve s", "sites", "covered", "objective",
              "bound", "gap", "best bound", "gap");
  bool ok = true;
  for (int p : o.ps) {
    auto k = [&](const char* s) { return num(a, fmt::format("p{}_{}", p, s)); };
    double tight = k("prefix_bound");
    std::printf("    %5d %9.4f %6.0f %8.2f%% %11.1f | %11.1f %7.2f%% | %11.1f %7.2f%%%s\n", p, k("seconds"), k("sites"),
                100 * k("objective") / total, k("objective"), k("bound"), 100 * k("gap"), tight,
                100 * (tight - k("objective")) / tight, k("optimal") ? "  (proved optimal)" : "");
    if (!close_to(k("check"), k("objective"))) {
      std::printf("    CHECK FAILED p=%d: the sites cover %.6f, the solver says %.6f\n", p, k("check"), k("objective"));
      ok = false;
    }
    if (k("plain_greedy_same") != 1) {
      std::printf("    CHECK FAILED p=%d: the lazy greedy's sites differ from a plain greedy's\n", p);
      ok = false;
    }
  }
  std::printf(
      "    bound, gap: what max_coverage reports. best bound: the benchmark's own, the tightest of\n"
      "    f(S_k) + (p largest gains given S_k) over the greedy's prefixes S_k (computed in %.2f s);\n"
      "    the sum of the p largest single-site coverages is",
      [&] {
        double t = 0;
        for (int p : o.ps) t += num(a, fmt::format("p{}_prefix_seconds", p));
        return t;
      }());
  for (int p : o.ps) std::printf(" %.1f (p=%d)", num(a, fmt::format("p{}_top_singles", p)), p);
  std::printf("\n    objectives recomputed from the sites, lazy greedy = plain greedy: %s", ok ? "OK" : "FAILED");
  std::printf("\n    peak RSS %s (inputs %s, after the reach lists %s); part a took %.1f s\n",
              mb(num(a, "rss")).c_str(), mb(num(a, "rss_inputs")).c_str(), mb(num(a, "rss_reach")).c_str(), now() - t0);
  return ok;
}

bool report_b(const Options& o) {
  double t0 = now();
  auto b = run_part(o, "b");
  const double total = num(b, "demand_total");
  std::printf("(b) greedy against exact (CBC, %g s limit each)\n", o.time_limit);
  std::printf(
      "    %.0f cells (window %d x %d at col %d, row %d), %.0f children; %.0f candidates: %s %.0f "
      "coarse cells;\n    %.0f pairs within %g m, reaching %.1f%% of the children\n",
      num(b, "cells"), o.win_cols, o.win_rows, o.win_col, o.win_row, total, num(b, "candidates"),
      o.rule == "top" ? "the most populated of" : "drawn from", num(b, "coarse_cells"), num(b, "pairs"), o.reach,
      100 * num(b, "demand_reachable") / total);
  std::printf(
      "    p-median: %g m reach over the cells, every current cost %g m; planner's: %.0f coarse %g m cells "
      "(children at\n    their centroids) within %g m, current cost = distance to the nearest of %.0f existing "
      "facilities,\n    capped at %g m (mean %.0f m): %.0f pairs\n",
      o.reach, o.cost_cap, num(b, "coarse_units"), o.coarse, o.cost_cap, num(b, "coarse_existing"), o.cost_cap,
      num(b, "coarse_mean_cost"), num(b, "coarse_pairs"));
  std::printf("    %-27s %12s %12s %8s %9s %9s  %s\n", "problem", "greedy", "exact", "gap", "greedy s", "exact s",
              "exact: solver, status, reported gap");
  bool ok = true;
  for (const Problem& r : problems(o)) {
    auto g = [&](const char* s) { return num(b, fmt::format("{}_greedy_{}", r.key, s)); };
    auto e = [&](const char* s) { return num(b, fmt::format("{}_exact_{}", r.key, s)); };
    const bool minimise = r.kind == Problem::median;
    double og = g("objective"), oe = e("objective");
    double gap = minimise ? (og - oe) / oe : (oe - og) / oe;
    std::string status = b.at(fmt::format("{}_exact_solver", r.key));
    status += e("optimal") ? ", proved optimal" : e("timed_out") ? ", time limit hit" : ", not proved optimal";
    status += fmt::format(", gap {:.3g}%", 100 * e("gap"));
    std::printf("    %-27s %12.1f %12.1f %7.3f%% %9.4f %9.3f  %s\n", r.label.c_str(), og, oe, 100 * gap, g("seconds"),
                e("seconds"), status.c_str());
    std::printf("    %-27s greedy's own bound %.1f (reported gap %.2f%%)%s\n", "", g("bound"), 100 * g("gap"),
                g("optimal") ? ", proved optimal" : "");
    if (minimise) {
      double before = num(b, r.key + "_before");
      double sg = before - og, se = before - oe;
      std::printf("    %-27s cost saved: greedy %.1f, exact %.1f; gap on the saving %.3f%%\n", "", sg, se,
                  100 * (se - sg) / se);
    }
    for (const char* which : {"greedy", "exact"}) {
      double check = num(b, fmt::format("{}_{}_check", r.key, which));
      double obj = num(b, fmt::format("{}_{}_objective", r.key, which));
      if (!close_to(check, obj)) {
        std::printf("    CHECK FAILED %s %s: recomputed %.6f, the solver says %.6f\n", r.key.c_str(), which, check,
                    obj);
        ok = false;
      }
    }
    if (r.kind == Problem::coverage && num(b, r.key + "_plain_greedy_same") != 1) {
      std::printf("    CHECK FAILED %s: the lazy greedy's sites differ from a plain greedy's\n", r.key.c_str());
      ok = false;
    }
  }
  std::printf(
      "    objectives recomputed from the sites (and allocations checked) independently: %s; lazy greedy = "
      "plain greedy: %s\n",
      ok ? "OK" : "FAILED", ok ? "OK" : "see above");
  std::printf("    peak RSS %s; part b took %.1f s\n", mb(num(b, "rss")).c_str(), now() - t0);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  try {
    if (o.phase == "a") return part_a(o);
    if (o.phase == "b") return part_b(o);
    if (!o.phase.empty() || (o.part != "all" && o.part != "a" && o.part != "b")) usage(argv[0], 2);
    bool ok = true;
    if (o.part != "b") ok = report_a(o) && ok;
    if (o.part != "a") ok = report_b(o) && ok;
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_siting: %s\n", e.what());
    return 1;
  }
}
