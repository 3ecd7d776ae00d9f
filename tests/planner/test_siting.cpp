// Site proposals on the mini project (mini_project.h): 伶俐镇 (108.1-108.2 E,
// 22.7-22.8 N) has 5,000 residents, 300 under-3s and no facility.
#include <gtest/gtest.h>

#include <set>

#include "gis/vector.h"
#include "mini_project.h"
#include "planner/outputs.h"
#include "planner/siting/propose.h"

namespace fs = std::filesystem;
using namespace tuowei::planner;
using tuowei::test::MiniProject;
using tuowei::test::Cleanup;
using tuowei::test::row;

namespace {


// C1 sits on the corner of four 1 km cells of 伶俐镇 (12 children within
// 800 m); C2 at a cell centre of 伶俐镇 (3 children); C3 in 新竹街道 next to
// F1, where everything is already covered.
const char* kCandidates =
    "编号,名称,托位数,经度,纬度\n"
    "C1,伶俐社区服务中心,80,108.15,22.75\n"
    "C2,伶俐小学旧址,40,108.155,22.755\n"
    "C3,新竹幼儿园,60,108.051,22.851\n";

MiniProject with_candidates(const std::string& name, const std::string& extra = {}) {
  MiniProject p = MiniProject::create(
      name, {}, "crs = \"EPSG:4326\"\n[access]\nradius_m = 800\n[proposals]\ncandidates = \"candidates.csv\"\n"
                "candidates_crs = \"EPSG:4326\"\n" + extra);
  p.write_file("candidates.csv", kCandidates);
  return p;
}


// What a planner can override from the command line or the map.
struct Request {
  std::optional<int> sites;
  std::optional<Objective> objective;
  std::optional<tuowei::gis::Solver> solver;
  std::optional<double> radius_m, places;
  fs::path out_dir;
};

// The study with its access, and the proposals over it.
struct Proposed {
  tuowei::test::TestRun base;
  std::optional<ProposalRun> run;
  const ProposalRun* operator->() const { return &*run; }
};

Proposed run_proposals(const fs::path& toml, const Request& r) {
  Proposed out;
  ProposalConfig settings;
  out.base = tuowei::test::run_project(toml, true, [&](Project& project) {
    if (r.radius_m) project.access.radius_m = *r.radius_m;
    settings = project.proposals;
  });
  if (r.sites) settings.sites = *r.sites;
  if (r.objective) settings.objective = *r.objective;
  if (r.solver) settings.solver = *r.solver;
  if (r.places) settings.places = *r.places;
  out.run.emplace(propose(*out.base.result, settings));
  if (!r.out_dir.empty()) write_proposals(r.out_dir, *out.base.result, *out.run, Labels::en);
  return out;
}

}  // namespace

TEST(Siting, CoveragePicksTheCandidateReachingMostUncoveredChildren) {
  MiniProject p = with_candidates("siting-cover");
  Cleanup c{p.dir};
  Request o;
  o.sites = 1;
  Proposed run = run_proposals(p.toml, o);
  ASSERT_EQ(run->proposals.size(), 1u);
  EXPECT_EQ(run->proposals[0].site.id, "C1");
  EXPECT_NEAR(run->proposals[0].gain, 12, 1e-9);
  EXPECT_TRUE(run->solution.optimal);
  // After: 伶俐镇 has 80 places for 5,000 residents, and 12 more children covered.
  EXPECT_NEAR(row(run->after_table, "伶俐镇").places_per_1000, 16.0, 1e-9);
  EXPECT_NEAR(run->after_table.total.children_covered - run.base.table().total.children_covered, 12, 1e-9);
  EXPECT_EQ(row(run->after_table, "伶俐镇").places_needed, 0);
}

TEST(Siting, GreedyAndExactAgreeOnTheMiniProject) {
  MiniProject p = with_candidates("siting-exact");
  Cleanup c{p.dir};
  Request o;
  o.sites = 2;
  o.solver = tuowei::gis::Solver::exact;
  Proposed exact = run_proposals(p.toml, o);
  o.solver = tuowei::gis::Solver::greedy;
  Proposed greedy = run_proposals(p.toml, o);
  EXPECT_NEAR(exact->solution.objective, greedy->solution.objective, 1e-9);
  EXPECT_NEAR(exact->solution.objective, 12, 1e-9);  // C2's cell is one of C1's four
}

