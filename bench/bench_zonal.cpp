// Zonal sums against the cost of just reading the raster.
//
// Generates (once, cached in the work dir) a large Float32 GeoTIFF in
// EPSG:4545 and a partition of it into township-like polygons, then runs
// three phases, each in its own process so that each one's peak RSS is its
// own:
//   read   RasterBand::read_rows over every strip zonal_sums reads, on one
//          thread: the plain read that the zonal sums are measured against
//   read   the same on every core (GDAL decoding blocks in parallel): the floor
//   zonal  zonal_sums over the same raster and strips, on every core
// and reports cells per second, peak memory, the zonal / read ratios and
// whether the zones' sums add up to the raster's total.
//
// See bench/README.md for how to run it and the targets.
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_common.h"
#include "gis/atomic_file.h"
#include "gis/coverage.h"
#include "gis/error.h"
#include "gis/gdal_env.h"
#include "gis/parallel.h"
#include "gis/raster.h"
#include "gis/zonal.h"

namespace fs = std::filesystem;
namespace gis = tuowei::gis;
namespace bench = tuowei::bench;

namespace {

using namespace tuowei::bench;  // now, cpu_now, peak_rss, mb, num, ...

// Bump when the generated raster changes, so cached files are rebuilt.
constexpr const char* kFormat = "2";
constexpr double kCellSize = 10.0;  // metres
constexpr double kOriginX = 400000.0, kOriginY = 2600000.0;
constexpr float kNodata = -9999.0f;
constexpr int kTile = 256;

struct Options {
  int size = 20000;
  int zones = 1024;
  std::string workdir = "/tmp/tuowei-bench";
  std::string phase = "all";  // all | generate | read | zonal
  int runs = 1;
  int threads = 0;  // 0: gis::thread_count()'s default (every core)
  std::string project;  // --write-project: a tuowei project over the raster, written here
  int facilities = 5000;
};

[[noreturn]] void usage(const char* argv0, int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: %s [--size N] [--zones N] [--workdir DIR] [--runs N] [--threads N]\n"
               "  --size N     raster of N x N cells (default 20000)\n"
               "  --zones N    about N polygons tiling it (a k x k lattice, k = ceil(sqrt(N)); default 1024)\n"
               "  --workdir D  where the generated raster is cached (default /tmp/tuowei-bench)\n"
               "  --runs N     repeat the phases N times each, alternating; report the fastest (default 1)\n"
               "  --threads N  threads of the parallel read and of the zonal sums (default: every core)\n"
               "  --write-project DIR  write a tuowei project over the raster (the zones as townships, the raster as\n"
               "               residents and children, --facilities N random facilities, 1 km catchments) and exit\n",
               argv0);
  std::exit(code);
}

Options parse(int argc, char** argv) {
  Options o;
  bench::Args args(argc, argv, usage);
  while (args.next()) {
    const std::string& a = args.flag();
    if (a == "--size") o.size = std::stoi(args.value());
    else if (a == "--zones") o.zones = std::stoi(args.value());
    else if (a == "--workdir") o.workdir = args.value();
    else if (a == "--phase") o.phase = args.value();
    else if (a == "--runs") o.runs = std::stoi(args.value());
    else if (a == "--threads") o.threads = std::stoi(args.value());
    else if (a == "--write-project") o.project = args.value();
    else if (a == "--facilities") o.facilities = std::stoi(args.value());
    else args.unmatched();
  }
  if (o.size < kTile || o.zones < 1 || o.runs < 1) usage(argv[0], 2);
  return o;
}

std::string raster_path(const Options& o) { return (fs::path(o.workdir) / fmt::format("raster-{}.tif", o.size)).string(); }

// ---- Raster generation --------------------------------------------------------

