// North-up raster geometry: geotransforms, windows and grid equality.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "gis/error.h"
#include "gis/grid.h"

using tuowei::gis::Box;
using tuowei::gis::CellWindow;
using tuowei::gis::Grid;
namespace gis = tuowei::gis;

namespace {

// 100 m cells, 50 columns x 40 rows, top-left corner at (500000, 2530000).
Grid sample() { return Grid::from_geotransform({500000, 100, 0, 2530000, 0, -100}, 50, 40); }

std::string error_of(const std::array<double, 6>& gt) {
  try {
    Grid::from_geotransform(gt, 10, 10);
  } catch (const gis::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Grid, FromGeotransformReadsOriginCellSizeAndShape) {
  Grid g = sample();
  EXPECT_EQ(g.origin_x, 500000);
  EXPECT_EQ(g.origin_y, 2530000);
  EXPECT_EQ(g.cell_width, 100);
  EXPECT_EQ(g.cell_height, 100);
  EXPECT_EQ(g.cols, 50);
  EXPECT_EQ(g.rows, 40);
  EXPECT_EQ(g.cell_area(), 10000);
  EXPECT_EQ(g.geotransform(), (std::array<double, 6>{500000, 100, 0, 2530000, 0, -100}));
}

TEST(Grid, RotatedGeotransformIsRejected) {
  std::string msg = error_of({0, 1, 0.1, 10, 0, -1});
  EXPECT_NE(msg.find("rotated"), std::string::npos) << msg;
  EXPECT_NE(msg.find("gdalwarp"), std::string::npos) << msg;
  EXPECT_FALSE(error_of({0, 1, 0, 10, 0.1, -1}).empty());
}

TEST(Grid, SouthUpGeotransformIsRejected) {
  std::string msg = error_of({0, 1, 0, 0, 0, 1});
  EXPECT_NE(msg.find("north-up"), std::string::npos) << msg;
  EXPECT_NE(msg.find("gdalwarp"), std::string::npos) << msg;
}

TEST(Grid, MirroredOrZeroWidthGeotransformIsRejected) {
  EXPECT_THROW(Grid::from_geotransform({0, -1, 0, 10, 0, -1}, 10, 10), gis::Error);
  EXPECT_THROW(Grid::from_geotransform({0, 0, 0, 10, 0, -1}, 10, 10), gis::Error);
  EXPECT_THROW(Grid::from_geotransform({0, 1, 0, 10, 0, 0}, 10, 10), gis::Error);
}

TEST(Grid, CellCoordinatesAndWorldCoordinatesAreInverse) {
  Grid g = sample();
  EXPECT_EQ(g.col_of(500250), 2.5);
  EXPECT_EQ(g.row_of(2529950), 0.5);
  EXPECT_EQ(g.x_of(2.5), 500250);
  EXPECT_EQ(g.y_of(40), 2526000);
}

TEST(Grid, ExtentSpansAllCells) {
  Box e = sample().extent();
  EXPECT_EQ(e.xmin, 500000);
  EXPECT_EQ(e.xmax, 505000);
  EXPECT_EQ(e.ymin, 2526000);
  EXPECT_EQ(e.ymax, 2530000);
}

TEST(Grid, WindowOfABoxOnCellEdgesIsExact) {
  CellWindow w = sample().window_of({500200, 2529000, 500500, 2529800});
  EXPECT_EQ(w.col0, 2);
  EXPECT_EQ(w.row0, 2);
  EXPECT_EQ(w.cols, 3);
  EXPECT_EQ(w.rows, 8);
}

TEST(Grid, WindowOfABoxIncludesPartlyTouchedCells) {
  CellWindow w = sample().window_of({500250, 2529050, 500301, 2529949});
  EXPECT_EQ(w.col0, 2);
  EXPECT_EQ(w.row0, 0);
  EXPECT_EQ(w.cols, 2);
  EXPECT_EQ(w.rows, 10);
}

TEST(Grid, WindowOfABoxCrossingTheEdgeIsClipped) {
  CellWindow w = sample().window_of({499000, 2525000, 500150, 2526150});
  EXPECT_EQ(w.col0, 0);
  EXPECT_EQ(w.row0, 38);
  EXPECT_EQ(w.cols, 2);
  EXPECT_EQ(w.rows, 2);
}

TEST(Grid, WindowOfABoxOutsideIsEmpty) {
  Grid g = sample();
  EXPECT_TRUE(g.window_of({400000, 2529000, 400500, 2529500}).empty());
  EXPECT_TRUE(g.window_of({500000, 2600000, 500500, 2600500}).empty());
  EXPECT_EQ(g.window_of({510000, 2527000, 511000, 2528000}).size(), 0);
}

TEST(Grid, WindowOfTheExtentIsTheWholeGrid) {
  Grid g = sample();
  CellWindow w = g.window_of(g.extent());
  CellWindow all = g.all();
  EXPECT_EQ(w.col0, all.col0);
  EXPECT_EQ(w.row0, all.row0);
  EXPECT_EQ(w.cols, 50);
  EXPECT_EQ(w.rows, 40);
  EXPECT_EQ(w.size(), 2000);
}

TEST(CellWindow, IntersectAndEmpty) {
  CellWindow a{0, 0, 10, 10}, b{5, 8, 10, 10};
  CellWindow i = a.intersect(b);
  EXPECT_EQ(i.col0, 5);
  EXPECT_EQ(i.row0, 8);
  EXPECT_EQ(i.cols, 5);
  EXPECT_EQ(i.rows, 2);
  EXPECT_EQ(i.size(), 10);
  CellWindow none = a.intersect({20, 20, 5, 5});
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.size(), 0);
}

TEST(Grid, SameAsToleratesRoundingOnly) {
  Grid a = sample(), b = sample();
  EXPECT_TRUE(a.same_as(b));
  b.origin_x += 1e-8;  // 1e-10 of a cell
  EXPECT_TRUE(a.same_as(b));
  b = sample();
  b.origin_x += 1e-5;  // 1e-7 of a cell
  EXPECT_FALSE(a.same_as(b));
  b = sample();
  b.cell_height = 100.001;
  EXPECT_FALSE(a.same_as(b));
}

TEST(Grid, SameAsRequiresTheSameShape) {
  Grid a = sample(), b = sample();
  b.cols = 51;
  EXPECT_FALSE(a.same_as(b));
  b = sample();
  b.rows = 39;
  EXPECT_FALSE(a.same_as(b));
}
