// Two-step floating catchment (2SFCA) over a million grid cells, against a
// plain loop over the same pairs.
//
// Generates (deterministically, in memory) the centres of an N x N grid of
// 100 m cells with a clustered, population-like density of children, and
// facilities placed with probability proportional to that density. Then runs
// three phases, each in its own process so that each one's peak RSS is its own:
//   inputs  only the generated data (the memory any analysis starts from)
//   rtree   the streamed analysis: PointIndex over the facilities, step 1
//           (within() + add_demand for every cell), finish_step1, step 2
//           (within() + accessibility for every cell)
//   plain   the same two steps over the (cell, facility) pairs found once
//           beforehand, outside the timing: the arithmetic alone
// and reports pairs found, pairs per second, times, peak memory, the ratio of
// the R-tree run to the plain loop and whether Σ P_i A_i = Σ S_j over the
// supply that some demand reaches.
//
// See bench/README.md for how to run it and the targets.
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
#include "gis/distance_decay.h"
#include "gis/error.h"
#include "gis/floating_catchment.h"
#include "gis/point_index.h"

namespace gis = tuowei::gis;
namespace bench = tuowei::bench;

namespace {

using namespace tuowei::bench;  // now, cpu_now, peak_rss, mb, num, ...

constexpr double kOriginX = 500000.0, kOriginY = 2600000.0;  // top-left corner, metres

struct Options {
  int size = 1000;
  double cell = 100.0;
  int facilities = 5000;
  double radius = 1000.0;
  std::string decay = "uniform";
  int runs = 1;
  std::string phase = "all";  // all | inputs | rtree | plain
};

[[noreturn]] void usage(const char* argv0, int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: %s [--size N] [--cell M] [--facilities N] [--radius R] [--decay KIND] [--runs N]\n"
               "  --size N        grid of N x N demand cells (default 1000)\n"
               "  --cell M        cell size in metres (default 100)\n"
               "  --facilities N  facilities (default 5000)\n"
               "  --radius R      catchment radius d0 in metres (default 1000)\n"
               "  --decay KIND    uniform | stepwise | gaussian | power (default uniform)\n"
               "  --runs N        run the rtree and plain phases N times each, alternating; report the fastest\n",
               argv0);
  std::exit(code);
}

Options parse(int argc, char** argv) {
  Options o;
  bench::Args args(argc, argv, usage);
  while (args.next()) {
    const std::string& a = args.flag();
    if (a == "--size")
      o.size = std::stoi(args.value());
    else if (a == "--cell")
      o.cell = std::stod(args.value());
    else if (a == "--facilities")
      o.facilities = std::stoi(args.value());
    else if (a == "--radius")
      o.radius = std::stod(args.value());
    else if (a == "--decay")
      o.decay = args.value();
    else if (a == "--runs")
      o.runs = std::stoi(args.value());
    else if (a == "--phase")
      o.phase = args.value();
    else
      args.unmatched();
  }
  if (o.size < 10 || !(o.cell > 0) || o.facilities < 1 || !(o.radius > 0) || o.runs < 1) usage(argv[0], 2);
  return o;
}

// ---- Deterministic data --------------------------------------------------------
// The density is bench::Density, shared with bench_siting.

struct Inputs {
  int n = 0;  // cells per side
  double cell = 0;
  std::vector<double> demand;  // row-major, row 0 at the top
  std::vector<double> fx, fy, supply;
  double cx(int col) const { return kOriginX + (col + 0.5) * cell; }
  double cy(int row) const { return kOriginY - (row + 0.5) * cell; }
};

Inputs make_inputs(const Options& o) {
  Inputs in;
  in.n = o.size;
  in.cell = o.cell;
  const int n = o.size;
  const double area_scale = (o.cell * o.cell) / 1e4;  // density is per 100 m cell
  bench::Density density;
  in.demand.resize(size_t(n) * n);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      size_t k = size_t(r) * n + c;
      in.demand[k] = area_scale * density.at((c + 0.5) / n, (r + 0.5) / n, k);
    }
  }
  // Facilities: a cell drawn with probability proportional to its demand,
  // then a uniform point inside it; 30 to 150 places each.
  std::vector<double> cum(in.demand.size());
  double acc = 0;
  for (size_t k = 0; k < cum.size(); ++k) cum[k] = acc += in.demand[k];
  for (int j = 0; j < o.facilities; ++j) {
    uint64_t key = 0xFAC1u * 1000003ull + uint64_t(j) * 4;
    size_t k = size_t(std::upper_bound(cum.begin(), cum.end(), unit(key) * acc) - cum.begin());
    k = std::min(k, cum.size() - 1);
    int r = int(k / n), c = int(k % n);
    in.fx.push_back(kOriginX + (c + unit(key + 1)) * o.cell);
    in.fy.push_back(kOriginY - (r + unit(key + 2)) * o.cell);
    in.supply.push_back(30.0 + std::floor(121.0 * unit(key + 3)));
  }
  return in;
}