TEST(Siting, SetCoverByPlacesOpensOneSiteWhereTheTargetIsMissed) {
  MiniProject p = with_candidates("siting-places", "objective = \"setcover\"\nsetcover_target = \"places\"\n");
  Cleanup c{p.dir};
  Proposed run = run_proposals(p.toml, Request{});
  // Only 伶俐镇 misses 4.5 per 1,000 (needs 23 places); C1 (80) covers it.
  ASSERT_EQ(run->proposals.size(), 1u);
  EXPECT_EQ(run->proposals[0].site.id, "C1");
  EXPECT_TRUE(run->infeasible.empty());
  EXPECT_EQ(run->after_table.total.places_needed, 0);
}

TEST(Siting, SetCoverSaysWhichTownshipCannotBeReached) {
  MiniProject p = MiniProject::create("siting-infeasible", {},
                                      "crs = \"EPSG:4326\"\n[proposals]\nobjective = \"setcover\"\nsetcover_target = "
                                      "\"places\"\ncandidates = \"candidates.csv\"\ncandidates_crs = \"EPSG:4326\"\n");
  Cleanup c{p.dir};
  p.write_file("candidates.csv", "编号,名称,托位数,经度,纬度\nC3,新竹幼儿园,60,108.051,22.851\n");
  Proposed run = run_proposals(p.toml, Request{});
  ASSERT_EQ(run->infeasible.size(), 1u);
  EXPECT_NE(run->infeasible[0].find("伶俐镇"), std::string::npos) << run->infeasible[0];
  EXPECT_NE(run->infeasible[0].find("没有候选点"), std::string::npos) << run->infeasible[0];
  // Said as a warning too, so that "proven optimal" never stands alone.
  const std::string text = run->problems.format();
  EXPECT_NE(text.find("the target is not reached"), std::string::npos) << text;
}

TEST(Siting, CapacitatedServesNoMoreThanThePlaces) {
  MiniProject p = with_candidates("siting-cap", "objective = \"capacitated\"\n");
  Cleanup c{p.dir};
  p.write_file("candidates.csv", "编号,名称,托位数,经度,纬度\nC1,甲,5,108.15,22.75\n");
  Request o;
  o.sites = 1;
  Proposed run = run_proposals(p.toml, o);
  ASSERT_EQ(run->proposals.size(), 1u);
  EXPECT_NEAR(run->proposals[0].gain, 5, 1e-9);  // 12 children in reach, 5 places
}

TEST(Siting, WritesProposalsWithGcjCoordinatesAndBeforeAfterTables) {
  MiniProject p = with_candidates("siting-files");
  Cleanup c{p.dir};
  Request o;
  o.sites = 1;
  o.out_dir = p.dir / "out";
  run_proposals(p.toml, o);
  auto layer = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "proposals"});
  ASSERT_EQ(layer.records.size(), 1u);
  double lon = std::stod(*layer.records[0].values[layer.require_field("lon", tuowei::gis::as_is("t"))]);
  double gcj = std::stod(*layer.records[0].values[layer.require_field("gcj02_lon", tuowei::gis::as_is("t"))]);
  EXPECT_NEAR(lon, 108.15, 1e-9);
  EXPECT_NEAR(gcj - lon, 0.0042, 0.001);  // about 430 m east in Nanning
  auto after = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "townships_after"});
  EXPECT_EQ(after.records.size(), 4u);
  for (const char* f : {"proposals.csv", "townships_before_after.csv", "proposals.txt", "proposals.json"}) {
    EXPECT_TRUE(fs::exists(p.dir / "out" / f)) << f;
  }
}

TEST(Siting, BadRequestsSayWhatIsWrong) {
  MiniProject p = with_candidates("siting-bad");
  Cleanup c{p.dir};
  Request o;
  o.sites = 4;
  try {
    run_proposals(p.toml, o);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("only 3 candidates"), std::string::npos) << e.what();
  }
  o.sites = 1;
  o.places = 0;
  EXPECT_THROW(run_proposals(p.toml, o), InputError);
  // A candidate where every child is already covered reaches nobody new.
  p.write_file("candidates.csv", "编号,名称,托位数,经度,纬度\nC3,新竹幼儿园,60,108.051,22.851\n");
  Request q;
  q.sites = 1;
  q.radius_m = 100;
  try {
    run_proposals(p.toml, q);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no candidate reaches any child"), std::string::npos) << e.what();
  }
}

