// Site proposals on the mini project (mini_project.h): 伶俐镇 (108.1-108.2 E,
// 22.7-22.8 N) has 5,000 residents, 300 under-3s and no facility.
#include <gtest/gtest.h>

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
  double lon = std::stod(*layer.records[0].values[layer.require_field("lon", "t")]);
  double gcj = std::stod(*layer.records[0].values[layer.require_field("gcj02_lon", "t")]);
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
