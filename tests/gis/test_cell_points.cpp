// CellPoints: the cells a disc holds, as a brute-force scan finds them, on
// projected and geographic grids.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "gis/cell_points.h"
#include "gis/crs.h"
#include "gis/error.h"
#include "gis/parallel.h"
#include "threads.h"

using tuowei::gis::CellPoints;
using tuowei::gis::Crs;
using tuowei::gis::Grid;
using tuowei::gis::Neighbour;

namespace {

Grid grid(double x0, double y0, double cell, int cols, int rows) {
  Grid g;
  g.origin_x = x0;
  g.origin_y = y0;
  g.cell_width = g.cell_height = cell;
  g.cols = cols;
  g.rows = rows;
  return g;
}

// Keeps about 60% of the cells, from a fixed seed, added in strips.
CellPoints random_points(const Grid& g, const Crs& grid_crs, const Crs& metric, unsigned seed) {
  CellPoints points(g, grid_crs, metric);
  std::mt19937 rng(seed);
  std::bernoulli_distribution keep(0.6);
  for (int r0 = 0; r0 < g.rows; r0 += 7) {
    const int n = std::min(7, g.rows - r0);
    std::vector<unsigned char> k(size_t(n) * g.cols);
    for (auto& v : k) v = keep(rng);
    if (r0 == 14) continue;  // a skipped strip holds no cells
    points.add_rows(r0, n, k.data());
  }
  points.finish();
  return points;
}

std::vector<Neighbour> brute_force(const CellPoints& p, double x, double y, double r) {
  std::vector<Neighbour> out;
  for (size_t i = 0; i < p.size(); ++i) {
    const double dx = p.x(i) - x, dy = p.y(i) - y, d2 = dx * dx + dy * dy;
    if (d2 <= r * r) out.emplace_back(int(i), std::sqrt(d2));
  }
  return out;
}

}  // namespace

TEST(CellPoints, WithinEqualsABruteForceScanOnAProjectedGrid) {
  const Crs gk = Crs::epsg(4545);
  const Grid g = grid(400000, 2550000, 100, 60, 50);
  CellPoints p = random_points(g, gk, gk, 3);
  ASSERT_GT(p.size(), 1000u);
  EXPECT_EQ(p.row_begin(14), p.row_begin(21));  // the skipped strip
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> x(399000, 407000), y(2544000, 2551000), r(0, 900);
  std::vector<Neighbour> got;
  for (int k = 0; k < 200; ++k) {
    const double qx = x(rng), qy = y(rng), qr = r(rng);
    p.within(qx, qy, qr, got);
    EXPECT_EQ(got, brute_force(p, qx, qy, qr)) << qx << " " << qy << " " << qr;
  }
}

TEST(CellPoints, WithinEqualsABruteForceScanOnAGeographicGrid) {
  // WorldPop's layout: 3 arc-second cells in WGS84, distances in the
  // Gauss-Kruger zone; the centres are projected, so rows bend.
  const Grid g = grid(107.5, 23.2, 1.0 / 1200, 80, 70);
  const Crs gk = Crs::epsg(4545);
  CellPoints p = random_points(g, Crs::wgs84(), gk, 9);
  double cx = 107.5 + 40.0 / 1200, cy = 23.2 - 35.0 / 1200;
  tuowei::gis::CoordinateTransform(Crs::wgs84(), gk).apply(cx, cy);
  std::mt19937 rng(6);
  std::uniform_real_distribution<double> off(-3000, 3000), r(0, 1200);
  std::vector<Neighbour> got;
  for (int k = 0; k < 200; ++k) {
    const double qx = cx + off(rng), qy = cy + off(rng), qr = r(rng);
    p.within(qx, qy, qr, got);
    EXPECT_EQ(got, brute_force(p, qx, qy, qr));
  }
  // Cells of a geographic grid shrink towards the pole, a little.
  EXPECT_GT(p.cell_area_km2(0), 0.0);
  EXPECT_NEAR(p.cell_area_km2(0), 0.0853 * 0.0923, 0.0001);  // 85.3 m x 92.3 m at 23.2 N
}