// Budgets, spread, forcing, site types and explanations. B1 and B2 lie on
// cell corners of 南湖街道 far from F3 (12 uncovered children each), B1b
// 0.003 degrees east of B1 (6), C2 at a cell centre of 伶俐镇 (3).
namespace {

const char* kSpreadCandidates =
    "编号,名称,托位数,投资,经度,纬度\n"
    "B1,南湖甲,80,100,108.12,22.82\n"
    "B1b,南湖甲东,80,100,108.123,22.82\n"
    "B2,南湖乙,80,100,108.18,22.88\n"
    "C2,伶俐小学旧址,40,20,108.155,22.755\n";

MiniProject spread_project(const std::string& name, const std::string& extra,
                           const std::string& candidates = kSpreadCandidates) {
  MiniProject p = MiniProject::create(
      name, {}, "crs = \"EPSG:4326\"\n[access]\nradius_m = 800\n[proposals]\ncandidates = \"candidates.csv\"\n"
                "candidates_crs = \"EPSG:4326\"\nsolver = \"exact\"\n" + extra);
  p.write_file("candidates.csv", candidates);
  return p;
}

std::set<std::string> chosen_ids(const Proposed& run) {
  std::set<std::string> ids;
  for (const Proposal& p : run->proposals) ids.insert(p.site.id);
  return ids;
}

}  // namespace

TEST(SitingRules, WithoutRulesBothSitesGoToTheTownshipWithMostUncoveredChildren) {
  MiniProject p = spread_project("rules-none", "sites = 2\n");
  Cleanup c{p.dir};
  Proposed run = run_proposals(p.toml, Request{});
  EXPECT_EQ(chosen_ids(run), (std::set<std::string>{"B1", "B2"}));
  EXPECT_NEAR(run->solution.objective, 24, 1e-9);
}

TEST(SitingRules, AtMostOneSitePerTownship) {
  MiniProject p = spread_project("rules-spread", "sites = 2\nmax_per_township = 1\n");
  Cleanup c{p.dir};
  Proposed run = run_proposals(p.toml, Request{});
  EXPECT_EQ(chosen_ids(run).count("C2"), 1u);
  EXPECT_NEAR(run->solution.objective, 15, 1e-9);
  EXPECT_TRUE(run->solution.optimal);
}

TEST(SitingRules, EveryShortTownshipGetsASiteWhereACandidateCanHelp) {
  // 伶俐镇 alone is short of 4.5 per 1,000; its only candidate covers 3.
  MiniProject p = spread_project("rules-short", "sites = 2\nsite_in_short_townships = true\n");
  Cleanup c{p.dir};
  Proposed run = run_proposals(p.toml, Request{});
  ASSERT_EQ(run->proposals.size(), 2u);
  EXPECT_EQ(chosen_ids(run).count("C2"), 1u);
  EXPECT_NEAR(run->solution.objective, 15, 1e-9);
}

TEST(SitingRules, RequiredAndForbiddenSites) {
  MiniProject p = spread_project("rules-force", "sites = 1\nrequired = [\"C2\"]\n");
  Cleanup c{p.dir};
  Proposed required = run_proposals(p.toml, Request{});
  EXPECT_EQ(chosen_ids(required), (std::set<std::string>{"C2"}));
  MiniProject q = spread_project("rules-forbid", "sites = 1\nforbidden = [\"B1\", \"B2\"]\n");
  Cleanup d{q.dir};
  Proposed forbidden = run_proposals(q.toml, Request{});
  EXPECT_EQ(chosen_ids(forbidden), (std::set<std::string>{"B1b"}));
  MiniProject r = spread_project("rules-unknown", "sites = 1\nrequired = [\"X9\"]\n");
  Cleanup e{r.dir};
  try {
    run_proposals(r.toml, Request{});
    FAIL();
  } catch (const InputError& err) {
    EXPECT_NE(std::string(err.what()).find("X9"), std::string::npos) << err.what();
  }
}

TEST(SitingRules, BudgetSpendsNoMoreThanItAndFindsTheBestWithinIt) {
  MiniProject p = spread_project("rules-budget", "budget = 120\n");
  Cleanup c{p.dir};
  Proposed run = run_proposals(p.toml, Request{});
  double spent = 0;
  for (const Proposal& s : run->proposals) spent += s.site.cost;
  EXPECT_LE(spent, 120 + 1e-9);
  EXPECT_NEAR(run->solution.objective, 15, 1e-9);  // a 南湖 site and C2
  EXPECT_EQ(chosen_ids(run).count("C2"), 1u);
  // Gain per cost alone would take the cheap C2 first and then afford
  // nothing: the best single site within the budget is worth more.
  MiniProject q = spread_project("rules-budget-ratio", "budget = 100\n",
                                 "编号,名称,托位数,投资,经度,纬度\nB1,南湖甲,80,100,108.12,22.82\n"
                                 "C2,伶俐小学旧址,40,1,108.155,22.755\n");
  Cleanup d{q.dir};
  for (auto solver : {tuowei::gis::Solver::greedy, tuowei::gis::Solver::exact}) {
    Request o;
    o.solver = solver;
    Proposed small = run_proposals(q.toml, o);
    EXPECT_EQ(chosen_ids(small), (std::set<std::string>{"B1"})) << int(solver);
  }
}