// A smooth-ish, population-like surface: broad waves, a finer ripple and
// per-cell noise, with "lakes" of nodata. Separable terms are tabulated per
// column and per row so generation costs little beyond compression.
class Surface {
 public:
  explicit Surface(int n) : n_(n) {
    const double tau = 2 * std::numbers::pi;
    for (auto* t : {&sx1_, &cx2_, &sx2_, &sx3_, &sy1_, &cy2_, &sy2_, &cy3_}) t->resize(n);
    for (int i = 0; i < n; ++i) {
      sx1_[i] = std::sin(i * tau / 5100.0);
      sx2_[i] = std::sin(i * 0.6 * tau / 1300.0);
      cx2_[i] = std::cos(i * 0.6 * tau / 1300.0);
      sx3_[i] = std::sin(i * tau / 2300.0 + 0.4);
      sy1_[i] = std::sin(i * tau / 3700.0 + 1.0);
      sy2_[i] = std::sin(i * 0.8 * tau / 1300.0);
      cy2_[i] = std::cos(i * 0.8 * tau / 1300.0);
      cy3_[i] = std::cos(i * tau / 1900.0);
    }
  }
  // NaN-free; kNodata in lakes.
  float at(int col, int row) const {
    if (sx3_[col] * cy3_[row] > 0.93) return kNodata;
    double ripple = sx2_[col] * cy2_[row] + cx2_[col] * sy2_[row];  // sin(0.6x + 0.8y)
    double noise = bench::unit(uint64_t(row) * uint64_t(n_) + uint64_t(col));
    double v = 40.0 + 35.0 * sx1_[col] * sy1_[row] + 15.0 * ripple + 10.0 * (noise - 0.5);
    return float(std::max(0.0, v));
  }

 private:
  int n_;
  std::vector<double> sx1_, cx2_, sx2_, sx3_, sy1_, cy2_, sy2_, cy3_;
};

int phase_generate(const Options& o) {
  gis::ensure_gdal();
  fs::create_directories(o.workdir);
  const int n = o.size;
  gis::AtomicFile out(raster_path(o));
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
  CPLStringList co;
  co.SetNameValue("TILED", "YES");
  co.SetNameValue("BLOCKXSIZE", std::to_string(kTile).c_str());
  co.SetNameValue("BLOCKYSIZE", std::to_string(kTile).c_str());
  co.SetNameValue("COMPRESS", "DEFLATE");
  co.SetNameValue("BIGTIFF", "IF_SAFER");
  double t0 = now();
  long double total = 0;
  long long valid = 0;
  {
    std::unique_ptr<GDALDataset> ds(drv->Create(out.temp_path().c_str(), n, n, 1, GDT_Float32, co.List()));
    if (!ds) throw gis::Error(gis::as_is("cannot create " + out.temp_path().string() + ": " + gis::last_gdal_error()));
    double gt[6] = {kOriginX, kCellSize, 0, kOriginY, 0, -kCellSize};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(4545);
    ds->SetSpatialRef(&srs);
    GDALRasterBand* band = ds->GetRasterBand(1);
    band->SetNoDataValue(kNodata);
    Surface surface(n);
    std::vector<float> block(size_t(kTile) * kTile);
    const int nb = (n + kTile - 1) / kTile;
    for (int by = 0; by < nb; ++by) {
      for (int bx = 0; bx < nb; ++bx) {
        for (int r = 0; r < kTile; ++r) {
          for (int c = 0; c < kTile; ++c) {
            int col = bx * kTile + c, row = by * kTile + r;
            float v = 0.0f;
            if (col < n && row < n) {
              v = surface.at(col, row);
              if (v != kNodata) {
                total += v;
                ++valid;
              }
            }
            block[size_t(r) * kTile + c] = v;
          }
        }
        if (band->WriteBlock(bx, by, block.data()) != CE_None) {
          throw gis::Error(gis::as_is("write error: " + gis::last_gdal_error()));
        }
      }
      std::fprintf(stderr, "\rgenerating %s: %3d%%", out.final_path().c_str(), 100 * (by + 1) / nb);
    }
    std::fprintf(stderr, "\n");
    ds->SetMetadataItem("TUOWEI_BENCH_FORMAT", kFormat);
    ds->SetMetadataItem("TUOWEI_BENCH_TOTAL", fmt::format("{:.17g}", double(total)).c_str());
    ds->SetMetadataItem("TUOWEI_BENCH_VALID", std::to_string(valid).c_str());
  }
  out.commit();
  std::printf("generate_seconds=%.6f\nrss=%lld\n", now() - t0, peak_rss());
  return 0;
}

// The cached raster's total of valid cells, or NaN when it must be (re)built.
struct RasterInfo {
  double total = NAN;
  long long valid = 0;
  long long file_bytes = 0;
};