gis::DistanceDecay make_decay(const Options& o) {
  gis::DistanceDecay d;
  using Kind = gis::DistanceDecay::Kind;
  d.kind = o.decay == "stepwise" ? Kind::stepwise : o.decay == "gaussian" ? Kind::gaussian
           : o.decay == "power"  ? Kind::power    : Kind::uniform;
  d.threshold = o.radius;
  if (d.kind == gis::DistanceDecay::Kind::stepwise) d.steps = gis::DistanceDecay::default_steps(o.radius);
  d.validate();
  return d;
}

// ---- Phases --------------------------------------------------------------------

int phase_inputs(const Options& o) {
  double t0 = now();
  Inputs in = make_inputs(o);
  double t1 = now();
  const long long rss = peak_rss();  // before the statistics' scratch copy
  double total = 0, places = 0, dmax = 0;
  for (double d : in.demand) total += d, dmax = std::max(dmax, d);
  for (double s : in.supply) places += s;
  // Share of the demand in the densest tenth of the cells.
  std::vector<double> sorted = in.demand;
  size_t tenth = sorted.size() / 10;
  std::nth_element(sorted.begin(), sorted.begin() + tenth, sorted.end(), std::greater<>());
  double top = 0;
  for (size_t k = 0; k < tenth; ++k) top += sorted[k];
  std::printf(
      "generate_seconds=%.6f\ndemand_total=%.17g\ndemand_max=%.17g\ntop_decile_share=%.6f\nplaces=%.17g\n"
      "rss=%lld\n",
      t1 - t0, total, dmax, top / total, places, rss);
  return 0;
}

struct StepTotals {
  double sum_pa = 0, sum_a = 0;
  long long reached = 0;
};

void print_totals(const gis::FloatingCatchment& fca, const StepTotals& t) {
  long long ratios = 0;
  for (double r : fca.ratio()) ratios += !std::isnan(r);
  std::printf("sum_pa=%.17g\nsum_a=%.17g\ncells_reached=%lld\nsupply_reached=%.17g\nfacilities_reached=%lld\n",
              t.sum_pa, t.sum_a, t.reached, fca.supply_reached(), ratios);
}

int phase_rtree(const Options& o) {
  Inputs in = make_inputs(o);
  gis::DistanceDecay decay = make_decay(o);
  const int n = in.n;
  double t0 = now(), c0 = cpu_now();
  gis::PointIndex index(in.fx, in.fy);
  double t1 = now(), c1 = cpu_now();
  gis::FloatingCatchment fca(in.supply, decay);
  std::vector<gis::Neighbour> reach;
  long long pairs1 = 0, pairs2 = 0;
  for (int r = 0; r < n; ++r) {
    const double y = in.cy(r);
    for (int c = 0; c < n; ++c) {
      index.within(in.cx(c), y, decay.threshold, reach);
      pairs1 += (long long)reach.size();
      fca.add_demand(in.demand[size_t(r) * n + c], reach);
    }
  }
  double t2 = now(), c2 = cpu_now();
  fca.finish_step1();
  double t3 = now(), c3 = cpu_now();
  StepTotals tot;
  for (int r = 0; r < n; ++r) {
    const double y = in.cy(r);
    for (int c = 0; c < n; ++c) {
      index.within(in.cx(c), y, decay.threshold, reach);
      pairs2 += (long long)reach.size();
      double a = fca.accessibility(reach);
      if (!std::isnan(a)) {
        tot.sum_pa += in.demand[size_t(r) * n + c] * a;
        tot.sum_a += a;
        ++tot.reached;
      }
    }
  }
  double t4 = now(), c4 = cpu_now();
  std::printf(
      "build_seconds=%.6f\nbuild_cpu=%.6f\nstep1_seconds=%.6f\nstep1_cpu=%.6f\nfinish_seconds=%.6f\n"
      "step2_seconds=%.6f\nstep2_cpu=%.6f\ntotal_seconds=%.6f\ntotal_cpu=%.6f\npairs1=%lld\npairs2=%lld\n",
      t1 - t0, c1 - c0, t2 - t1, c2 - c1, t3 - t2, t4 - t3, c4 - c3, t4 - t0, c4 - c0, pairs1, pairs2);
  print_totals(fca, tot);
  std::printf("rss=%lld\n", peak_rss());
  return 0;
}