TEST(SitingRules, SiteTypesAreChosenTogetherWithTheirOwnReachAndCost) {
  const std::string types =
      "[[proposals.types]]\nname = \"社区托育点\"\nplaces = 30\nradius_m = 300\ncost = 10\n"
      "[[proposals.types]]\nname = \"托育服务中心\"\nplaces = 150\nradius_m = 1500\ncost = 50\n";
  const std::string one_place = "编号,名称,经度,纬度\nC2,伶俐小学旧址,108.155,22.755\n";
  // 300 m reaches C2's own cell (3 children); 1,500 m its four neighbours too (15).
  MiniProject p = spread_project("types-centre", "budget = 50\n" + types, one_place);
  Cleanup c{p.dir};
  Proposed centre = run_proposals(p.toml, Request{});
  ASSERT_EQ(centre->proposals.size(), 1u);
  EXPECT_EQ(centre->proposals[0].site.type, "托育服务中心");
  EXPECT_NEAR(centre->proposals[0].site.places, 150, 1e-9);
  EXPECT_NEAR(centre->solution.objective, 15, 1e-9);
  MiniProject q = spread_project("types-point", "budget = 20\n" + types, one_place);
  Cleanup d{q.dir};
  Proposed point = run_proposals(q.toml, Request{});
  ASSERT_EQ(point->proposals.size(), 1u);  // one type per place, however much budget is left
  EXPECT_EQ(point->proposals[0].site.type, "社区托育点");
  EXPECT_NEAR(point->solution.objective, 3, 1e-9);
}

TEST(SitingRules, EachSiteSaysWhatItChangesAndTheBestAlternativeNearby) {
  MiniProject p = spread_project("explain", "sites = 1\n");
  Cleanup c{p.dir};
  Request o;
  o.out_dir = p.dir / "out";
  Proposed run = run_proposals(p.toml, o);
  ASSERT_EQ(run->proposals.size(), 1u);
  const Proposal& s = run->proposals[0];
  EXPECT_TRUE(s.site.id == "B1" || s.site.id == "B2") << s.site.id;
  EXPECT_NEAR(s.children_newly_covered, 12, 1e-9);
  EXPECT_NEAR(s.township_per_1000_before, 4.5, 1e-9);
  EXPECT_NEAR(s.township_per_1000_after, 8.5, 1e-9);  // (90 + 80) places for 20,000
  if (s.site.id == "B1") {
    EXPECT_EQ(s.alternative_id, "B1b");
    EXPECT_NEAR(s.alternative_gain, 6, 1e-9);
    EXPECT_NEAR(s.alternative_change, -6, 1e-9);  // 12 newly covered by B1, 6 by B1b
    EXPECT_NEAR(s.alternative_distance_m, 308, 5);
  } else {
    EXPECT_TRUE(s.alternative_id.empty()) << s.alternative_id;  // nothing within 500 m of B2
  }
  auto layer = tuowei::gis::read_vector({(p.dir / "out/tuowei.gpkg").string(), "proposals"});
  ASSERT_EQ(layer.records.size(), 1u);
  EXPECT_NEAR(std::stod(*layer.records[0].values[layer.require_field("children_newly_covered", tuowei::gis::as_is("t"))]), 12, 1e-9);
  EXPECT_NEAR(std::stod(*layer.records[0].values[layer.require_field("township_per_1000_after", tuowei::gis::as_is("t"))]), 8.5, 1e-9);
}

TEST(SitingRules, ANewDistrictWithoutAnyFacilityGetsItsFirstSites) {
  const std::string no_facility = "机构编号,机构名称,类型,举办性质,托位数,在托人数,是否普惠,经度,纬度\n";
  MiniProject p = MiniProject::create(
      "siting-first", no_facility,
      "crs = \"EPSG:4326\"\n[access]\nradius_m = 800\n[proposals]\ncandidates = \"candidates.csv\"\n"
      "candidates_crs = \"EPSG:4326\"\nsites = 2\n");
  Cleanup c{p.dir};
  p.write_file("candidates.csv", kSpreadCandidates);
  Proposed run = run_proposals(p.toml, Request{});
  ASSERT_EQ(run->proposals.size(), 2u);
  EXPECT_NEAR(run.base.table().total.places, 0, 1e-9);
  EXPECT_NEAR(run->after_table.total.places, 160, 1e-9);
  EXPECT_NEAR(run->solution.objective, 24, 1e-9);  // B1 and B2: 12 children each, nobody covered before
}
