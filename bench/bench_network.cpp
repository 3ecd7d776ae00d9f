// Walking distances on the demo's street network: the graph built from
// streets.osm.pbf, the demo's populated cells snapped to it, and bounded
// searches (300 m and 1,000 m) from a few hundred of them, against the
// straight-line reach lists of the same sources (CellPoints::within).
//
//   bench_network [--demo DIR] [--sources N] [--threads N]
//
// DIR is the output of tuowei-demo-data (default demo-data). Cells are those
// with residents in the 1-4 year layer for girls (chn_f_1_2020.tif); sources
// are the most populated cells within 200 m of a street (where nurseries
// would be). Prints times and reach counts.
#include <fmt/format.h>

#include <fstream>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "gis/cell_points.h"
#include "gis/crs.h"
#include "gis/error.h"
#include "gis/parallel.h"
#include "gis/raster.h"
#include "gis/street_network.h"

namespace gis = tuowei::gis;
namespace bench = tuowei::bench;

namespace {

struct Options {
  std::string demo = "demo-data";
  int sources = 400;
  int threads = 0;
};

[[noreturn]] void usage(const char* argv0, int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: %s [--demo DIR] [--sources N] [--threads N]\n"
               "  --demo DIR     the demo data written by tuowei-demo-data (default demo-data)\n"
               "  --sources N    search sources (default 400)\n"
               "  --threads N    threads (default: gis::thread_count())\n",
               argv0);
  std::exit(code);
}

Options parse(int argc, char** argv) {
  Options o;
  bench::Args args(argc, argv, usage);
  while (args.next()) {
    const std::string& a = args.flag();
    if (a == "--demo")
      o.demo = args.value();
    else if (a == "--sources")
      o.sources = std::stoi(args.value());
    else if (a == "--threads")
      o.threads = std::stoi(args.value());
    else
      args.unmatched();
  }
  return o;
}

size_t pairs(const std::vector<std::vector<gis::Neighbour>>& reach) {
  size_t n = 0;
  for (const auto& r : reach) n += r.size();
  return n;
}

