// The peers' maximal covering instance (../shared/bench/mclp_50k: 50,000
// cells of children, 500 candidate sites, 20 sites, 1,000 m), solved by
// gis::max_coverage with each solver setting, without the planner around it:
// the objective, the proven bound and gap, the time, and the steps taken.
//
//   bench_mclp DIR [--sites 20] [--radius 1000] [--time-limit 30] [--gap 0.005] [--solver auto|greedy|exact]
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "gis/error.h"
#include "gis/location_allocation.h"
#include "gis/point_index.h"
#include "gis/raster.h"
#include "gis/vector.h"

namespace gis = tuowei::gis;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_mclp DIR [--sites N] [--radius M] [--time-limit S] [--gap G] [--solver S]\n");
    return 2;
  }
  const std::string dir = argv[1];
  int sites = 20;
  double radius = 1000, time_limit = 30, gap = 0.005;
  std::string solver = "auto";
  for (int k = 2; k + 1 < argc; k += 2) {
    const std::string a = argv[k], v = argv[k + 1];
    if (a == "--sites") sites = std::stoi(v);
    else if (a == "--radius") radius = std::stod(v);
    else if (a == "--time-limit") time_limit = std::stod(v);
    else if (a == "--gap") gap = std::stod(v);
    else if (a == "--solver") solver = v;
  }
  try {
    const auto t0 = std::chrono::steady_clock::now();
    // Demand: the populated cells' centres.
    gis::RasterBand band = gis::RasterBand::open(dir + "/children.tif");
    const gis::Grid& g = band.grid();
    std::vector<double> values(size_t(g.cols) * g.rows), xs, ys, weight;
    band.read_rows(0, g.rows, values.data());
    for (int r = 0; r < g.rows; ++r) {
      for (int c = 0; c < g.cols; ++c) {
        const double v = values[size_t(r) * g.cols + c];
        if (band.is_nodata(v) || !(v > 0)) continue;
        xs.push_back(g.x_of(c + 0.5));
        ys.push_back(g.y_of(r + 0.5));
        weight.push_back(v);
      }
    }
    gis::PointIndex index(xs, ys);
    gis::LocationProblem pb;
    pb.weight = weight;
    const gis::VectorTable t = gis::read_vector({dir + "/candidates.csv", "", "auto", false});
    const int xf = t.require_field("x", tuowei::gis::as_is("x")), yf = t.require_field("y", tuowei::gis::as_is("y"));
    for (const auto& rec : t.records) {
      pb.reach.emplace_back();
      index.within(std::stod(*rec.values[size_t(xf)]), std::stod(*rec.values[size_t(yf)]), radius, pb.reach.back());
    }
    const double build = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    gis::SolveOptions o;
    o.solver = solver == "greedy" ? gis::Solver::greedy : solver == "exact" ? gis::Solver::exact : gis::Solver::automatic;
    o.time_limit_s = time_limit;
    o.target_gap = gap;
    const gis::LocationSolution s = gis::max_coverage(pb, sites, o);
    // The objective recomputed from the chosen sites.
    std::vector<char> covered(weight.size(), 0);
    double total = 0;
    for (int j : s.sites) {
      for (const auto& [i, d] : pb.reach[size_t(j)]) {
        if (!covered[size_t(i)]) total += weight[size_t(i)], covered[size_t(i)] = 1;
      }
    }
    fmt::print("{} cells, {} candidates, {} pairs, p = {}, {:g} m; built in {:.2f} s\n", weight.size(), pb.reach.size(),
               pb.pairs(), sites, radius, build);
    fmt::print("solver {}: {:.1f} children covered (recomputed {:.1f}), bound {:.1f}, gap {:.3f}%, {:.2f} s{}\n", s.solver,
               s.objective, total, s.bound, 100 * s.gap, s.seconds, s.timed_out ? " (time limit)" : "");
    for (const std::string& step : s.steps) fmt::print("  {}\n", step);
    return 0;
  } catch (const gis::Error& e) {
    std::fprintf(stderr, "bench_mclp: %s\n", e.what());
    return 1;
  }
}