RasterInfo cached_raster(const Options& o) {
  RasterInfo info;
  std::string path = raster_path(o);
  if (!fs::exists(path)) return info;
  gis::ensure_gdal();
  std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
  if (!ds || ds->GetRasterXSize() != o.size) return info;
  const char* fmt_ = ds->GetMetadataItem("TUOWEI_BENCH_FORMAT");
  const char* total = ds->GetMetadataItem("TUOWEI_BENCH_TOTAL");
  const char* valid = ds->GetMetadataItem("TUOWEI_BENCH_VALID");
  if (!fmt_ || std::string(fmt_) != kFormat || !total || !valid) return info;
  info.total = std::atof(total);
  info.valid = std::atoll(valid);
  info.file_bytes = (long long)fs::file_size(path);
  return info;
}

// ---- Zones ---------------------------------------------------------------------

// A k x k lattice over the raster, interior vertices jittered, every interior
// lattice edge replaced by a wiggly polyline shared by the two polygons on
// either side (so they tile the raster exactly); 52-196 vertices a polygon.
std::vector<std::unique_ptr<OGRPolygon>> township_zones(int size, int count) {
  const int k = std::max(1, int(std::ceil(std::sqrt(double(count)))));
  const double extent = size * kCellSize, step = extent / k;
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  auto vx = [&](int i) { return kOriginX + i * step; };
  auto vy = [&](int j) { return kOriginY - j * step; };
  std::vector<double> px((k + 1) * (k + 1)), py((k + 1) * (k + 1));
  for (int j = 0; j <= k; ++j) {
    for (int i = 0; i <= k; ++i) {
      double x = vx(i), y = vy(j);
      double jx = u(rng) * 0.15 * step, jy = u(rng) * 0.15 * step;
      if (i > 0 && i < k) x += jx;
      if (j > 0 && j < k) y += jy;
      px[j * (k + 1) + i] = x;
      py[j * (k + 1) + i] = y;
    }
  }
  using Line = std::vector<std::pair<double, double>>;
  // Polyline from vertex a to vertex b, both ends included.
  auto edge = [&](int a, int b, bool outline) {
    Line line;
    int m = 12 + int(rng() % 37);  // intermediate points
    double ph1 = u(rng) * 3.14, ph2 = u(rng) * 3.14, a1 = u(rng), a2 = u(rng) * 0.5;
    double dx = px[b] - px[a], dy = py[b] - py[a], len = std::hypot(dx, dy);
    double nx = -dy / len, ny = dx / len, amp = outline ? 0.0 : 0.04 * step;
    for (int s = 0; s <= m + 1; ++s) {
      double t = double(s) / (m + 1);
      double w = std::sin(std::numbers::pi * t) * (a1 * std::sin(2 * std::numbers::pi * t + ph1) +
                                                   a2 * std::sin(4 * std::numbers::pi * t + ph2)) /
                 1.5;
      line.emplace_back(px[a] + t * dx + amp * w * nx, py[a] + t * dy + amp * w * ny);
    }
    line.front() = {px[a], py[a]};
    line.back() = {px[b], py[b]};
    return line;
  };
  auto id = [&](int i, int j) { return j * (k + 1) + i; };
  std::vector<Line> horizontal(k * (k + 1)), vertical((k + 1) * k);
  for (int j = 0; j <= k; ++j)
    for (int i = 0; i < k; ++i) horizontal[j * k + i] = edge(id(i, j), id(i + 1, j), j == 0 || j == k);
  for (int j = 0; j < k; ++j)
    for (int i = 0; i <= k; ++i) vertical[j * (k + 1) + i] = edge(id(i, j), id(i, j + 1), i == 0 || i == k);

  std::vector<std::unique_ptr<OGRPolygon>> zones;
  for (int j = 0; j < k; ++j) {
    for (int i = 0; i < k; ++i) {
      auto ring = std::make_unique<OGRLinearRing>();
      auto add = [&](const Line& l, bool reverse) {
        for (size_t s = 0; s + 1 < l.size(); ++s) {
          const auto& p = reverse ? l[l.size() - 1 - s] : l[s];
          ring->addPoint(p.first, p.second);
        }
      };
      add(horizontal[j * k + i], false);           // top, west to east
      add(vertical[j * (k + 1) + i + 1], false);   // east side, downwards
      add(horizontal[(j + 1) * k + i], true);      // bottom, east to west
      add(vertical[j * (k + 1) + i], true);        // west side, upwards
      ring->closeRings();
      auto poly = std::make_unique<OGRPolygon>();
      poly->addRingDirectly(ring.release());
      zones.push_back(std::move(poly));
    }
  }
  return zones;
}

