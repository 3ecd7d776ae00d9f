// End to end on the Nanning demo: generate it, run the commands a planner
// runs, and check the totals and the files.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "gis/raster.h"
#include "gis/vector.h"
#include "../planner/mini_project.h"

namespace fs = std::filesystem;
using tuowei::test::run_command;

namespace {

class Demo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("tuowei-demo-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    std::string out;
    int rc = run_command(std::string(TUOWEI_DEMO_DATA) + " --out " + (*dir_ / "data").string(), out);
    ASSERT_EQ(rc, 0) << out;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static nlohmann::json summary(const fs::path& out) {
    std::ifstream is(out / "summary.json");
    return nlohmann::json::parse(is);
  }
  static fs::path* dir_;
};
fs::path* Demo::dir_ = nullptr;

}  // namespace

TEST_F(Demo, ValidatesWithoutErrors) {
  std::string out;
  int rc = run_command(std::string(TUOWEI_CLI) + " validate " + (*dir_ / "data/nanning.toml").string(), out);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("138 townships, 410 facilities, 36 population rasters; 0 error(s)"), std::string::npos) << out;
}

TEST_F(Demo, IndicatorsAddUpToTheGeneratedTotals) {
  fs::path out_dir = *dir_ / "indicators";
  std::string out;
  int rc = run_command(std::string(TUOWEI_CLI) + " indicators " + (*dir_ / "data/nanning.toml").string() +
                           " --out " + out_dir.string(),
                       out);
  ASSERT_EQ(rc, 0) << out;
  nlohmann::json s = summary(out_dir);
  const auto& total = s["total"];
  // The generator writes 8.9 million residents, 3.0% under 3, inside the
  // counties; the townships tile the counties, so the exact zonal sums must
  // hold all of them but for cells the county outline cuts (< 0.1%).
  EXPECT_NEAR(total["grid_population"].get<double>(), 8.9e6, 0.001 * 8.9e6);
  EXPECT_NEAR(total["grid_children_0_3"].get<double>() / total["grid_population"].get<double>(), 0.03, 0.0005);
  // The register: residents within a few per cent of the grid's, under-3s
  // of 2025 about 0.92^5 of the grid's 2020 (births falling 8% a year).
  EXPECT_EQ(s["year"].get<int>(), 2025);
  EXPECT_NEAR(total["population"].get<double>() / total["grid_population"].get<double>(), 1.0, 0.01);
  const double shrink = total["children_0_3"].get<double>() / total["grid_children_0_3"].get<double>();
  EXPECT_GT(shrink, 0.62);
  EXPECT_LT(shrink, 0.80);
  const auto& sources = s["inputs"]["population"]["children_sources"];
  EXPECT_GT(sources["births"].get<int>(), 50);
  EXPECT_GT(sources["official"].get<int>(), 10);
  EXPECT_GT(sources["grid"].get<int>(), 2);
  EXPECT_EQ(s["inputs"]["population"]["births_change_basis"].get<std::string>(), "observed");
  EXPECT_NEAR(s["inputs"]["population"]["births_annual_change"].get<double>(), -0.08, 0.01);
  // 138 townships and the total, for each year from 2025 to 2030.
  std::ifstream by_year(out_dir / "places_needed_by_year.csv");
  std::string line;
  int lines = 0;
  while (std::getline(by_year, line)) ++lines;
  EXPECT_EQ(lines, 1 + 6 * 139);
  EXPECT_EQ(total["facilities"].get<int>(), 410);
  EXPECT_EQ(total["places"].get<double>(), 26024);
  EXPECT_EQ(s["inputs"]["townships"]["count"].get<int>(), 138);
  EXPECT_EQ(s["inputs"]["townships"]["encoding"].get<std::string>(), "GB18030");
  EXPECT_EQ(s["inputs"]["facilities"]["encoding"].get<std::string>(), "GB18030");
  EXPECT_EQ(s["counties"].size(), 12u);
  EXPECT_EQ(s["unassigned_facilities"].size(), 0u);

  auto towns = tuowei::gis::read_vector({(out_dir / "tuowei.gpkg").string(), "townships"});
  ASSERT_EQ(towns.records.size(), 138u);
  int name = towns.require_field("name", tuowei::gis::as_is("test"));
  bool streets = false;
  for (const auto& r : towns.records) streets |= r.values[name]->find("街道") != std::string::npos;
  EXPECT_TRUE(streets) << "GBK township names must decode";
}

