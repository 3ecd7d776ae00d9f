// The one pass over the population rasters: township sums and the populated
// cells with their exact township shares, whatever the number of threads.
#include <gtest/gtest.h>

#include "../gis/threads.h"
#include "gis/parallel.h"
#include "mini_project.h"
#include "planner/access.h"
#include "planner/study.h"

using namespace tuowei::planner;
using tuowei::test::Cleanup;
using tuowei::test::MiniProject;
using tuowei::test::Threads;

namespace {

Study load(const MiniProject& p, bool cells = true) {
  LoadOptions o;
  o.cells = cells;
  return load_study(read_project_or_throw(p.toml), o);
}

}  // namespace

TEST(Demand, CellsSharedOutByTownshipAddUpToItsChildren) {
  // Townships cut across cells: shift them by a third of a cell.
  MiniProject p = MiniProject::create("demand-shares");
  Cleanup c{p.dir};
  p.write_file("townships.geojson",
               R"({"type":"FeatureCollection","features":[)"
               R"({"type":"Feature","properties":{"code":"1","name":"西"},"geometry":{"type":"Polygon","coordinates":[[[108.0,22.7],[108.1033,22.7],[108.1033,22.9],[108.0,22.9],[108.0,22.7]]]}},)"
               R"({"type":"Feature","properties":{"code":"2","name":"东"},"geometry":{"type":"Polygon","coordinates":[[[108.1033,22.7],[108.2,22.7],[108.2,22.9],[108.1033,22.9],[108.1033,22.7]]]}}]})");
  p.write_file("project.toml",
               "[townships]\npath = \"townships.geojson\"\n[population]\nlayout = \"rasters\"\nresidents = "
               "\"residents.tif\"\nchildren_0_3 = \"under3.tif\"\n[facilities]\npath = \"facilities.csv\"\ncrs = "
               "\"EPSG:4326\"\n");
  Study s = load(p);
  const DemandCells& cells = s.demand().cells;
  ASSERT_EQ(cells.size(), 400u);  // 20 x 20 cells of 3 under-3s
  std::vector<double> sums(2, 0.0);
  int split = 0;
  for (size_t i = 0; i < cells.size(); ++i) {
    double f = 0;
    for (const TownshipShare& sh : cells.shares(i)) {
      sums[size_t(sh.township)] += sh.fraction * cells.children(i);
      f += sh.fraction;
    }
    EXPECT_NEAR(f, 1.0, 1e-12);
    split += cells.shares(i).size() == 2;
  }
  EXPECT_EQ(split, 20);  // the column the boundary cuts
  EXPECT_NEAR(sums[0], s.demand().townships[0].children_0_3, 1e-9);
  EXPECT_NEAR(sums[1], s.demand().townships[1].children_0_3, 1e-9);
  EXPECT_NEAR(sums[0], 3 * 20 * 10.33, 1e-6);
  // Each cell's main township holds the larger share.
  EXPECT_EQ(cells.cells_of(0).size() + cells.cells_of(1).size(), 400u);
  EXPECT_EQ(cells.cells_of(0).size(), 200u);  // columns 0-9; column 10 is a third west, two thirds east
}

TEST(Demand, WithoutCellsTheTownshipSumsAreTheSame) {
  MiniProject p = MiniProject::create("demand-nocells");
  Cleanup c{p.dir};
  Study with = load(p, true), without = load(p, false);
  EXPECT_TRUE(without.demand().cells.empty());
  EXPECT_EQ(with.demand().cells.size(), 400u);
  for (size_t t = 0; t < 4; ++t) {
    EXPECT_EQ(with.demand().townships[t].residents, without.demand().townships[t].residents);
    EXPECT_EQ(with.demand().townships[t].children_0_3, without.demand().townships[t].children_0_3);
  }
}

TEST(Demand, OneThreadAndSeveralLoadBitwiseTheSameStudy) {
  MiniProject p = MiniProject::create("demand-threads", {}, "crs = \"EPSG:4326\"\n[access]\nradius_m = 1500\n");
  Cleanup c{p.dir};
  std::optional<Study> one, four;
  {
    Threads t(1);
    one.emplace(load(p));
  }
  {
    Threads t(4);
    four.emplace(load(p));
  }
  for (size_t t = 0; t < 4; ++t) {
    EXPECT_EQ(one->demand().townships[t].residents, four->demand().townships[t].residents);
    EXPECT_EQ(one->demand().townships[t].children_0_3, four->demand().townships[t].children_0_3);
  }
  const DemandCells &a = one->demand().cells, &b = four->demand().cells;
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_EQ(a.points().x(i), b.points().x(i));
    ASSERT_EQ(a.points().y(i), b.points().y(i));
    ASSERT_EQ(a.children(i), b.children(i));
    ASSERT_EQ(a.shares(i).size(), b.shares(i).size());
  }
  // And the same access on both.
  const AccessConfig settings = one->project().access;
  AccessResult x, y;
  {
    Threads t(1);
    x = compute_access(FacilitySet(*one), settings);
  }
  {
    Threads t(4);
    y = compute_access(FacilitySet(*four), settings);
  }
  EXPECT_EQ(x.cells.access.size(), y.cells.access.size());
  for (size_t i = 0; i < x.cells.access.size(); ++i) {
    ASSERT_TRUE(x.cells.access[i] == y.cells.access[i] || (std::isnan(x.cells.access[i]) && std::isnan(y.cells.access[i])));
  }
  EXPECT_EQ(x.demand_times_access, y.demand_times_access);
  for (size_t t = 0; t < 4; ++t) EXPECT_EQ(x.townships[t].children_covered, y.townships[t].children_covered);
}

TEST(Demand, MoreCellsThanTheStudyMayHoldIsAClearError) {
  MiniProject p = MiniProject::create("demand-max");
  Cleanup c{p.dir};
  Project project = read_project_or_throw(p.toml);
  project.population.max_cells = 100;
  try {
    load_study(project);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string text = e.what();
    EXPECT_NE(text.find("more than 100 populated cells"), std::string::npos) << text;
    EXPECT_NE(text.find("[population] max_cells"), std::string::npos) << text;
  }
  // The township indicators do not need the cells.
  LoadOptions o;
  o.cells = false;
  EXPECT_EQ(load_study(project, o).demand().townships.size(), 4u);
}
