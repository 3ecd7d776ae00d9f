// Choropleth classes: quantile breaks that keep ties together, ColorBrewer
// palettes, and a changed state drawn on the loaded scale.
#include <gtest/gtest.h>

#include <cmath>

#include "gis/classify.h"

using namespace tuowei::gis;

TEST(Classify, QuantileBreaksKeepTiesTogether) {
  // 0, 0, 0, 0, 1, 2, ..., 6: the zeros make one class of their own.
  ClassBreaks b = quantile_breaks({0, 0, 0, 0, 1, 2, 3, 4, 5, 6, NAN}, 5);
  EXPECT_GE(b.classes(), 3);
  EXPECT_LE(b.classes(), 5);
  EXPECT_EQ(b.class_of(0), 0);
  EXPECT_EQ(b.counts[0], 4);
  EXPECT_EQ(b.class_of(NAN), -1);
  EXPECT_EQ(b.class_of(6), b.classes() - 1);
  int total = 0;
  for (int c : b.counts) total += c;
  EXPECT_EQ(total, 10);
  for (size_t k = 1; k < b.edges.size(); ++k) EXPECT_GE(b.edges[k], b.edges[k - 1]);
  // Values equal but for rounding share a class.
  b = quantile_breaks({0, 4.4999999999999, 4.5, 6}, 5);
  EXPECT_EQ(b.class_of(4.4999999999999), b.class_of(4.5));
  // One value: one class; none: none.
  EXPECT_EQ(quantile_breaks({2, 2, 2}, 5).classes(), 1);
  EXPECT_EQ(quantile_breaks({NAN}, 5).classes(), 0);
}

TEST(Classify, ColorBrewerPalettes) {
  EXPECT_EQ(sequential_palette(Palette::blues, 5).back().hex(), "#08519c");
  EXPECT_EQ(sequential_palette(Palette::yl_or_rd, 5).front().hex(), "#ffffb2");
  EXPECT_EQ(sequential_palette(Palette::blues, 12).size(), 9u);
  EXPECT_EQ(Rgb::from_hex("#08519c"), (Rgb{8, 81, 156}));
}

TEST(Classify, ChoroplethKeepsTheBaseScale) {
  auto text = [](double v) { return std::to_string(int(std::lround(v))); };
  const std::vector<double> base = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const std::vector<double> shown = {0.5, 2, 3, 4, 5, 6, 7, 8, 9, 12, NAN};
  Choropleth c = make_choropleth(base, shown, Palette::blues, true, text, "none");
  ASSERT_EQ(c.colors.size(), 11u);
  EXPECT_EQ(c.colors[0], c.colors[1]);  // below the base's minimum: the first class
  EXPECT_EQ(c.colors[9], c.colors[8]);  // above its maximum: the last
  EXPECT_EQ(c.colors[10], no_data_rgb());
  ASSERT_EQ(c.legend.size(), 6u);
  EXPECT_EQ(c.legend.back().label, "none");
  EXPECT_EQ(c.legend[4].label.rfind("≥ ", 0), 0u);
}