TEST_F(Demo, ProjectsTo2030) {
  fs::path out_dir = *dir_ / "2030";
  std::string out;
  int rc = run_command(std::string(TUOWEI_CLI) + " -q indicators " + (*dir_ / "data/nanning.toml").string() +
                           " --year 2030 --out " + out_dir.string(),
                       out);
  ASSERT_EQ(rc, 0) << out;
  nlohmann::json s = summary(out_dir);
  EXPECT_EQ(s["year"].get<int>(), 2030);
  const auto& total = s["total"];
  rc = run_command(std::string(TUOWEI_CLI) + " -q indicators " + (*dir_ / "data/nanning.toml").string() +
                       " --out " + (*dir_ / "2025").string(),
                   out);
  ASSERT_EQ(rc, 0) << out;
  const double base = summary(*dir_ / "2025")["total"]["children_0_3"].get<double>();
  // Five more years of births falling about 8%: under-3s about 0.92^5 of 2025's.
  EXPECT_NEAR(total["children_0_3"].get<double>() / base, std::pow(0.92, 5), 0.05);
  // Residents are kept (no change by default).
  EXPECT_NEAR(total["population"].get<double>() / total["grid_population"].get<double>(), 1.0, 0.01);
  rc = run_command(std::string(TUOWEI_CLI) + " indicators " + (*dir_ / "data/nanning.toml").string() +
                       " --year 2020 --out " + (*dir_ / "2020").string(),
                   out);
  EXPECT_NE(rc, 0);
  EXPECT_NE(out.find("2020 is before 2025"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(*dir_ / "2020" / "summary.json"));
}

TEST_F(Demo, AccessConservesThePlacesReached) {
  fs::path out_dir = *dir_ / "access";
  std::string out;
  int rc = run_command(std::string(TUOWEI_CLI) + " -q access " + (*dir_ / "data/nanning.toml").string() + " --out " +
                           out_dir.string(),
                       out);
  ASSERT_EQ(rc, 0) << out;
  nlohmann::json s = summary(out_dir);
  double lhs = s["access"]["sum_demand_times_access"], rhs = s["access"]["supply_reached"];
  EXPECT_NEAR(lhs, rhs, 1e-9 * rhs);
  EXPECT_GT(rhs, 0.9 * 26024);
  auto pop = tuowei::gis::RasterBand::open((*dir_ / "data/population/chn_f_0_2020.tif").string());
  auto acc = tuowei::gis::RasterBand::open((out_dir / "access.tif").string());
  EXPECT_TRUE(acc.grid().same_as(pop.grid()));
  auto deserts = tuowei::gis::read_vector({(out_dir / "tuowei.gpkg").string(), "deserts"});
  EXPECT_GT(deserts.records.size(), 10u);
}

TEST_F(Demo, ProposalsImproveCoverage) {
  fs::path out_dir = *dir_ / "propose";
  std::string out;
  int rc = run_command(std::string(TUOWEI_CLI) + " -q propose " + (*dir_ / "data/nanning.toml").string() +
                           " -n 5 --solver greedy --out " + out_dir.string(),
                       out);
  ASSERT_EQ(rc, 0) << out;
  std::ifstream is(out_dir / "proposals.json");
  nlohmann::json j = nlohmann::json::parse(is);
  EXPECT_GT(j["after"]["coverage_rate"].get<double>(), j["before"]["coverage_rate"].get<double>());
  EXPECT_NEAR(j["after"]["places"].get<double>() - j["before"]["places"].get<double>(), 5 * 80, 1e-9);
  auto proposals = tuowei::gis::read_vector({(out_dir / "tuowei.gpkg").string(), "proposals"});
  EXPECT_EQ(proposals.records.size(), 5u);
}
