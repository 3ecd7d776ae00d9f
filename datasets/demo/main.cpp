// tuowei-demo-data: writes the synthetic Nanning demo.
//
//   tuowei-demo-data --out DIR [--seed 20261129] [--inputs datasets/nanning]
//
// Everything is written under DIR/.tmp-<pid>/ first and renamed into place
// at the end, so an interrupted run leaves no half-written output (and its
// staging folder is removed by the next run).

#include <gdal_priv.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "facilities.h"
#include "geos_util.h"
#include "inputs.h"
#include "nanning_model.h"
#include "population.h"
#include "random.h"
#include "register.h"
#include "streets.h"
#include "townships.h"

#ifndef TUOWEI_DEMO_INPUTS
#define TUOWEI_DEMO_INPUTS "datasets/nanning"
#endif

namespace fs = std::filesystem;
using namespace tuowei::demo;

namespace {

constexpr double kResidents = 8.9e6;
// Nurseries drawn in proportion to under-3s, on top of three at each seat.
constexpr int kDrawnNurseries = 389;

const char* kProjectFile = R"(# tuowei project: Nanning demo (synthetic population and facilities)
[project]
name = "南宁市托育资源评估（演示数据）"
distance_crs = "auto"

[targets]
places_per_1000 = 4.5

[townships]
path = "townships.shp"
id_field = "code"
name_field = "name"
parent_id_field = "countycode"
parent_name_field = "county"
encoding = "auto"

[population]
layout = "worldpop"
dir = "population"
prefix = "chn"
year = 2020

# The population register's counts for the end of 2025: residents, births
# 2020-2025 and, for some townships, the under-3 count. Townships missing
# from it, or columns left empty, fall back to the grid.
[population.official]
path = "register.xlsx"
year = 2025

[facilities]
path = "facilities.csv"
crs = "GCJ-02"
encoding = "auto"
x_field = "经度"
y_field = "纬度"
id_field = "机构编号"
name_field = "机构名称"
type_field = "类型"
operator_field = "举办性质"
places_field = "托位数"
enrolled_field = "在托人数"
inclusive_field = "是否普惠"
)";

// 8900000 -> "8,900,000"
std::string grouped(double v) {
  const auto n = static_cast<long long>(std::llround(v));
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::uintmax_t tree_size(const fs::path& dir) {
  std::uintmax_t total = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) total += e.file_size();
  }
  return total;
}

// Removes the staging directory unless disarmed.
struct Staging {
  fs::path dir;
  ~Staging() {
    if (!dir.empty()) {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  }
};

// Staging folders of earlier runs that were killed (their process is gone).
void remove_stale_staging(const fs::path& out) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(out, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(".tmp-", 0) != 0 || !e.is_directory()) continue;
    char* end = nullptr;
    const long pid = std::strtol(name.c_str() + 5, &end, 10);
    if (pid <= 0 || *end != '\0') continue;
    if (::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH) fs::remove_all(e.path(), ec);
  }
}