// ---- Phases --------------------------------------------------------------------

// The strip height zonal_sums uses for one layer with the default budget
// (kept in step with gis/zonal.cpp), so both phases read the same strips.
int zonal_strip_rows(const gis::RasterBand& band) {
  const size_t row_bytes = size_t(band.grid().cols) * sizeof(double);
  const size_t budget = gis::ZonalOptions{}.memory_budget_bytes;
  int block_rows = std::max(1, band.block_rows());
  int strip_rows = block_rows;
  while (strip_rows < 64 && strip_rows * 2 * row_bytes <= budget) strip_rows += block_rows;
  return strip_rows;
}

int phase_read(const Options& o) {
  if (o.threads > 0) gis::set_thread_count(o.threads);
  gis::RasterBand band = gis::RasterBand::open(raster_path(o));
  const gis::Grid& g = band.grid();
  int strip = zonal_strip_rows(band);
  std::vector<double> buf(size_t(strip) * g.cols);
  double t0 = now(), c0 = cpu_now();
  double checksum = 0;
  for (int r0 = 0; r0 < g.rows; r0 += strip) {
    int nr = std::min(strip, g.rows - r0);
    band.read_rows(r0, nr, buf.data());
    checksum += buf[0];  // keeps the reads observable; negligible work
  }
  double t = now() - t0, c = cpu_now() - c0;
  std::printf("read_seconds=%.6f\nread_cpu=%.6f\nstrip_rows=%d\nchecksum=%.17g\nrss=%lld\nthreads=%d\n", t, c, strip,
              checksum, peak_rss(), gis::thread_count());
  return 0;
}

int phase_zonal(const Options& o) {
  if (o.threads > 0) gis::set_thread_count(o.threads);
  gis::RasterBand band = gis::RasterBand::open(raster_path(o));
  double t0 = now();
  auto polys = township_zones(o.size, o.zones);
  int invalid = 0;
  size_t vmin = SIZE_MAX, vmax = 0, vsum = 0;
  for (const auto& p : polys) {
    if (!p->IsValid()) ++invalid;
    size_t nv = size_t(p->getExteriorRing()->getNumPoints()) - 1;
    vmin = std::min(vmin, nv), vmax = std::max(vmax, nv), vsum += nv;
  }
  double t1 = now();
  std::vector<gis::CoveragePolygon> zones;
  zones.reserve(polys.size());
  for (const auto& p : polys) zones.push_back(gis::CoveragePolygon::from_ogr(*p, band.grid()));
  double t2 = now(), c2 = cpu_now();
  auto stats = gis::zonal_sums(zones, {&band});
  double t3 = now(), c3 = cpu_now();
  double sum = 0, inside = 0, valid = 0;
  for (const auto& s : stats) {
    sum += s.sum[0];
    inside += s.inside_cells;
    valid += s.valid_cells[0];
  }
  std::printf(
      "zonal_seconds=%.6f\nzonal_cpu=%.6f\nprepare_seconds=%.6f\nbuild_seconds=%.6f\nzones=%zu\ninvalid=%d\nvertices_min=%zu\n"
      "vertices_max=%zu\nvertices_mean=%.1f\nzones_sum=%.17g\nzones_inside=%.17g\nzones_valid=%.17g\nrss=%lld\n"
      "threads=%d\n",
      t3 - t2, c3 - c2, t2 - t1, t1 - t0, zones.size(), invalid, vmin, vmax, double(vsum) / polys.size(), sum, inside,
      valid, peak_rss(), gis::thread_count());
  return 0;
}

// Runs this program again with `--phase phase` and returns its key=value lines.
bench::KeyValues run_phase(const Options& o, const std::string& phase, int threads) {
  return bench::run_phase(bench::self_exe(),
                          {"--phase", phase, "--size", std::to_string(o.size), "--zones", std::to_string(o.zones),
                           "--workdir", o.workdir, "--threads", std::to_string(threads)},
                          "phase " + phase);
}

