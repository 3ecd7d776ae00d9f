// Catchments, accessibility and deserts on the mini project (mini_project.h:
// 400 cells of 0.01 degrees with 3 under-3s each, five facilities with 215
// places, 20 of them outside every township).
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

#include <ogr_api.h>

#include "gis/osm_file.h"
#include "gis/raster.h"
#include "gis/vector.h"
#include "mini_project.h"
#include "planner/outputs.h"

namespace fs = std::filesystem;
using namespace tuowei::planner;
using tuowei::test::MiniProject;
using tuowei::test::Cleanup;
using tuowei::test::row;

namespace {

using tuowei::test::TestRun;

TestRun run_access(const MiniProject& p, double radius, const fs::path& out = {}) {
  TestRun run = tuowei::test::run_project(p.toml, true, [&](Project& project) { project.access.radius_m = radius; });
  if (!out.empty()) write_results(out, *run.result, {});
  return run;
}

}  // namespace

TEST(Access, OneCatchmentHoldingEveryoneGivesEveryCellTheSameAccess) {
  MiniProject p = MiniProject::create("access-all");
  Cleanup c{p.dir};
  TestRun run = run_access(p, 200000);  // 200 km: every facility reaches every cell
  const AccessResult& a = run.access();
  EXPECT_NEAR(a.demand_total, 1200, 1e-6);
  EXPECT_NEAR(a.mean_access, 215.0 / 1200, 1e-12);
  EXPECT_NEAR(run.table().total.coverage_rate, 1.0, 1e-12);
  EXPECT_NEAR(row(run.table(), "伶俐镇").access_2sfca, 215.0 / 1200, 1e-12);
  EXPECT_NEAR(row(run.table(), "伶俐镇").access_index, 1.0, 1e-12);
  // 1,200 / 215 = 5.6 children per place > 3: every cell is a desert.
  EXPECT_NEAR(run.table().total.children_in_deserts, 1200, 1e-6);
}

TEST(Access, DemandTimesAccessEqualsThePlacesReached) {
  MiniProject p = MiniProject::create("access-conserve");
  Cleanup c{p.dir};
  TestRun run = run_access(p, 1500);
  const AccessResult& a = run.access();
  EXPECT_GT(a.supply_reached, 0);
  EXPECT_NEAR(a.demand_times_access, a.supply_reached, 1e-9 * a.supply_reached);
  // Township means weighted by children give the same total.
  double sum = 0;
  for (const auto& r : run.table().townships) sum += r.children_0_3 * r.access_2sfca;
  EXPECT_NEAR(sum, a.demand_times_access, 1e-9);
}

TEST(Access, CoverageCountsOnlyCellsWithinTheRadius) {
  MiniProject p = MiniProject::create("access-cover");
  Cleanup c{p.dir};
  // 1 km cells; F1 at (108.05, 22.85) sits on a corner shared by four cells
  // whose centres are ~755 m away: radius 800 m covers exactly those four.
  std::string facilities = "机构编号,机构名称,托位数,是否普惠,经度,纬度\nF1,甲,12,是,108.05,22.85\n";
  MiniProject q = MiniProject::create("access-cover1", facilities);
  Cleanup cq{q.dir};
  TestRun run = run_access(q, 800);
  EXPECT_NEAR(run.table().total.children_covered, 12, 1e-9);
  EXPECT_NEAR(run.table().total.inclusive_coverage_rate, 12.0 / 1200, 1e-12);
  // R = 12 places / 12 children; each covered cell has A = 1, the other
  // children none: the mean over all children is 12 / 1,200.
  EXPECT_NEAR(run.access().mean_access, 0.01, 1e-12);
  EXPECT_NEAR(row(run.table(), "新竹街道").children_covered, 12, 1e-9);
  // Everything else is beyond every catchment: a desert.
  EXPECT_NEAR(run.table().total.children_in_deserts, 1200 - 12, 1e-6);
}

TEST(Access, WritesRastersAlignedWithThePopulationGridAndDesertPolygons) {
  std::string facilities = "机构编号,机构名称,托位数,是否普惠,经度,纬度\nF1,甲,12,是,108.05,22.85\n";
  MiniProject p = MiniProject::create("access-files", facilities);
  Cleanup c{p.dir};
  TestRun run = run_access(p, 800, p.dir / "out");
  for (const char* name : {"access.tif", "coverage.tif", "deserts.tif"}) {
    auto band = tuowei::gis::RasterBand::open((p.dir / "out" / name).string());
    auto pop = tuowei::gis::RasterBand::open((p.dir / "under3.tif").string());
    EXPECT_TRUE(band.grid().same_as(pop.grid())) << name;
  }
  auto cov = tuowei::gis::RasterBand::open((p.dir / "out/coverage.tif").string());
  std::vector<double> v(400);
  cov.read_rows(0, 20, v.data());
  int covered = 0;
  for (double x : v) covered += x == 2.0;
  EXPECT_EQ(covered, 4);
  auto deserts = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "deserts"});
  // One desert area per township (新竹街道's with a 2 x 2 hole), 1,188 children in all.
  ASSERT_EQ(deserts.records.size(), 4u);
  int children = deserts.require_field("children_0_3", tuowei::gis::as_is("test"));
  int town = deserts.require_field("township_name", tuowei::gis::as_is("test"));
  double total = 0;
  std::set<std::string> towns;
  for (const auto& r : deserts.records) {
    total += std::stod(*r.values[children]);
    towns.insert(*r.values[town]);
  }
  EXPECT_NEAR(total, 1188, 1e-6);
  EXPECT_EQ(towns.size(), 4u);
  auto catchments = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "catchments"});
  ASSERT_EQ(catchments.records.size(), 1u);
  int per_child = catchments.require_field("places_per_child", tuowei::gis::as_is("test"));
  EXPECT_NEAR(std::stod(*catchments.records[0].values[per_child]), 1.0, 1e-12);
}

