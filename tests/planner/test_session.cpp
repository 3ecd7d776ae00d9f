// What-if edits give the same numbers, catchments and desert polygons as a
// full run on the edited facilities; proposals start from the edited state.
#include <gtest/gtest.h>

#include "mini_project.h"
#include "planner/session.h"
#include "planner/siting/propose.h"

namespace fs = std::filesystem;
using namespace tuowei::planner;
using tuowei::test::Cleanup;
using tuowei::test::MiniProject;
using tuowei::test::row;

namespace {

const char* kAccess = "crs = \"EPSG:4326\"\n[access]\nradius_m = 1500\n[deserts]\nmin_patch_children = 4\n";

std::unique_ptr<Session> open(const MiniProject& p) {
  Project project = read_project_or_throw(p.toml);
  auto study = std::make_shared<const Study>(load_study(project));
  return Session::start(study, project.access, project.targets);
}

// The whole analysis run afresh on the session's facilities.
Analysis rerun(const Session& s) {
  return analyse(s.facilities(), s.table().targets, s.access().settings);
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

void expect_same(const AccessResult& a, const AccessResult& b) {
  ASSERT_EQ(a.catchments.size(), b.catchments.size());
  for (size_t j = 0; j < a.catchments.size(); ++j) {
    EXPECT_EQ(a.catchments[j].facility, b.catchments[j].facility);
    EXPECT_NEAR(a.catchments[j].weighted_demand, b.catchments[j].weighted_demand, 1e-9) << j;
    EXPECT_EQ(std::isnan(a.catchments[j].places_per_child), std::isnan(b.catchments[j].places_per_child)) << j;
    ASSERT_TRUE(a.catchments[j].geometry && b.catchments[j].geometry);
    EXPECT_TRUE(a.catchments[j].geometry->Equals(b.catchments[j].geometry.get())) << j;
  }
  ASSERT_EQ(a.deserts.size(), b.deserts.size());
  for (size_t k = 0; k < a.deserts.size(); ++k) {
    const DesertArea &x = a.deserts[k], &y = b.deserts[k];
    EXPECT_EQ(x.township, y.township);
    EXPECT_EQ(x.patches, y.patches);
    EXPECT_EQ(x.small_patches, y.small_patches);
    EXPECT_NEAR(x.children_0_3, y.children_0_3, 1e-9);
    EXPECT_NEAR(x.area_km2, y.area_km2, 1e-9);
    EXPECT_EQ(bool(x.geometry), bool(y.geometry));
    if (x.geometry && y.geometry) EXPECT_TRUE(x.geometry->Equals(y.geometry.get())) << k;
  }
  EXPECT_NEAR(a.mean_access, b.mean_access, 1e-12);
  EXPECT_NEAR(a.supply_reached, b.supply_reached, 1e-9);
  EXPECT_EQ(a.cells.reached_by, b.cells.reached_by);
  EXPECT_EQ(a.cells.desert, b.cells.desert);
}

void expect_rerun(const Session& s) {
  Analysis fresh = rerun(s);
  expect_same(s.table(), fresh.table);
  expect_same(s.access(), *fresh.access);
}

}  // namespace

TEST(Session, OpensWithTheSameNumbersAsAFullRun) {
  MiniProject p = MiniProject::create("session-open", {}, kAccess);
  Cleanup c{p.dir};
  auto s = open(p);
  expect_rerun(*s);
  // And as the CLI's run of the project file.
  expect_same(s->table(), tuowei::test::run_project(p.toml, true).table());
}

TEST(Session, AddingAFacilityEqualsRerunningWithIt) {
  MiniProject p = MiniProject::create("session-add", {}, kAccess);
  Cleanup c{p.dir};
  auto s = open(p);
  const size_t deserts_before = s->access().deserts.size();
  Facility f;
  f.id = "N1";
  f.places = 80;
  f.inclusive = true;
  f.lon = 108.15;
  f.lat = 22.75;
  const int j = s->add_facility(f);
  EXPECT_EQ(j, 5);
  EXPECT_FALSE(s->changed_townships().empty());
  EXPECT_FALSE(s->redrawn_deserts().empty());
  ASSERT_EQ(s->access().catchments.size(), 6u);
  EXPECT_TRUE(s->access().catchments[5].geometry);
  expect_rerun(*s);
  EXPECT_GE(deserts_before, s->access().deserts.size());

  // The same as a project whose register holds the new facility.
  MiniProject q = MiniProject::create(
      "session-add-ref", tuowei::test::default_facilities_csv() + "N1,新,托育机构,公办,80,,是,108.15,22.75\n", kAccess);
  Cleanup cq{q.dir};
  expect_same(s->table(), tuowei::test::run_project(q.toml, true).table());
}

TEST(Session, RemovingAndMovingFacilitiesEqualRerunning) {
  MiniProject p = MiniProject::create("session-edit", {}, kAccess);
  Cleanup c{p.dir};
  auto s = open(p);
  s->remove_facility(2);               // F3
  expect_rerun(*s);
  s->move_facility(0, 108.16, 22.74);  // F1 into 伶俐镇
  expect_rerun(*s);
  EXPECT_EQ(s->facilities()[0].township, 3);
  std::string moved =
      "机构编号,机构名称,类型,举办性质,托位数,在托人数,是否普惠,经度,纬度\n"
      "F1,新竹社区托育中心,托育机构,公办,45,30,是,108.16,22.74\n"
      "F2,新竹家庭托育点,家庭托育点,民办,15,20,否,108.02,22.88\n"
      "F4,长塘镇托育园,托育机构,民办,45,10,否,108.05,22.75\n"
      "F5,边界外托育点,托育机构,民办,20,5,否,108.5,22.5\n";
  MiniProject q = MiniProject::create("session-edit-ref", moved, kAccess);
  Cleanup cq{q.dir};
  expect_same(s->table(), tuowei::test::run_project(q.toml, true).table());
}

TEST(Session, EditsLeaveTheStudyAsLoaded) {
  MiniProject p = MiniProject::create("session-study", {}, kAccess);
  Cleanup c{p.dir};
  auto s = open(p);
  s->remove_facility(0);
  s->add_facility(Facility{.places = 10, .lon = 108.05, .lat = 22.75});
  EXPECT_EQ(s->study().facilities().size(), 5u);
  EXPECT_EQ(s->study().facilities()[0].id, "F1");
  EXPECT_EQ(s->facilities().size(), 5u);
  EXPECT_EQ(s->facilities()[0].id, "F2");
}

TEST(Session, ProposalsStartFromTheEditedState) {
  MiniProject p = MiniProject::create(
      "session-propose", {},
      std::string(kAccess) + "[proposals]\ncandidates = \"candidates.csv\"\ncandidates_crs = \"EPSG:4326\"\n");
  Cleanup c{p.dir};
  // C1 reaches 12 uncovered children (four cells), C2 in the grid's corner 3.
  p.write_file("candidates.csv", "编号,名称,托位数,经度,纬度\nC1,伶俐,80,108.15,22.75\nC2,角,80,108.2,22.7\n");
  auto s = open(p);
  ProposalConfig settings = s->study().project().proposals;
  settings.sites = 1;
  EXPECT_EQ(propose(s->current(), settings).proposals.at(0).site.id, "C1");
  // A what-if facility at C1 covers its children...
  s->add_facility(Facility{.places = 80, .inclusive = true, .lon = 108.15, .lat = 22.75});
  ProposalRun run = propose(s->current(), settings);
  ASSERT_EQ(run.proposals.size(), 1u);
  // ...so the proposal goes elsewhere, and the after state keeps the edit.
  EXPECT_EQ(run.proposals[0].site.id, "C2");
  EXPECT_EQ(run.after.size(), 7u);
  EXPECT_EQ(run.after[5].places, 80);  // the edit
  EXPECT_NEAR(row(run.after_table, "伶俐镇").places, 160, 1e-9);  // the edit and C2
  // The after state equals a full rerun on the edited facilities plus the site.
  Analysis fresh = analyse(run.after, run.after_table.targets, s->access().settings);
  expect_same(run.after_table, fresh.table);
  expect_same(run.after_access, *fresh.access);
}