int phase_all(const Options& o) {
  RasterInfo info = cached_raster(o);
  if (std::isnan(info.total)) {
    auto g = run_phase(o, "generate", o.threads);
    std::printf("generated   %s in %.1f s (peak RSS %s)\n", raster_path(o).c_str(), num(g, "generate_seconds"),
                mb(num(g, "rss")).c_str());
    info = cached_raster(o);
    if (std::isnan(info.total)) throw gis::Error(gis::as_is("generated raster is unreadable"));
  }
  const double cells = double(o.size) * o.size;
  std::printf("raster      %s\n            %d x %d cells (%.1f M), Float32, %dx%d DEFLATE tiles, %.1f%% nodata, "
              "%s on disk\n",
              raster_path(o).c_str(), o.size, o.size, cells / 1e6, kTile, kTile, 100.0 * (1.0 - info.valid / cells),
              mb(double(info.file_bytes)).c_str());

  // Fastest of the runs by wall time: the phases on every core are about
  // wall time; CPU time is printed beside it.
  bench::KeyValues best_read1, best_read, best_zonal;
  auto keep = [](bench::KeyValues& best, const bench::KeyValues& r, const char* key) {
    if (best.empty() || num(r, key) < num(best, key)) best = r;
  };
  for (int run = 0; run < o.runs; ++run) {
    auto r1 = run_phase(o, "read", 1);
    keep(best_read1, r1, "read_seconds");
    auto r = run_phase(o, "read", o.threads);
    keep(best_read, r, "read_seconds");
    auto z = run_phase(o, "zonal", o.threads);
    keep(best_zonal, z, "zonal_seconds");
    if (o.runs > 1) {
      std::printf("run %-7d read, 1 thread %.2f s, read %.2f s, zonal %.2f s (wall)\n", run + 1,
                  num(r1, "read_seconds"), num(r, "read_seconds"), num(z, "zonal_seconds"));
    }
  }
  const double tr1 = num(best_read1, "read_seconds"), tr = num(best_read, "read_seconds"),
               tz = num(best_zonal, "zonal_seconds");
  const double cr1 = num(best_read1, "read_cpu"), cr = num(best_read, "read_cpu"), cz = num(best_zonal, "zonal_cpu");
  const int threads = int(num(best_zonal, "threads"));
  std::printf("zones       %.0f township-like polygons tiling the raster, %.0f-%.0f vertices (mean %.0f), %.0f "
              "invalid; prepared in %.3f s\n",
              num(best_zonal, "zones"), num(best_zonal, "vertices_min"), num(best_zonal, "vertices_max"),
              num(best_zonal, "vertices_mean"), num(best_zonal, "invalid"), num(best_zonal, "prepare_seconds"));
  std::printf("read, 1 th  wall %6.2f s  cpu %6.2f s  %6.1f M cells/s (wall)  peak RSS %s  (%.0f-row strips)\n", tr1,
              cr1, cells / tr1 / 1e6, mb(num(best_read1, "rss")).c_str(), num(best_read1, "strip_rows"));
  std::printf("read, %d th  wall %6.2f s  cpu %6.2f s  %6.1f M cells/s (wall)  peak RSS %s\n", threads, tr, cr,
              cells / tr / 1e6, mb(num(best_read, "rss")).c_str());
  std::printf("zonal, %d th wall %6.2f s  cpu %6.2f s  %6.1f M cells/s (wall)  peak RSS %s\n", threads, tz, cz,
              cells / tz / 1e6, mb(num(best_zonal, "rss")).c_str());
  const double ratio = tz / tr1;
  std::printf("ratio       zonal / read on 1 thread = %.2f wall  (target <= 0.7)  %s\n", ratio,
              ratio <= 0.7 ? "OK" : "OVER TARGET");
  std::printf("            zonal / read on %d threads = %.2f wall; zonal / read cpu = %.2f\n", threads, tz / tr, cz / cr1);
  const double peak = std::max({num(best_read1, "rss"), num(best_read, "rss"), num(best_zonal, "rss")});
  std::printf("memory      peak %s  (target < 1024 MB)  %s\n", mb(peak).c_str(),
              peak < 1024.0 * (1 << 20) ? "OK" : "OVER TARGET");
  const double zsum = num(best_zonal, "zones_sum");
  const double rel = std::fabs(zsum - info.total) / info.total;
  const bool conserved = rel <= 1e-9;
  std::printf("conserved   sum of zones %.10g, raster total %.10g, relative difference %.1e  %s\n", zsum, info.total,
              rel, conserved ? "OK" : "FAILED");
  std::printf("            inside cells %.6f M of %.6f M, valid cells %.6f M of %.6f M\n",
              num(best_zonal, "zones_inside") / 1e6, cells / 1e6, num(best_zonal, "zones_valid") / 1e6,
              double(info.valid) / 1e6);
  return conserved ? 0 : 1;
}