TEST(CellPoints, FindsCellsByRowAndColumn) {
  const Crs gk = Crs::epsg(4545);
  const Grid g = grid(400000, 2550000, 100, 5, 3);
  CellPoints p(g, gk, gk);
  const unsigned char keep[] = {0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0};
  p.add_rows(0, 3, keep);
  p.finish();
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p.find(0, 1), 0);
  EXPECT_EQ(p.find(0, 4), 1);
  EXPECT_EQ(p.find(1, 0), 2);
  EXPECT_EQ(p.find(2, 2), 3);
  EXPECT_EQ(p.find(2, 3), -1);
  EXPECT_EQ(p.row(3), 2);
  EXPECT_DOUBLE_EQ(p.x(3), 400250);
  EXPECT_DOUBLE_EQ(p.y(3), 2549750);
}

TEST(CellPoints, WithCellsAddsCellsInRowOrder) {
  const Grid g = grid(107.5, 23.2, 1.0 / 1200, 80, 600);  // more than one strip of rows
  const Crs gk = Crs::epsg(4545);
  CellPoints p = random_points(g, Crs::wgs84(), gk, 4);
  // New cells in an empty row, in the skipped strip, beside kept cells, and one already kept.
  std::vector<std::pair<int, int>> extra = {{599, 79}, {15, 3}, {300, 0}, {15, 2}};
  const int kept_row = p.row(0), kept_col = p.col(0);
  extra.emplace_back(kept_row, kept_col);
  size_t fresh = 0;
  for (const auto& [r, c] : extra) fresh += p.find(r, c) < 0;
  EXPECT_GE(fresh, 2u);  // the two in the skipped strip
  CellPoints q = p.with_cells(extra);
  EXPECT_EQ(q.size(), p.size() + fresh);
  for (size_t i = 0; i < p.size(); ++i) {
    const long j = q.find(p.row(i), p.col(i));
    ASSERT_GE(j, 0);
    EXPECT_EQ(q.x(size_t(j)), p.x(i));
    EXPECT_EQ(q.y(size_t(j)), p.y(i));
  }
  for (const auto& [r, c] : extra) EXPECT_GE(q.find(r, c), 0) << r << " " << c;
  for (size_t j = 1; j < q.size(); ++j) {
    EXPECT_TRUE(q.row(j - 1) < q.row(j) || (q.row(j - 1) == q.row(j) && q.col(j - 1) < q.col(j)));
  }
  std::vector<Neighbour> got;
  q.within(q.x(q.size() - 1), q.y(q.size() - 1), 500, got);
  EXPECT_EQ(got, brute_force(q, q.x(q.size() - 1), q.y(q.size() - 1), 500));
  EXPECT_THROW(p.with_cells({{600, 0}}), tuowei::gis::Error);
  EXPECT_THROW(p.with_cells({{0, 80}}), tuowei::gis::Error);
}

TEST(CoordinateTransform, InParallelEqualsOneByOne) {
  tuowei::test::Threads threads(3);
  tuowei::gis::CoordinateTransform ct(Crs::wgs84(), Crs::epsg(4545));
  std::vector<double> x(50000), y(50000);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = 107.0 + 0.00003 * double(i);
    y[i] = 22.0 + 0.00001 * double(i % 977);
  }
  std::vector<double> px = x, py = y;
  ASSERT_TRUE(ct.apply_parallel(px.size(), px.data(), py.data()));
  for (size_t i = 0; i < x.size(); i += 97) {
    double sx = x[i], sy = y[i];
    ct.apply(sx, sy);
    EXPECT_EQ(sx, px[i]);
    EXPECT_EQ(sy, py[i]);
  }
}