TEST(Access, TownshipDemandWithACostTable) {
  MiniProject p = MiniProject::create("access-table", {},
                                      "crs = \"EPSG:4326\"\n[access]\ndemand = \"townships\"\ncost_table = \"costs.csv\"\n"
                                      "cost_threshold = 15\n[deserts]\nchildren_per_place = 5\n");
  Cleanup c{p.dir};
  // Minutes from each township to a facility; 伶俐镇 reaches nothing in 15.
  p.write_file("costs.csv",
               "origin_id,destination_id,cost\n"
               "450103001000,F1,5\n450103001000,F3,12\n"
               "450103002000,F3,4\n"
               "450103103000,F4,8\n450103103000,F1,14\n"
               "450103104000,F4,25\n");
  TestRun run = tuowei::test::run_project(p.toml, true);
  // R(F1) = 45 / 600, R(F3) = 90 / 600, R(F4) = 45 / 300.
  EXPECT_NEAR(row(run.table(), "新竹街道").access_2sfca, 0.075 + 0.15, 1e-12);
  EXPECT_NEAR(row(run.table(), "南湖街道").access_2sfca, 0.15, 1e-12);
  EXPECT_NEAR(row(run.table(), "长塘镇").access_2sfca, 0.15 + 0.075, 1e-12);
  EXPECT_EQ(row(run.table(), "伶俐镇").coverage_rate, 0.0);
  EXPECT_NEAR(run.access().demand_times_access, 180, 1e-9);
  EXPECT_NEAR(run.access().supply_reached, 180, 1e-9);
  // More than 5 children per place: 南湖街道 (6.7) and 伶俐镇 (unserved).
  EXPECT_NEAR(row(run.table(), "南湖街道").children_in_deserts, 300, 1e-9);
  EXPECT_NEAR(row(run.table(), "新竹街道").children_in_deserts, 0, 1e-9);
  EXPECT_NEAR(run.table().total.children_in_deserts, 600, 1e-9);
}

TEST(Access, BadCostTablesAreReportedRecordByRecord) {
  MiniProject p = MiniProject::create("access-badtable", {},
                                      "crs = \"EPSG:4326\"\n[access]\ndemand = \"townships\"\ncost_table = \"costs.csv\"\n"
                                      "cost_threshold = 15\n");
  Cleanup c{p.dir};
  p.write_file("costs.csv",
               "origin_id,destination_id,cost\n"
               "450103001000,F1,-3\n"
               "450103001000,F3,soon\n"
               "450103002000,F3,4\n450103002000,F3,6\n"
               "999,F1,4\n"
               "450103103000,F9,4\n");
  try {
    tuowei::test::run_project(p.toml, true);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    std::string text = e.what();
    EXPECT_NE(text.find("record 1: cost -3 is negative"), std::string::npos) << text;
    EXPECT_NE(text.find("record 2: cost 'soon' is not a number"), std::string::npos) << text;
    EXPECT_NE(text.find("appears again (record 3)"), std::string::npos) << text;
    EXPECT_NE(text.find("not demand units (first: '999')"), std::string::npos) << text;
    EXPECT_NE(text.find("not facility ids (first: 'F9')"), std::string::npos) << text;
  }
}

TEST(Access, NoRadiusIsAnErrorAndNoFacilityAWarning) {
  MiniProject p = MiniProject::create("access-none", "机构编号,机构名称,托位数,经度,纬度\n",
                                      "crs = \"EPSG:4326\"\n[access]\nradius_m = 0\n");
  Cleanup c{p.dir};
  ValidationReport r = validate_project(p.toml);
  std::string text = r.problems.format();
  EXPECT_NE(text.find("radius_m must be > 0"), std::string::npos) << text;
  EXPECT_EQ(text.find("error: facilities"), std::string::npos) << text;
  // A district with no facility yet is analysed (everyone in a desert), not refused.
  EXPECT_NE(text.find("no facilities"), std::string::npos) << text;
}

TEST(Access, WithoutAnyFacilityEveryPopulatedCellIsADesert) {
  MiniProject p = MiniProject::create("access-empty", "机构编号,机构名称,托位数,经度,纬度\n");
  Cleanup c{p.dir};
  TestRun run = run_access(p, 800);
  EXPECT_NEAR(run.table().total.children_covered, 0, 1e-9);
  EXPECT_NEAR(run.table().total.children_in_deserts, run.table().total.children_0_3, 1e-6);
}

