// Indicator arithmetic and ranking, on rows and on the mini project.
#include <gtest/gtest.h>

#include "mini_project.h"
#include "planner/indicators.h"
#include "planner/study.h"

using namespace tuowei::planner;
using tuowei::test::row;

TEST(Indicators, DeriveComputesRatesAndWholePlacesNeeded) {
  IndicatorRow r;
  r.population = 12345;
  r.children_0_3 = 400;
  r.places = 30;
  r.inclusive_places = 12;
  r.enrolled = 25;
  derive(r, Targets{});
  EXPECT_NEAR(r.places_per_1000, 30.0 / 12345 * 1000, 1e-12);
  EXPECT_NEAR(r.enrolment_rate, 25.0 / 400, 1e-12);
  EXPECT_NEAR(r.inclusive_share, 0.4, 1e-12);
  EXPECT_EQ(r.places_needed, 26.0);  // 4.5 x 12.345 = 55.55 -> 56 - 30
}

TEST(Indicators, UnitAtTargetNeedsNothing) {
  IndicatorRow r;
  r.population = 20000;
  r.places = 90;
  derive(r, Targets{});
  EXPECT_EQ(r.places_needed, 0.0);
}

TEST(Indicators, EmptyUnitsHaveNoRatesRatherThanZero) {
  IndicatorRow r;
  derive(r, Targets{});
  EXPECT_TRUE(std::isnan(r.places_per_1000));
  EXPECT_TRUE(std::isnan(r.enrolment_rate));
  EXPECT_TRUE(std::isnan(r.inclusive_share));
}

TEST(Indicators, TiesShareARankAndTheNextRankIsSkipped) {
  IndicatorRow a, b, c, d, e;
  a.places_per_1000 = 6.0;
  b.places_per_1000 = 4.5;
  c.places_per_1000 = 4.5;
  d.places_per_1000 = 0.0;
  e.places_per_1000 = NAN;
  std::vector<int> rank;
  rank_by_places_per_1000({&d, &b, &a, &e, &c}, rank);
  EXPECT_EQ(rank, (std::vector<int>{4, 2, 1, 0, 2}));
}

class MiniIndicators : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    project_ = new tuowei::test::MiniProject(tuowei::test::MiniProject::create("indicators"));
    run_ = new tuowei::test::TestRun(tuowei::test::run_project(project_->toml));
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(project_->dir);
    delete run_;
    delete project_;
  }
  static tuowei::test::MiniProject* project_;
  static tuowei::test::TestRun* run_;
};
tuowei::test::MiniProject* MiniIndicators::project_ = nullptr;
tuowei::test::TestRun* MiniIndicators::run_ = nullptr;

TEST_F(MiniIndicators, PopulationIsTheExactSumOfCellsInEachTownship) {
  EXPECT_NEAR(row(run_->table(), "新竹街道").population, 10000, 1e-6);
  EXPECT_NEAR(row(run_->table(), "南湖街道").population, 20000, 1e-6);
  EXPECT_NEAR(row(run_->table(), "伶俐镇").population, 5000, 1e-6);
  EXPECT_NEAR(row(run_->table(), "长塘镇").children_0_3, 300, 1e-6);
}

TEST_F(MiniIndicators, FacilitiesAreCountedInTheTownshipThatHoldsThem) {
  const auto& a = row(run_->table(), "新竹街道");
  EXPECT_EQ(a.facilities, 2);
  EXPECT_EQ(a.places, 60);
  EXPECT_EQ(a.inclusive_places, 45);
  EXPECT_EQ(a.enrolled, 50);
  EXPECT_NEAR(a.places_per_1000, 6.0, 1e-9);
  EXPECT_NEAR(a.enrolment_rate, 50.0 / 300, 1e-9);
  EXPECT_NEAR(a.inclusive_share, 0.75, 1e-12);
  EXPECT_EQ(row(run_->table(), "伶俐镇").facilities, 0);
}

TEST_F(MiniIndicators, RanksOverallAndWithinTheCounty) {
  EXPECT_EQ(row(run_->table(), "新竹街道").rank_overall, 1);
  EXPECT_EQ(row(run_->table(), "南湖街道").rank_overall, 2);
  EXPECT_EQ(row(run_->table(), "长塘镇").rank_overall, 2);
  EXPECT_EQ(row(run_->table(), "伶俐镇").rank_overall, 4);
  EXPECT_EQ(row(run_->table(), "南湖街道").rank_in_parent, 2);
  EXPECT_EQ(row(run_->table(), "长塘镇").rank_in_parent, 1);
  EXPECT_EQ(row(run_->table(), "伶俐镇").rank_in_parent, 2);
}

TEST_F(MiniIndicators, PlacesNeededAddUpFromTownships) {
  EXPECT_EQ(row(run_->table(), "伶俐镇").places_needed, 23);  // 4.5 x 5 = 22.5 -> 23
  EXPECT_EQ(row(run_->table(), "南湖街道").places_needed, 0);
  EXPECT_EQ(run_->table().total.places_needed, 23);
}

TEST_F(MiniIndicators, CountiesAddUpTheirTownships) {
  ASSERT_EQ(run_->table().parents.size(), 2u);
  const IndicatorRow& jia = run_->table().parents[0];
  EXPECT_EQ(jia.name, "甲区");
  EXPECT_NEAR(jia.population, 30000, 1e-6);
  EXPECT_EQ(jia.places, 150);
  EXPECT_NEAR(jia.places_per_1000, 5.0, 1e-9);
  EXPECT_EQ(run_->table().parents[0].rank_overall, 1);
  EXPECT_EQ(run_->table().parents[1].rank_overall, 2);
}

TEST_F(MiniIndicators, FacilityOutsideEveryTownshipIsReportedAndCountedInTheTotal) {
  ASSERT_EQ(run_->table().unassigned_facilities.size(), 1u);
  EXPECT_EQ(run_->facilities()[run_->table().unassigned_facilities[0]].id, "F5");
  EXPECT_EQ(run_->table().total.places, 215);
  bool warned = false;
  for (const auto& p : run_->problems().all()) warned |= p.message.en().find("outside every township") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST_F(MiniIndicators, OverfullFacilityIsWarnedAbout) {
  bool warned = false;
  for (const auto& p : run_->problems().all()) {
    warned |= p.message.en().find("more children enrolled than places: record 2 F2 (20 in 15)") != std::string::npos;
  }
  EXPECT_TRUE(warned);
}

TEST(Indicators, TargetOverrideChangesPlacesNeeded) {
  auto p = tuowei::test::MiniProject::create("target");
  tuowei::test::TestRun run =
      tuowei::test::run_project(p.toml, false, [](Project& project) { project.targets.places_per_1000 = 6.0; });
  EXPECT_EQ(row(run.table(), "南湖街道").places_needed, 30);  // 6 x 20 - 90
  std::filesystem::remove_all(p.dir);
}