// A tuowei project over the benchmark's raster and zones: `tuowei indicators`
// and `tuowei access` at the scale of a 20,000 x 20,000 grid.
int write_project(const Options& o) {
  if (std::isnan(cached_raster(o).total)) run_phase(o, "generate", o.threads);
  fs::create_directories(o.project);
  gis::ensure_gdal();
  GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
  const fs::path towns = fs::path(o.project) / "townships.gpkg";
  fs::remove(towns);
  {
    GDALDatasetUniquePtr ds(gpkg->Create(towns.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference srs;
    srs.importFromEPSG(4545);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRLayer* layer = ds->CreateLayer("townships", &srs, wkbPolygon, nullptr);
    for (const char* f : {"code", "name"}) {
      OGRFieldDefn d(f, OFTString);
      layer->CreateField(&d);
    }
    ds->StartTransaction();
    int k = 0;
    for (const auto& z : township_zones(o.size, o.zones)) {
      OGRFeature f(layer->GetLayerDefn());
      f.SetField("code", fmt::format("T{:04d}", k).c_str());
      f.SetField("name", fmt::format("zone {}", k).c_str());
      f.SetGeometry(z.get());
      if (layer->CreateFeature(&f) != OGRERR_NONE) throw gis::Error(gis::as_is("cannot write " + towns.string()));
      ++k;
    }
    ds->CommitTransaction();
  }
  std::string csv = "id,name,x,y,places,enrolled,inclusive\n";
  const double extent = o.size * kCellSize;
  for (int j = 0; j < o.facilities; ++j) {
    const double x = kOriginX + extent * bench::unit(uint64_t(j) * 3 + 1);
    const double y = kOriginY - extent * bench::unit(uint64_t(j) * 3 + 2);
    const int places = 30 + int(121 * bench::unit(uint64_t(j) * 3 + 3));
    csv += fmt::format("F{},facility {},{:.2f},{:.2f},{},{},{}\n", j, j, x, y, places, places / 2, j % 2 ? "是" : "否");
  }
  std::ofstream(fs::path(o.project) / "facilities.csv") << csv;
  std::ofstream(fs::path(o.project) / "project.toml")
      << fmt::format("[project]\nname = \"bench_zonal {0} x {0}\"\ndistance_crs = \"EPSG:4545\"\n\n"
                     "[townships]\npath = \"townships.gpkg\"\nid_field = \"code\"\nname_field = \"name\"\n\n"
                     "[population]\nlayout = \"rasters\"\nresidents = \"{1}\"\nchildren_0_3 = \"{1}\"\n\n"
                     "[facilities]\npath = \"facilities.csv\"\ncrs = \"EPSG:4545\"\nx_field = \"x\"\ny_field = \"y\"\n"
                     "id_field = \"id\"\nname_field = \"name\"\nplaces_field = \"places\"\nenrolled_field = "
                     "\"enrolled\"\ninclusive_field = \"inclusive\"\n\n[access]\nradius_m = 1000\n",
                     o.size, fs::absolute(raster_path(o)).string());
  std::printf("%s\n", (fs::path(o.project) / "project.toml").c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  try {
    if (!o.project.empty()) return write_project(o);
    if (o.phase == "all") return phase_all(o);
    if (o.phase == "generate") return phase_generate(o);
    if (o.phase == "read") return phase_read(o);
    if (o.phase == "zonal") return phase_zonal(o);
    usage(argv[0], 2);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_zonal: %s\n", e.what());
    return 1;
  }
}
