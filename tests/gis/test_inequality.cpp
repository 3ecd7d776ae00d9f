// Gini and Palma of weighted groups, against values worked out by hand.
#include <gtest/gtest.h>

#include "gis/inequality.h"

using tuowei::gis::inequality;

TEST(Inequality, EqualSharesHaveGiniZero) {
  auto q = inequality({1, 2, 3}, {5, 5, 5});
  EXPECT_NEAR(q.gini, 0.0, 1e-15);
  EXPECT_NEAR(q.bottom40, 0.4, 1e-15);
  EXPECT_NEAR(q.top10, 0.1, 1e-15);
  EXPECT_NEAR(q.palma, 0.25, 1e-15);
  EXPECT_EQ(q.mean, 5);
}

TEST(Inequality, HandComputedGroups) {
  // Half the people hold 0, half hold 2: Lorenz (0,0) (0.5,0) (1,1), area
  // 0.25, Gini 0.5; the bottom 40% hold nothing, so the Palma ratio is
  // undefined; the top 10% hold 0.2 of it.
  auto q = inequality({3, 3}, {2, 0});
  EXPECT_NEAR(q.gini, 0.5, 1e-15);
  EXPECT_EQ(q.bottom40, 0.0);
  EXPECT_NEAR(q.top10, 0.2, 1e-15);
  EXPECT_TRUE(std::isnan(q.palma));
  EXPECT_NEAR(q.share_zero, 0.5, 1e-15);
  // 1, 2, 3, 4 held by one person each: Gini = Σ|xi-xj| / (2 n² mean) = 20 / (2·16·2.5) = 0.25.
  q = inequality({1, 1, 1, 1}, {4, 1, 3, 2});
  EXPECT_NEAR(q.gini, 0.25, 1e-15);
  // Bottom 40% = person 1 and 0.6 of person 2: (1 + 0.6·2) / 10 = 0.22; top 10% = 0.4 of person 4 = 0.16.
  EXPECT_NEAR(q.bottom40, 0.22, 1e-15);
  EXPECT_NEAR(q.top10, 0.16, 1e-15);
  EXPECT_NEAR(q.palma, 0.16 / 0.22, 1e-14);
  ASSERT_EQ(q.lorenz.size(), 101u);
  EXPECT_EQ(q.lorenz[0], 0.0);
  EXPECT_NEAR(q.lorenz[25], 0.1, 1e-15);  // the poorest quarter: person 1
  EXPECT_NEAR(q.lorenz[40], 0.22, 1e-15);
  EXPECT_NEAR(q.lorenz[100], 1.0, 1e-15);
  for (size_t k = 1; k < q.lorenz.size(); ++k) EXPECT_GE(q.lorenz[k], q.lorenz[k - 1]);
  // Splitting a group changes nothing; NaN counts as 0; zero weights are left out.
  auto split = inequality({0.5, 0.5, 1, 1, 1, 0}, {4, 4, 1, 3, 2, 100});
  EXPECT_NEAR(split.gini, 0.25, 1e-15);
  EXPECT_NEAR(inequality({1, 1}, {NAN, 1}).gini, 0.5, 1e-15);
  EXPECT_TRUE(std::isnan(inequality({1}, {0}).gini));
  EXPECT_TRUE(std::isnan(inequality({}, {}).mean));
}