int phase_plain(const Options& o) {
  Inputs in = make_inputs(o);
  gis::DistanceDecay decay = make_decay(o);
  const size_t cells = in.demand.size();
  const int n = in.n;
  // The pairs, found once and kept per cell (as a cost table keeps them per
  // origin); not timed.
  double t0 = now();
  std::vector<std::vector<gis::Neighbour>> pairs(cells);
  long long count = 0;
  {
    gis::PointIndex index(in.fx, in.fy);
    std::vector<gis::Neighbour> reach;
    for (int r = 0; r < n; ++r) {
      for (int c = 0; c < n; ++c) {
        index.within(in.cx(c), in.cy(r), decay.threshold, reach);
        pairs[size_t(r) * n + c].assign(reach.begin(), reach.end());
        count += (long long)reach.size();
      }
    }
  }
  double t1 = now(), c1 = cpu_now();
  gis::FloatingCatchment fca(in.supply, decay);
  for (size_t k = 0; k < cells; ++k) fca.add_demand(in.demand[k], pairs[k]);
  fca.finish_step1();
  double t2 = now(), c2 = cpu_now();
  StepTotals tot;
  for (size_t k = 0; k < cells; ++k) {
    double a = fca.accessibility(pairs[k]);
    if (!std::isnan(a)) {
      tot.sum_pa += in.demand[k] * a;
      tot.sum_a += a;
      ++tot.reached;
    }
  }
  double t3 = now(), c3 = cpu_now();
  std::printf(
      "precompute_seconds=%.6f\nstep1_seconds=%.6f\nstep1_cpu=%.6f\nstep2_seconds=%.6f\nstep2_cpu=%.6f\n"
      "total_seconds=%.6f\ntotal_cpu=%.6f\npairs=%lld\n",
      t1 - t0, t2 - t1, c2 - c1, t3 - t2, c3 - c2, t3 - t1, c3 - c1, count);
  print_totals(fca, tot);
  std::printf("rss=%lld\n", peak_rss());
  return 0;
}

// Runs this program again with `--phase phase` and returns its key=value lines.
bench::KeyValues run_phase(const Options& o, const std::string& phase) {
  std::vector<std::string> args = {"--phase", phase};
  for (const auto& [flag, value] :
       std::vector<std::pair<std::string, std::string>>{{"--size", std::to_string(o.size)},
                                                        {"--cell", fmt::format("{}", o.cell)},
                                                        {"--facilities", std::to_string(o.facilities)},
                                                        {"--radius", fmt::format("{}", o.radius)},
                                                        {"--decay", o.decay}}) {
    args.push_back(flag);
    args.push_back(value);
  }
  return bench::run_phase(bench::self_exe(), args, "phase " + phase);
}

// Relative error of Σ P_i A_i against Σ S_j over reached supply.
double conservation_error(const bench::KeyValues& kv) {
  double s = num(kv, "supply_reached");
  return std::fabs(num(kv, "sum_pa") - s) / std::max(1e-300, std::fabs(s));
}