int run(const Options& o) {
  if (o.threads > 0) gis::set_thread_count(o.threads);
  const gis::Crs metric = gis::metric_crs_for(108.3, 22.8);

  // The populated cells, as metric points.
  double t = bench::now();
  const gis::RasterBand band = gis::RasterBand::open(o.demo + "/population/chn_f_1_2020.tif");
  const gis::Grid& grid = band.grid();
  gis::CellPoints cells(grid, gis::Crs::wgs84(), metric);
  constexpr int kStrip = 256;
  std::vector<double> values;
  std::vector<unsigned char> keep;
  std::vector<double> weight;  // residents of the layer, per kept cell
  for (int r0 = 0; r0 < grid.rows; r0 += kStrip) {
    const int n = std::min(kStrip, grid.rows - r0);
    values.resize(size_t(n) * size_t(grid.cols));
    keep.resize(values.size());
    band.read_rows(r0, n, values.data());
    for (size_t i = 0; i < values.size(); ++i) keep[i] = !band.is_nodata(values[i]) && values[i] > 0;
    for (size_t i = 0; i < values.size(); ++i)
      if (keep[i]) weight.push_back(values[i]);
    cells.add_rows(r0, n, keep.data());
  }
  cells.finish();
  gis::Box box{1e300, 1e300, -1e300, -1e300};
  std::vector<double> x(cells.size()), y(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    x[i] = cells.x(i);
    y[i] = cells.y(i);
    box = {std::min(box.xmin, x[i]), std::min(box.ymin, y[i]), std::max(box.xmax, x[i]), std::max(box.ymax, y[i])};
  }
  box = {box.xmin - 1000, box.ymin - 1000, box.xmax + 1000, box.ymax + 1000};
  fmt::print("cells: {} populated, read in {:.2f} s ({} threads)\n", cells.size(), bench::now() - t,
             gis::thread_count());

  t = bench::now();
  const gis::StreetNetwork network = gis::read_street_network(o.demo + "/streets.osm.pbf", metric, box);
  const auto& st = network.stats();
  fmt::print("graph: {} vertices, {} edges, {} components, {} of {} ways kept, box {:.0f}% covered, built in {:.2f} s\n",
             network.vertex_count(), network.edge_count(), network.component_count(), st.ways_kept, st.ways_read,
             100 * st.box_covered, bench::now() - t);

  t = bench::now();
  const gis::SnappedTargets targets(network, network.snap_all(x, y, 200));
  fmt::print("snap: {} cells, {} within 200 m of a street, {} unreachable, {:.2f} s\n", targets.size(),
             targets.size() - targets.unreachable_count(), targets.unreachable_count(), bench::now() - t);

  std::vector<size_t> reachable;
  double weight_all = 0, weight_reachable = 0;
  for (size_t i = 0; i < targets.size(); ++i) {
    weight_all += weight[i];
    if (targets.point(i).reachable()) {
      reachable.push_back(i);
      weight_reachable += weight[i];
    }
  }
  fmt::print("snap: {:.1f}% of the layer's residents live in cells within 200 m of a street\n",
             100 * weight_reachable / weight_all);
  if (reachable.empty()) throw gis::Error(gis::as_is("no cell lies within 200 m of a street"));
  std::vector<gis::SnappedPoint> sources;
  std::vector<size_t> source_cell;
  // Where nurseries would be: the most populated reachable cells (ties by index).
  std::vector<size_t> by_weight = reachable;
  std::stable_sort(by_weight.begin(), by_weight.end(), [&](size_t a, size_t b) { return weight[a] > weight[b]; });
  by_weight.resize(std::min(by_weight.size(), size_t(o.sources)));
  std::sort(by_weight.begin(), by_weight.end());
  for (size_t i : by_weight) {
    sources.push_back(targets.point(i));
    source_cell.push_back(i);
  }
  // TUOWEI_BENCH_SOURCES=FILE: the sources' WGS84 positions (lon,lat), for
  // the same searches in another tool (bench/osmnx_compare.py).
  if (const char* file = std::getenv("TUOWEI_BENCH_SOURCES")) {
    std::ofstream out(file);
    const gis::CoordinateTransform to_wgs(metric, gis::Crs::wgs84());
    out.precision(10);
    for (size_t i : source_cell) {
      double x = cells.x(i), y = cells.y(i);
      to_wgs.apply(x, y);
      out << x << ',' << y << '\n';
    }
  }

  for (double radius : {300.0, 1000.0}) {
    t = bench::now();
    const auto reach = gis::network_within(network, sources, targets, radius);
    const double network_s = bench::now() - t;
    t = bench::now();
    std::vector<std::vector<gis::Neighbour>> straight(sources.size());
    gis::parallel_for(sources.size(), 4, [&](size_t b, size_t e, int) {
      for (size_t i = b; i < e; ++i) cells.within(x[source_cell[i]], y[source_cell[i]], radius, straight[i]);
    });
    const double straight_s = bench::now() - t;
    fmt::print("{:>5.0f} m: {} sources, network {:.3f} s ({:.2f} ms a source, {} cells reached), straight line "
               "{:.3f} s ({} cells); network reaches {:.0f}% of the straight line's cells\n",
               radius, sources.size(), network_s, 1000 * network_s / double(sources.size()), pairs(reach),
               straight_s, pairs(straight), 100.0 * double(pairs(reach)) / double(std::max<size_t>(1, pairs(straight))));
  }

  // One isochrone: the cells within 1,000 m of the first source, as polygons.
  t = bench::now();
  const auto one = gis::network_within(network, {sources.front()}, targets, 1000);
  std::vector<std::pair<int, int>> reached;
  for (const auto& [i, d] : one.front()) reached.emplace_back(cells.row(size_t(i)), cells.col(size_t(i)));
  const OGRGeometryUniquePtr polygon = gis::reached_cells_polygon(grid, reached);
  fmt::print("isochrone: {} cells within 1000 m of one source as polygons in {:.3f} s\n", reached.size(),
             bench::now() - t);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_network: %s\n", e.what());
    return 1;
  }
}