TEST(Access, FacilityWithZeroPlacesCoversButAddsNothing) {
  std::string facilities = "机构编号,机构名称,托位数,是否普惠,经度,纬度\nF1,甲,0,是,108.05,22.85\n";
  MiniProject p = MiniProject::create("access-zero", facilities);
  Cleanup c{p.dir};
  TestRun run = run_access(p, 800);
  EXPECT_NEAR(run.table().total.children_covered, 12, 1e-9);
  EXPECT_NEAR(run.access().mean_access, 0.0, 1e-15);
  bool warned = false;
  for (const auto& pr : run.problems().all()) warned |= pr.message.en().find("0 places") != std::string::npos;
  EXPECT_TRUE(warned);
}

namespace {
std::string slurp_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}
}  // namespace

// Walking on streets ([access] network): F3 (108.15, 22.85) in 南湖街道 sits
// on the corner of four 0.01-degree cells. One street runs east-west
// through the centres of the two cells south of it (22.845 N), joined to
// F3 by a 555 m lane; nothing else is walkable. Within 1,200 m in a
// straight line F3 reaches all four cells; on foot the two southern ones
// (555 m down the lane, 513 m along the street) but not the northern two
// (555 m more from the street).
TEST(Access, OnFootAFacilityReachesOnlyWhatTheStreetsLeadTo) {
  MiniProject p = MiniProject::create(
      "access-walk", {},
      "crs = \"EPSG:4326\"\n[access]\nradius_m = 1200\nnetwork = \"streets.osm\"\nmax_snap_m = 600\n");
  Cleanup c{p.dir};
  tuowei::gis::OsmTags residential{{"highway", "residential"}};
  tuowei::gis::write_osm((p.dir / "streets.osm").string(),
                         {{1, 108.10, 22.845}, {2, 108.15, 22.845}, {3, 108.20, 22.845}, {4, 108.15, 22.85},
                          {5, 108.10, 22.745}, {6, 108.20, 22.745}},
                         {{10, {1, 2, 3}, residential}, {11, {4, 2}, {{"highway", "footway"}}},
                          {12, {5, 6}, residential}});  // a street in 伶俐镇 joined to nothing
  TestRun walk = run_access(p, 1200, p.dir / "out");
  EXPECT_NEAR(row(walk.table(), "南湖街道").children_covered, 6, 1e-9);
  // In the GeoPackage as multipolygons (streets may part a catchment).
  const auto layer = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "catchments"});
  ASSERT_EQ(layer.records.size(), 5u);
  ASSERT_TRUE(layer.records[2].geometry);
  EXPECT_EQ(wkbFlatten(layer.records[2].geometry->getGeometryType()), wkbMultiPolygon);
  // Straight lines: all four.
  std::string toml = slurp_file(p.toml);
  toml.replace(toml.find("network = "), 9, "# network");
  std::ofstream(p.toml, std::ios::binary) << toml;
  TestRun straight = run_access(p, 1200);
  EXPECT_NEAR(row(straight.table(), "南湖街道").children_covered, 12, 1e-9);
  // The cells far from the one street reach nothing, and that is said.
  const std::string text = walk.problems().format();
  EXPECT_NE(text.find("lie more than 600 m from any walkable street"), std::string::npos) << text;
  EXPECT_NE(text.find("not joined to the main network (2 pieces); they reach only facilities on the same piece "
                      "(most in: 伶俐镇"),
            std::string::npos)
      << text;
  // F3's catchment is the outline of the two cells it reaches on foot.
  for (const Catchment& ct : walk.access().catchments) {
    if (ct.facility != 2) continue;
    ASSERT_TRUE(ct.geometry);
    EXPECT_NEAR(OGR_G_Area(OGRGeometry::ToHandle(ct.geometry.get())), 2 * 0.01 * 0.01, 1e-9);
  }
}

TEST(Access, CatchmentsAndBandwidthsInMinutesOfWalking) {
  MiniProject p = MiniProject::create(
      "access-minutes", {},
      "crs = \"EPSG:4326\"\n[access]\nradius_min = 10\nbandwidth_min = 5\ndecay = \"gaussian\"\n");
  Cleanup c{p.dir};
  Problems problems;
  Project project = read_project(p.toml, problems);
  ASSERT_FALSE(problems.has_errors()) << problems.format();
  EXPECT_NEAR(project.access.radius_m, 600, 1e-9);  // 60 m a minute
  EXPECT_NEAR(project.access.gaussian_bandwidth, 300, 1e-9);
  MiniProject q = MiniProject::create("access-both", {},
                                      "crs = \"EPSG:4326\"\n[access]\nradius_min = 10\nradius_m = 300\n");
  Cleanup d{q.dir};
  Problems both;
  read_project(q.toml, both);
  EXPECT_NE(both.format().find("radius_m or radius_min, not both"), std::string::npos) << both.format();
}