int phase_all(const Options& o) {
  gis::DistanceDecay decay = make_decay(o);
  const double cells = double(o.size) * o.size;
  auto in = run_phase(o, "inputs");
  std::printf(
      "grid        %d x %d cells of %g m (%.2f M), %.0f x %.0f km; children %.0f (max %.1f a cell, "
      "densest 10%% of cells hold %.0f%%)\n",
      o.size, o.size, o.cell, cells / 1e6, o.size * o.cell / 1000, o.size * o.cell / 1000, num(in, "demand_total"),
      num(in, "demand_max"), 100 * num(in, "top_decile_share"));
  std::printf("facilities  %d placed in proportion to demand, %.0f places; catchment %s\n", o.facilities,
              num(in, "places"), decay.describe().c_str());
  std::printf("inputs      generated in %.2f s, peak RSS %s\n", num(in, "generate_seconds"),
              mb(num(in, "rss")).c_str());

  bench::KeyValues best_rtree, best_plain;
  for (int run = 0; run < o.runs; ++run) {
    auto r = run_phase(o, "rtree");
    if (best_rtree.empty() || num(r, "total_cpu") < num(best_rtree, "total_cpu")) best_rtree = r;
    auto p = run_phase(o, "plain");
    if (best_plain.empty() || num(p, "total_cpu") < num(best_plain, "total_cpu")) best_plain = p;
    if (o.runs > 1) {
      std::printf("run %-7d rtree %.3f s (cpu %.3f s), plain %.4f s (cpu %.4f s)\n", run + 1, num(r, "total_seconds"),
                  num(r, "total_cpu"), num(p, "total_seconds"), num(p, "total_cpu"));
    }
  }
  const auto& R = best_rtree;
  const auto& P = best_plain;
  const double pairs = num(R, "pairs1");
  const double tr = num(R, "total_seconds"), cr = num(R, "total_cpu");
  const double tp = num(P, "total_seconds"), cp = num(P, "total_cpu");
  std::printf("pairs       %.0f (cell, facility) pairs within %g m in each step, %.2f per cell, %.0f per facility\n",
              pairs, o.radius, pairs / cells, pairs / o.facilities);
  std::printf("rtree       build %.3f s, step 1 %.3f s, finish %.4f s, step 2 %.3f s\n", num(R, "build_seconds"),
              num(R, "step1_seconds"), num(R, "finish_seconds"), num(R, "step2_seconds"));
  std::printf(
      "            total %.3f s wall, %.3f s cpu; %.1f M pairs/s, %.2f M cells/s (both steps, wall); "
      "peak RSS %s\n",
      tr, cr, 2 * pairs / tr / 1e6, 2 * cells / tr / 1e6, mb(num(R, "rss")).c_str());
  std::printf(
      "plain loop  step 1 %.4f s, step 2 %.4f s, total %.4f s wall, %.4f s cpu; %.1f M pairs/s; peak RSS %s "
      "(pairs found beforehand in %.2f s)\n",
      num(P, "step1_seconds"), num(P, "step2_seconds"), tp, cp, 2 * pairs / tp / 1e6, mb(num(P, "rss")).c_str(),
      num(P, "precompute_seconds"));
  std::printf("ratio       rtree / plain loop = %.1f wall, %.1f cpu\n", tr / tp, cr / cp);
  const bool time_ok = tr < 5.0;
  const bool mem_ok = num(R, "rss") < 1024.0 * (1 << 20);
  std::printf("targets     time %.2f s (target < 5 s)  %s;  memory %s (target < 1024 MB)  %s\n", tr,
              time_ok ? "MET" : "MISSED", mb(num(R, "rss")).c_str(), mem_ok ? "MET" : "MISSED");
  bool ok = true;
  if (num(R, "pairs2") != pairs || num(P, "pairs") != pairs) {
    std::printf("MISMATCH    pairs: step 1 %.0f, step 2 %.0f, precomputed %.0f\n", pairs, num(R, "pairs2"),
                num(P, "pairs"));
    ok = false;
  }
  const double er = conservation_error(R), ep = conservation_error(P);
  const bool conserved = er <= 1e-9 && ep <= 1e-9;
  std::printf(
      "conserved   sum P_i A_i = %.10g, sum S_j over reached supply = %.10g (%.0f of %d facilities), "
      "relative error %.1e (plain loop %.1e)  %s\n",
      num(R, "sum_pa"), num(R, "supply_reached"), num(R, "facilities_reached"), o.facilities, er, ep,
      conserved ? "OK" : "FAILED");
  const bool same = R.at("sum_a") == P.at("sum_a") && R.at("sum_pa") == P.at("sum_pa");
  std::printf("same        %.0f of %.0f cells reach a facility; sum of A_i %s in both runs  %s\n",
              num(R, "cells_reached"), cells, R.at("sum_a").c_str(), same ? "OK" : "DIFFERENT");
  return conserved && same && ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  try {
    if (o.phase == "all") return phase_all(o);
    if (o.phase == "inputs") return phase_inputs(o);
    if (o.phase == "rtree") return phase_rtree(o);
    if (o.phase == "plain") return phase_plain(o);
    usage(argv[0], 2);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_access: %s\n", e.what());
    return 1;
  }
}
