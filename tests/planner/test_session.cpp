// What-if edits give the same numbers as a full run on the edited data.
#include <gtest/gtest.h>

#include "mini_project.h"
#include "planner/session.h"

namespace fs = std::filesystem;
using namespace tuowei::planner;
using tuowei::test::MiniProject;
using tuowei::test::Cleanup;
using tuowei::test::row;

namespace {


const char* kAccess = "crs = \"EPSG:4326\"\n[access]\nradius_m = 1500\n";

IndicatorTable full_run(const MiniProject& p) {
  IndicatorOptions o;
  o.access = true;
  return run_indicators(p.toml, o).table;
}

void expect_same(const IndicatorTable& a, const IndicatorTable& b) {
  ASSERT_EQ(a.townships.size(), b.townships.size());
  for (size_t i = 0; i < a.townships.size(); ++i) {
    const IndicatorRow &x = a.townships[i], &y = b.townships[i];
    EXPECT_EQ(x.places, y.places) << x.name;
    EXPECT_NEAR(x.places_per_1000, y.places_per_1000, 1e-9) << x.name;
    EXPECT_NEAR(x.children_covered, y.children_covered, 1e-6) << x.name;
    EXPECT_NEAR(x.inclusive_coverage_rate, y.inclusive_coverage_rate, 1e-9) << x.name;
    EXPECT_NEAR(x.access_2sfca, y.access_2sfca, 1e-9) << x.name;
    EXPECT_NEAR(x.children_in_deserts, y.children_in_deserts, 1e-6) << x.name;
    EXPECT_NEAR(x.desert_area_km2, y.desert_area_km2, 1e-6) << x.name;
  }
}

const std::string kBase = tuowei::test::default_facilities_csv();

}  // namespace

TEST(Session, OpensWithTheSameNumbersAsAFullRun) {
  MiniProject p = MiniProject::create("session-open", {}, kAccess);
  Cleanup c{p.dir};
  auto s = Session::open(p.toml);
  expect_same(s->table(), full_run(p));
}

TEST(Session, AddingAFacilityEqualsRerunningWithIt) {
  MiniProject p = MiniProject::create("session-add", {}, kAccess);
  Cleanup c{p.dir};
  auto s = Session::open(p.toml);
  Facility f;
  f.id = "N1";
  f.places = 80;
  f.inclusive = true;
  f.lon = 108.15;
  f.lat = 22.75;
  s->add_facility(f);
  EXPECT_FALSE(s->changed_townships().empty());

  MiniProject q = MiniProject::create("session-add-ref", kBase + "N1,新,托育机构,公办,80,,是,108.15,22.75\n", kAccess);
  Cleanup cq{q.dir};
  expect_same(s->table(), full_run(q));
}

TEST(Session, RemovingAndMovingFacilitiesEqualRerunning) {
  MiniProject p = MiniProject::create("session-edit", {}, kAccess);
  Cleanup c{p.dir};
  auto s = Session::open(p.toml);
  s->remove_facility(2);                  // F3
  s->move_facility(0, 108.16, 22.74);     // F1 into 伶俐镇
  std::string moved =
      "机构编号,机构名称,类型,举办性质,托位数,在托人数,是否普惠,经度,纬度\n"
      "F1,新竹社区托育中心,托育机构,公办,45,30,是,108.16,22.74\n"
      "F2,新竹家庭托育点,家庭托育点,民办,15,20,否,108.02,22.88\n"
      "F4,长塘镇托育园,托育机构,民办,45,10,否,108.05,22.75\n"
      "F5,边界外托育点,托育机构,民办,20,5,否,108.5,22.5\n";
  MiniProject q = MiniProject::create("session-edit-ref", moved, kAccess);
  Cleanup cq{q.dir};
  expect_same(s->table(), full_run(q));
}
