// Exact coverage fractions on hand-computable shapes.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "gis/coverage.h"

using tuowei::gis::CellWindow;
using tuowei::gis::CoveragePolygon;
using tuowei::gis::Grid;

namespace {

// A 10 x 10 grid of unit cells covering x in [0, 10], y in [0, 10].
Grid unit_grid(int n = 10) {
  Grid g;
  g.origin_x = 0;
  g.origin_y = n;
  g.cell_width = 1;
  g.cell_height = 1;
  g.cols = n;
  g.rows = n;
  return g;
}

CoveragePolygon::Ring ring(std::initializer_list<std::pair<double, double>> pts, bool hole = false) {
  CoveragePolygon::Ring r;
  for (auto [x, y] : pts) {
    r.x.push_back(x);
    r.y.push_back(y);
  }
  r.hole = hole;
  return r;
}

// Coverage of cell (col, row) where row 0 is the top row (y in [9, 10]).
double cell(const std::vector<double>& cov, const CellWindow& w, int col, int row) {
  return cov[size_t(row - w.row0) * w.cols + (col - w.col0)];
}

double total(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

TEST(Coverage, AlignedSquareCoversItsCellsFully) {
  Grid g = unit_grid();
  CoveragePolygon p({ring({{2, 2}, {5, 2}, {5, 5}, {2, 5}})}, g);
  std::vector<double> cov;
  p.coverage(g.all(), cov);
  EXPECT_NEAR(total(cov), 9.0, 1e-12);
  EXPECT_NEAR(cell(cov, g.all(), 2, 7), 1.0, 1e-12);  // x in [2,3], y in [2,3]
  EXPECT_NEAR(cell(cov, g.all(), 1, 7), 0.0, 1e-12);
  EXPECT_NEAR(cell(cov, g.all(), 4, 5), 1.0, 1e-12);
}

TEST(Coverage, OrientationDoesNotMatter) {
  Grid g = unit_grid();
  CoveragePolygon ccw({ring({{2.5, 2.5}, {5.5, 2.5}, {5.5, 5.5}, {2.5, 5.5}})}, g);
  CoveragePolygon cw({ring({{2.5, 2.5}, {2.5, 5.5}, {5.5, 5.5}, {5.5, 2.5}})}, g);
  std::vector<double> a, b;
  ccw.coverage(g.all(), a);
  cw.coverage(g.all(), b);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NEAR(a[i], b[i], 1e-12);
  EXPECT_NEAR(cell(a, g.all(), 2, 7), 0.25, 1e-12);  // corner cell [2,3]x[2,3]
  EXPECT_NEAR(cell(a, g.all(), 3, 7), 0.5, 1e-12);   // edge cell
  EXPECT_NEAR(cell(a, g.all(), 3, 6), 1.0, 1e-12);   // interior
  EXPECT_NEAR(total(a), 9.0, 1e-12);
}

TEST(Coverage, TriangleSplitsCellsAlongItsDiagonal) {
  Grid g = unit_grid();
  // Right triangle (0,0) (4,0) (0,4): cells on the diagonal are half covered.
  CoveragePolygon p({ring({{0, 0}, {4, 0}, {0, 4}})}, g);
  std::vector<double> cov;
  p.coverage(g.all(), cov);
  EXPECT_NEAR(total(cov), 8.0, 1e-12);
  EXPECT_NEAR(cell(cov, g.all(), 0, 9), 1.0, 1e-12);
  EXPECT_NEAR(cell(cov, g.all(), 3, 9), 0.5, 1e-12);
  EXPECT_NEAR(cell(cov, g.all(), 1, 8), 1.0, 1e-12);
  EXPECT_NEAR(cell(cov, g.all(), 2, 8), 0.5, 1e-12);
  EXPECT_NEAR(cell(cov, g.all(), 3, 8), 0.0, 1e-12);
}

TEST(Coverage, RotatedSquareHasExactCornerShares) {
  Grid g = unit_grid();
  // A diamond with vertices at cell centres' corners: (5,3) (7,5) (5,7) (3,5).
  // Area 8; each of the 4 inner cells is full, each of the 8 cut cells half.
  CoveragePolygon p({ring({{5, 3}, {7, 5}, {5, 7}, {3, 5}})}, g);
  std::vector<double> cov;
  p.coverage(g.all(), cov);
  EXPECT_NEAR(total(cov), 8.0, 1e-12);
  EXPECT_NEAR(cell(cov, g.all(), 4, 5), 1.0, 1e-12);  // x [4,5], y [4,5]
  EXPECT_NEAR(cell(cov, g.all(), 3, 5), 0.5, 1e-12);  // x [3,4], y [4,5]
  EXPECT_NEAR(cell(cov, g.all(), 3, 3), 0.0, 1e-12);  // x [3,4], y [6,7]
  EXPECT_NEAR(p.area_cells(), 8.0, 1e-12);
}

TEST(Coverage, HoleIsSubtracted) {
  Grid g = unit_grid();
  CoveragePolygon p({ring({{1, 1}, {9, 1}, {9, 9}, {1, 9}}), ring({{3.5, 3.5}, {6.5, 3.5}, {6.5, 6.5}, {3.5, 6.5}}, true)},
                    g);
  std::vector<double> cov;
  p.coverage(g.all(), cov);
  EXPECT_NEAR(total(cov), 64.0 - 9.0, 1e-12);
  EXPECT_NEAR(p.area_cells(), 55.0, 1e-12);
  EXPECT_NEAR(cell(cov, g.all(), 5, 4), 0.0, 1e-12);   // x [5,6] y [5,6]: in the hole
  EXPECT_NEAR(cell(cov, g.all(), 3, 6), 0.75, 1e-12);  // x [3,4] y [3,4]: hole corner takes 1/4
}

TEST(Coverage, HoleWithTheSameOrientationAsTheShellIsStillAHole) {
  Grid g = unit_grid();
  CoveragePolygon p({ring({{1, 1}, {9, 1}, {9, 9}, {1, 9}}), ring({{4, 4}, {6, 4}, {6, 6}, {4, 6}}, true)}, g);
  std::vector<double> cov;
  p.coverage(g.all(), cov);
  EXPECT_NEAR(total(cov), 60.0, 1e-12);
}

TEST(Coverage, MultiPolygonPartsAddUp) {
  Grid g = unit_grid();
  CoveragePolygon p({ring({{0.5, 0.5}, {2.5, 0.5}, {2.5, 2.5}, {0.5, 2.5}}), ring({{6, 6}, {9.25, 6}, {9.25, 8}, {6, 8}})},
                    g);
  std::vector<double> cov;
  p.coverage(g.all(), cov);
  EXPECT_NEAR(total(cov), 4.0 + 6.5, 1e-12);
  EXPECT_NEAR(cell(cov, g.all(), 9, 2), 0.25, 1e-12);  // x [9,10] y [7,8]
}

TEST(Coverage, PolygonCrossingTheRasterEdgeCountsOnlyCellsInside) {
  Grid g = unit_grid();
  // Sticks out 2 units to the left and 3 above the grid.
  CoveragePolygon p({ring({{-2, 6}, {3, 6}, {3, 13}, {-2, 13}})}, g);
  std::vector<double> cov;
  p.coverage(p.window(), cov);
  EXPECT_EQ(p.window().col0, 0);
  EXPECT_EQ(p.window().row0, 0);
  EXPECT_EQ(p.window().cols, 3);
  EXPECT_EQ(p.window().rows, 4);
  EXPECT_NEAR(total(cov), 12.0, 1e-12);
  EXPECT_NEAR(p.area_cells(), 35.0, 1e-12);
}

TEST(Coverage, AnyBandOfRowsMatchesTheWholeWindow) {
  Grid g = unit_grid(40);
  std::vector<CoveragePolygon::Ring> rings;
  CoveragePolygon::Ring star;
  for (int i = 0; i < 14; ++i) {
    double a = i * 2 * M_PI / 14, r = (i % 2) ? 9.0 : 17.3;
    star.x.push_back(20.1 + r * std::cos(a));
    star.y.push_back(19.7 + r * std::sin(a));
  }
  CoveragePolygon p({star}, g);
  std::vector<double> whole, band;
  p.coverage(g.all(), whole);
  for (int r0 = 0; r0 < 40; r0 += 7) {
    CellWindow w{5, r0, 30, std::min(7, 40 - r0)};
    p.coverage(w, band);
    for (int r = 0; r < w.rows; ++r)
      for (int c = 0; c < w.cols; ++c)
        EXPECT_NEAR(band[size_t(r) * w.cols + c], whole[size_t(r0 + r) * 40 + (c + 5)], 1e-12);
  }
  EXPECT_NEAR(total(whole), p.area_cells(), 1e-9);
  for (double f : whole) {
    EXPECT_GE(f, -1e-12);
    EXPECT_LE(f, 1.0 + 1e-12);
  }
}

TEST(Coverage, CellSizeAndOriginAreHonoured) {
  Grid g;
  g.origin_x = 500000;
  g.origin_y = 2530000;
  g.cell_width = 100;
  g.cell_height = 100;
  g.cols = 50;
  g.rows = 50;
  // 250 m x 150 m rectangle starting mid-cell.
  CoveragePolygon p({ring({{500050, 2529850}, {500300, 2529850}, {500300, 2529700}, {500050, 2529700}})}, g);
  std::vector<double> cov;
  p.coverage(p.window(), cov);
  EXPECT_NEAR(total(cov), 3.75, 1e-9);
  EXPECT_NEAR(cov[0], 0.5 * 0.5, 1e-9);  // top-left cell: half by half
}
