// The study's units ranked among the region's: competition ranks, the
// study's own figures replacing a table row, bad rows named.
#include <gtest/gtest.h>

#include "mini_project.h"
#include "planner/region.h"

using namespace tuowei::planner;
using tuowei::test::Cleanup;
using tuowei::test::MiniProject;

namespace {

RegionRanking rank(const MiniProject& p, const std::string& csv, Problems& problems) {
  p.write_file("region.csv", csv);
  tuowei::test::TestRun run = tuowei::test::run_project(p.toml);
  ReportConfig cfg;
  cfg.region_table = (p.dir / "region.csv").string();
  return rank_in_region(cfg, run.table(), "测试区", problems);
}

}  // namespace

TEST(Region, StudyCountiesRankAmongTheTableWithTies) {
  MiniProject p = MiniProject::create("region-ranks");
  Cleanup c{p.dir};
  Problems problems;
  // 甲区 has 150 places for 30,000 residents (5.0), 乙县 45 for 15,000 (3.0).
  // A table row for 450101 (甲区) is replaced by the computed figures; 丙县
  // ties 甲区.
  const RegionRanking r = rank(p,
                               "区划代码,名称,常住人口,托位数,在托人数,0-3岁人口\n"
                               "450101,甲区(表),10,1000,1,1\n"
                               "450103,丙县,20000,100,40,400\n"
                               "450104,丁县,10000,20,,\n",
                               problems);
  EXPECT_FALSE(problems.has_errors()) << problems.format();
  ASSERT_EQ(r.units.size(), 4u);
  EXPECT_EQ(r.ranked_places, 4);
  std::map<std::string, const RegionUnit*> by;
  for (const RegionUnit& u : r.units) by[u.name] = &u;
  ASSERT_TRUE(by.count("甲区") && by.count("丙县") && by.count("乙县") && by.count("丁县"));
  EXPECT_FALSE(by.count("甲区(表)"));
  EXPECT_TRUE(by["甲区"]->in_study);
  EXPECT_NEAR(by["甲区"]->places_per_1000, 5.0, 1e-9);  // the zonal sums, to rounding
  EXPECT_EQ(by["甲区"]->rank_places, 1);
  EXPECT_EQ(by["丙县"]->rank_places, 1);  // a tie: "1, 1, 3, 4"
  EXPECT_EQ(by["乙县"]->rank_places, 3);
  EXPECT_EQ(by["丁县"]->rank_places, 4);
  EXPECT_EQ(by["丁县"]->rank_enrolment, 0);  // no enrolment given: unranked
  EXPECT_EQ(r.units.front().rank_places, 1);
}

TEST(Region, BadRowsAreNamed) {
  MiniProject p = MiniProject::create("region-bad");
  Cleanup c{p.dir};
  Problems problems;
  rank(p, "区划代码,名称,常住人口,托位数\n450103,丙县,很多,100\n450103,丙县,1,1\n,合计,1,1\n", problems);
  const std::string text = problems.format();
  EXPECT_NE(text.find("record 1 (区划代码 450103): 常住人口 '很多' is not a count >= 0"), std::string::npos) << text;
  EXPECT_NE(text.find("record 2 (区划代码 450103): duplicate code: record 1"), std::string::npos) << text;
  EXPECT_NE(text.find("record 3: the unit's code is empty"), std::string::npos) << text;
  Problems missing;
  rank(p, "代码,常住人口,托位数\n1,1,1\n", missing);
  EXPECT_NE(missing.format().find("no field '区划代码'"), std::string::npos) << missing.format();
}