int run(const fs::path& out, const fs::path& inputs_dir, std::uint64_t seed, bool verbose) {
  const auto started = std::chrono::steady_clock::now();
  GDALAllRegister();

  const Inputs inputs = load_inputs(inputs_dir);
  fs::create_directories(out);
  remove_stale_staging(out);
  Staging staging{out / fmt::format(".tmp-{}", ::getpid())};
  fs::remove_all(staging.dir);
  fs::create_directories(staging.dir / "population");

  GeosContext ctx;
  fmt::print("tuowei-demo-data: Nanning demo, seed {}, inputs {}\n", seed, inputs_dir.string());

  // Townships first: their seats shape the rural population.
  const TownshipSet townships = build_townships(ctx, inputs, seed);
  write_townships_shapefile(ctx, townships, staging.dir / "townships.shp");
  fmt::print("townships: {} in {} counties (largest tiling mismatch {:.1e} of a county's area)\n",
             townships.townships.size(), inputs.counties.size(), townships.worst_tiling_error);
  if (townships.worst_tiling_error > 1e-9) throw std::runtime_error("townships do not tile their counties");

  std::vector<TownSeat> seats;
  {
    Rng rng(seed, "town-sizes");
    for (const auto& t : townships.townships) {
      const double size = std::exp(rng.normal(0.0, 0.45));
      if (t.rank == 0) continue;  // street-level units sit in the urban core already
      seats.push_back({t.seed_lon, t.seed_lat, size});
    }
  }
  DensityModel model(seed, std::move(seats));
  PopulationOptions popts;
  popts.residents = kResidents;
  popts.sites = kDrawnNurseries;
  const PopulationSummary pop =
      write_population(staging.dir / "population", inputs, ctx, townships, model, seed, popts);

  const FacilitySummary fac =
      write_facilities(staging.dir / "facilities.csv", ctx, inputs, townships, pop.sites, seed);

  const RegisterSummary reg = write_register(staging.dir / "register.xlsx", townships, pop, seed);

  // The street network draws from a random stream of its own: the files
  // above do not change with it.
  const StreetsSummary streets = write_streets(staging.dir / "streets.osm.pbf", townships, seed);

  {
    std::ofstream toml(staging.dir / "nanning.toml", std::ios::binary | std::ios::trunc);
    toml << kProjectFile;
    if (!toml) throw std::runtime_error("cannot write nanning.toml");
    // The same study with catchments walked on the streets.
    std::ofstream walking(staging.dir / "nanning_walking.toml", std::ios::binary | std::ios::trunc);
    walking << kProjectFile
            << "\n# Catchments as walking distance on the streets (docs/methods.md 6.7), not circles.\n"
               "[access]\nnetwork = \"streets.osm.pbf\"\n";
    if (!walking) throw std::runtime_error("cannot write nanning_walking.toml");
  }

  // Move everything into place; the project file last.
  fs::create_directories(out / "population");
  for (const auto& name : pop.files) fs::rename(staging.dir / "population" / name, out / "population" / name);
  for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) {
    const std::string name = std::string("townships") + ext;
    fs::rename(staging.dir / name, out / name);
  }
  fs::remove(out / "townships.cpg");  // a stale declaration would contradict the GBK text
  fs::rename(staging.dir / "facilities.csv", out / "facilities.csv");
  fs::rename(staging.dir / "register.xlsx", out / "register.xlsx");
  fs::rename(staging.dir / "streets.osm.pbf", out / "streets.osm.pbf");
  fs::rename(staging.dir / "nanning_walking.toml", out / "nanning_walking.toml");
  fs::rename(staging.dir / "nanning.toml", out / "nanning.toml");

  // Totals as written.
  const auto& g = pop.grid;
  fmt::print("population grid: {} x {} cells of 3 arc-seconds from ({:.6f}, {:.6f}), {} cells inside\n", g.width,
             g.height, g.west, g.north, grouped(static_cast<double>(pop.cells)));
  double males = 0.0, females = 0.0;
  for (int k = 0; k < kAgeClasses; ++k) {
    males += pop.male[k];
    females += pop.female[k];
  }
  const double boys = pop.male[0] + pop.male[1];
  const double girls = pop.female[0] + pop.female[1];
  fmt::print("residents: {} (sum of all 36 layers)\n", grouped(pop.residents));
  fmt::print("under-3s: {} ({:.2f}% of residents; class 0: {:.2f}%, class 1: {:.2f}%)\n", grouped(pop.under3),
             100.0 * pop.under3 / pop.residents, 100.0 * (pop.male[0] + pop.female[0]) / pop.residents,
             100.0 * (pop.male[1] + pop.female[1]) / pop.residents);
  fmt::print("sex ratio: {:.3f} males per female overall, {:.3f} boys per girl under 5\n", males / females,
             boys / girls);
  fmt::print("{:<8} {:<10} {:>10} {:>9} {:>7} {:>6} {:>7} {:>9}\n", "county", "name", "residents", "under-3",
             "share", "nurs.", "places", "per 1000");
  for (std::size_t i = 0; i < inputs.counties.size(); ++i) {
    const auto& c = inputs.counties[i];
    fmt::print("{:<8} {:<10} {:>10} {:>9} {:>6.2f}% {:>6} {:>7} {:>9.2f}\n", c.code, c.name,
               grouped(pop.county_residents[i]), grouped(pop.county_under3[i]),
               100.0 * pop.county_under3[i] / pop.county_residents[i], fac.county_count[i],
               fac.county_places[i], 1000.0 * static_cast<double>(fac.county_places[i]) / pop.county_residents[i]);
  }
  double tmin = 1e300, tmax = 0.0, smin = 1.0, smax = 0.0;
  for (std::size_t i = 0; i < pop.township_residents.size(); ++i) {
    const double r = pop.township_residents[i];
    tmin = std::min(tmin, r);
    tmax = std::max(tmax, r);
    if (r > 0.0) {
      smin = std::min(smin, pop.township_under3[i] / r);
      smax = std::max(smax, pop.township_under3[i] / r);
    }
  }
  fmt::print("townships: residents {} to {}, under-3 share {:.2f}% to {:.2f}%\n", grouped(tmin), grouped(tmax),
             100.0 * smin, 100.0 * smax);
  if (verbose) {
    fmt::print("{:<12} {:<16} {:>9} {:>7} {:>6} {:>5}\n", "township", "name", "residents", "under-3", "share",
               "nurs.");
    for (std::size_t i = 0; i < townships.townships.size(); ++i) {
      const auto& t = townships.townships[i];
      const double r = pop.township_residents[i];
      fmt::print("{:<12} {:<16} {:>9} {:>7} {:>5.2f}% {:>5}\n", t.code, t.name, grouped(r),
                 grouped(pop.township_under3[i]), r > 0.0 ? 100.0 * pop.township_under3[i] / r : 0.0,
                 fac.township_count[i]);
    }
  }
  fmt::print("nurseries: {}, places {} ({:.2f} per 1,000 residents), enrolled {} ({:.0f}% of places), "
             "inclusive {:.0f}%, {} over capacity, {} of {} townships without one\n",
             fac.count, grouped(static_cast<double>(fac.places)),
             1000.0 * static_cast<double>(fac.places) / pop.residents, grouped(static_cast<double>(fac.enrolled)),
             100.0 * static_cast<double>(fac.enrolled) / static_cast<double>(fac.places),
             100.0 * fac.inclusive / fac.count, fac.over_capacity, fac.townships_without,
             townships.townships.size());
  fmt::print("register {}: {} rows ({} with births, {} with births and under-3s, {} with under-3s, {} residents "
             "only; {} townships missing), residents {}, births {} in {} to {} in {} ({:+.1f}% a year)\n",
             kRegisterYear, reg.rows, reg.births_only, reg.births_and_count, reg.count_only, reg.residents_only,
             reg.missing, grouped(reg.residents), grouped(reg.births_first), kFirstBirthYear,
             grouped(reg.births_last), kRegisterYear,
             100.0 * (std::pow(reg.births_last / reg.births_first, 1.0 / (kRegisterYear - kFirstBirthYear)) - 1.0));
  fmt::print("streets: {} nodes, {} ways, {:.0f} km walkable, {} bridge ways (the Yong River crossed only on them)\n",
             grouped(static_cast<double>(streets.nodes)), grouped(static_cast<double>(streets.ways)), streets.km,
             streets.bridges);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("wrote {} ({:.1f} MB) in {:.1f} s\n", out.string(),
             static_cast<double>(tree_size(out)) / (1024.0 * 1024.0), seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes the synthetic Nanning demo data set (townships, population grids, nurseries, project file)"};
  std::string out;
  std::string inputs = TUOWEI_DEMO_INPUTS;
  std::uint64_t seed = 20261129;
  app.add_option("--out", out, "Output directory")->required();
  app.add_option("--seed", seed, "Random seed; the same seed gives the same bytes")->capture_default_str();
  app.add_option("--inputs", inputs, "Directory with counties.geojson and townships.csv")->capture_default_str();
  bool verbose = false;
  app.add_flag("--verbose", verbose, "Also print a table of the townships");
  CLI11_PARSE(app, argc, argv);
  try {
    return run(out, inputs, seed, verbose);
  } catch (const std::exception& e) {
    fmt::print(stderr, "tuowei-demo-data: {}\n", e.what());
    return 1;
  }
}
