// Exact zonal sums over GeoTIFFs written on the fly: hand-computable shapes,
// nodata, several layers, memory budgets, and conservation over partitions.
#include <gdal_priv.h>
#include <gtest/gtest.h>

#include "temp_dir.h"
#include "threads.h"
#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "gis/coverage.h"
#include "gis/crs.h"
#include "gis/error.h"
#include "gis/gdal_env.h"
#include "gis/parallel.h"
#include "gis/raster.h"
#include "gis/zonal.h"

namespace fs = std::filesystem;
using tuowei::gis::CoordinateTransform;
using tuowei::gis::CoveragePolygon;
using tuowei::gis::Crs;
using tuowei::gis::Grid;
using tuowei::gis::RasterBand;
using tuowei::gis::ZonalOptions;
using tuowei::gis::ZonalStats;
using tuowei::gis::zonal_sums;

using tuowei::test::TempDir;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();


// A grid of n x n unit cells over x in [0, n], y in [0, n]: world x is the
// column, world y is n minus the row.
Grid unit_grid(int cols, int rows) {
  Grid g;
  g.origin_x = 0;
  g.origin_y = rows;
  g.cols = cols;
  g.rows = rows;
  return g;
}

enum class Layout { tiled16, striped };

// Writes a single-band Float32 GeoTIFF; `values` is row-major, top row first.
void write_tiff(const std::string& path, const Grid& grid, const std::vector<float>& values,
                Layout layout = Layout::tiled16, std::optional<double> nodata = std::nullopt,
                int epsg = 4545) {
  tuowei::gis::ensure_gdal();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
  ASSERT_NE(drv, nullptr);
  CPLStringList opts;
  if (layout == Layout::tiled16) {
    opts.SetNameValue("TILED", "YES");
    opts.SetNameValue("BLOCKXSIZE", "16");
    opts.SetNameValue("BLOCKYSIZE", "16");
  } else {
    opts.SetNameValue("BLOCKYSIZE", "5");
  }
  std::unique_ptr<GDALDataset> ds(drv->Create(path.c_str(), grid.cols, grid.rows, 1, GDT_Float32, opts.List()));
  ASSERT_NE(ds, nullptr);
  auto gt = grid.geotransform();
  ds->SetGeoTransform(gt.data());
  OGRSpatialReference srs;
  srs.importFromEPSG(epsg);
  ds->SetSpatialRef(&srs);
  GDALRasterBand* b = ds->GetRasterBand(1);
  if (nodata) b->SetNoDataValue(*nodata);
  ASSERT_EQ(b->RasterIO(GF_Write, 0, 0, grid.cols, grid.rows, const_cast<float*>(values.data()), grid.cols,
                        grid.rows, GDT_Float32, 0, 0, nullptr),
            CE_None);
}

std::unique_ptr<OGRGeometry> wkt(const std::string& text) {
  OGRGeometry* g = nullptr;
  EXPECT_EQ(OGRGeometryFactory::createFromWkt(text.c_str(), nullptr, &g), OGRERR_NONE) << text;
  return std::unique_ptr<OGRGeometry>(g);
}

std::vector<CoveragePolygon> zones_of(const std::vector<std::string>& wkts, const Grid& grid) {
  std::vector<CoveragePolygon> zones;
  for (const auto& w : wkts) zones.push_back(CoveragePolygon::from_ogr(*wkt(w), grid));
  return zones;
}

std::vector<CoveragePolygon> zones_of_geoms(const std::vector<std::unique_ptr<OGRGeometry>>& geoms, const Grid& grid) {
  std::vector<CoveragePolygon> zones;
  for (const auto& g : geoms) zones.push_back(CoveragePolygon::from_ogr(*g, grid));
  return zones;
}

std::string rotated_square(double cx, double cy, double side, double degrees) {
  double a = degrees * M_PI / 180.0, h = side / 2;
  std::string s = "POLYGON((";
  const double corners[5][2] = {{-h, -h}, {h, -h}, {h, h}, {-h, h}, {-h, -h}};
  for (int i = 0; i < 5; ++i) {
    double x = cx + corners[i][0] * std::cos(a) - corners[i][1] * std::sin(a);
    double y = cy + corners[i][0] * std::sin(a) + corners[i][1] * std::cos(a);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s%.17g %.17g", i ? "," : "", x, y);
    s += buf;
  }
  return s + "))";
}

// Random values in [0, 100) from a fixed seed.
std::vector<float> random_values(int n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> dist(0.0f, 100.0f);
  std::vector<float> v(static_cast<size_t>(n));
  for (float& x : v) x = dist(rng);
  return v;
}

double total_of(const std::vector<float>& v) {
  double t = 0;
  for (float x : v) t += x;
  return t;
}

// Quads over a (n+1) x (n+1) lattice of vertices spanning [x0, x1] x [y0, y1],
// interior vertices jittered by up to `jitter` of a lattice step; vertices on
// the outline stay on it, so the quads tile the rectangle exactly.
std::vector<std::unique_ptr<OGRGeometry>> jittered_quads(double x0, double y0, double x1, double y1, int n,
                                                         double jitter, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> d(-jitter, jitter);
  double sx = (x1 - x0) / n, sy = (y1 - y0) / n;
  std::vector<double> vx((n + 1) * (n + 1)), vy((n + 1) * (n + 1));
  for (int j = 0; j <= n; ++j) {
    for (int i = 0; i <= n; ++i) {
      double x = i == n ? x1 : x0 + i * sx, y = j == n ? y1 : y0 + j * sy;
      double jx = d(rng), jy = d(rng);
      if (i > 0 && i < n) x += jx * sx;
      if (j > 0 && j < n) y += jy * sy;
      vx[j * (n + 1) + i] = x;
      vy[j * (n + 1) + i] = y;
    }
  }
  std::vector<std::unique_ptr<OGRGeometry>> quads;
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) {
      int k[5] = {j * (n + 1) + i, j * (n + 1) + i + 1, (j + 1) * (n + 1) + i + 1, (j + 1) * (n + 1) + i,
                  j * (n + 1) + i};
      auto ring = std::make_unique<OGRLinearRing>();
      for (int m = 0; m < 5; ++m) ring->addPoint(vx[k[m]], vy[k[m]]);
      auto poly = std::make_unique<OGRPolygon>();
      poly->addRingDirectly(ring.release());
      quads.push_back(std::move(poly));
    }
  }
  return quads;
}

double zones_total(const std::vector<ZonalStats>& stats, size_t layer = 0) {
  double t = 0;
  for (const auto& s : stats) t += s.sum[layer];
  return t;
}

}  // namespace

TEST(Zonal, ConstantRasterGivesValueTimesAreaOfAlignedSquares) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  write_tiff(dir.file("c.tif"), g, std::vector<float>(100 * 100, 2.5f));
  RasterBand band = RasterBand::open(dir.file("c.tif"));
  ASSERT_EQ(band.block_rows(), 16);
  // The second square spans rows 60-70, across the boundary of the first strip.
  auto zones = zones_of({"POLYGON((10 10,30 10,30 30,10 30,10 10))", "POLYGON((40 30,60 30,60 40,40 40,40 30))"}, g);
  auto stats = zonal_sums(zones, {&band});
  ASSERT_EQ(stats.size(), 2u);
  EXPECT_DOUBLE_EQ(stats[0].sum[0], 1000.0);
  EXPECT_DOUBLE_EQ(stats[0].valid_cells[0], 400.0);
  EXPECT_DOUBLE_EQ(stats[0].inside_cells, 400.0);
  EXPECT_DOUBLE_EQ(stats[0].area_cells, 400.0);
  EXPECT_DOUBLE_EQ(stats[1].sum[0], 500.0);
  EXPECT_DOUBLE_EQ(stats[1].valid_cells[0], 200.0);
}

TEST(Zonal, RotatedSquaresHaveTheirAnalyticArea) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  write_tiff(dir.file("c.tif"), g, std::vector<float>(100 * 100, 3.0f));
  RasterBand band = RasterBand::open(dir.file("c.tif"));
  auto zones = zones_of({rotated_square(50.3, 47.1, 30.0, 30.0), rotated_square(20.25, 70.75, 12.5, 45.0),
                         rotated_square(75.0, 25.0, 17.0, 11.0)},
                        g);
  auto stats = zonal_sums(zones, {&band});
  const double areas[3] = {900.0, 156.25, 289.0};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(stats[i].area_cells, areas[i], 1e-9) << i;
    EXPECT_NEAR(stats[i].valid_cells[0], areas[i], 1e-9) << i;
    EXPECT_NEAR(stats[i].sum[0], 3.0 * areas[i], 1e-9) << i;
  }
}

TEST(Zonal, ValuesAreWeightedByTheShareOfEachCell) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  std::vector<float> v(100 * 100);
  for (int r = 0; r < 100; ++r)
    for (int c = 0; c < 100; ++c) v[r * 100 + c] = float(c);  // value = column index
  write_tiff(dir.file("cols.tif"), g, v);
  RasterBand band = RasterBand::open(dir.file("cols.tif"));
  // x in [10.5, 12.5], y in [0, 100]: half of column 10, all of 11, half of 12.
  auto stats = zonal_sums(zones_of({"POLYGON((10.5 0,12.5 0,12.5 100,10.5 100,10.5 0))"}, g), {&band});
  EXPECT_DOUBLE_EQ(stats[0].sum[0], 100.0 * (0.5 * 10 + 11 + 0.5 * 12));
  EXPECT_DOUBLE_EQ(stats[0].valid_cells[0], 200.0);
}

TEST(Zonal, HolesAreLeftOut) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  write_tiff(dir.file("c.tif"), g, std::vector<float>(100 * 100, 2.0f));
  RasterBand band = RasterBand::open(dir.file("c.tif"));
  // 80 x 80 shell, a 10.5 x 10.5 hole and a 20 x 20 hole: 6400 - 110.25 - 400.
  auto stats = zonal_sums(zones_of({"POLYGON((10 10,90 10,90 90,10 90,10 10),"
                                    "(20.25 20.25,30.75 20.25,30.75 30.75,20.25 30.75,20.25 20.25),"
                                    "(50 50,50 70,70 70,70 50,50 50))"},
                                   g),
                          {&band});
  EXPECT_NEAR(stats[0].area_cells, 5889.75, 1e-9);
  EXPECT_NEAR(stats[0].valid_cells[0], 5889.75, 1e-9);
  EXPECT_NEAR(stats[0].sum[0], 2.0 * 5889.75, 1e-9);
}

TEST(Zonal, MultiPolygonPartsAreAddedTogether) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  write_tiff(dir.file("c.tif"), g, std::vector<float>(100 * 100, 1.5f));
  RasterBand band = RasterBand::open(dir.file("c.tif"));
  // Parts far apart (top and bottom strips) plus one with a hole.
  auto stats = zonal_sums(zones_of({"MULTIPOLYGON(((1 1,11 1,11 6,1 6,1 1)),((80 90,90.5 90,90.5 99,80 99,80 90)),"
                                    "((40 40,60 40,60 60,40 60,40 40),(45 45,55 45,55 55,45 55,45 45)))"},
                                   g),
                          {&band});
  const double area = 50.0 + 94.5 + 300.0;
  EXPECT_NEAR(stats[0].area_cells, area, 1e-9);
  EXPECT_NEAR(stats[0].valid_cells[0], area, 1e-9);
  EXPECT_NEAR(stats[0].sum[0], 1.5 * area, 1e-9);
}

TEST(Zonal, PolygonCrossingTheRasterEdgeCountsOnlyTheInsidePart) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  write_tiff(dir.file("c.tif"), g, std::vector<float>(100 * 100, 4.0f));
  RasterBand band = RasterBand::open(dir.file("c.tif"));
  // 30 x 20 box, 10 units of its width to the left of the raster; and one
  // hanging over the bottom-right corner.
  auto stats = zonal_sums(
      zones_of({"POLYGON((-10 40,20 40,20 60,-10 60,-10 40))", "POLYGON((95 -5,105 -5,105 5,95 5,95 -5))"}, g),
      {&band});
  EXPECT_DOUBLE_EQ(stats[0].area_cells, 600.0);
  EXPECT_DOUBLE_EQ(stats[0].inside_cells, 400.0);
  EXPECT_LT(stats[0].inside_cells, stats[0].area_cells);
  EXPECT_DOUBLE_EQ(stats[0].sum[0], 1600.0);
  EXPECT_DOUBLE_EQ(stats[1].area_cells, 100.0);
  EXPECT_DOUBLE_EQ(stats[1].inside_cells, 25.0);
  EXPECT_DOUBLE_EQ(stats[1].sum[0], 100.0);
}

TEST(Zonal, PolygonWhollyOutsideTheRasterSumsToZero) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  write_tiff(dir.file("c.tif"), g, std::vector<float>(100 * 100, 4.0f));
  RasterBand band = RasterBand::open(dir.file("c.tif"));
  auto stats = zonal_sums(zones_of({"POLYGON((200 200,210 200,210 210,200 210,200 200))"}, g), {&band});
  EXPECT_EQ(stats[0].sum[0], 0.0);
  EXPECT_EQ(stats[0].inside_cells, 0.0);
  EXPECT_DOUBLE_EQ(stats[0].area_cells, 100.0);
}

TEST(Zonal, LowestVertexStartingAVerticalEdgeStillBoundsTheZone) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  write_tiff(dir.file("c.tif"), g, std::vector<float>(100 * 100, 1.0f));
  RasterBand band = RasterBand::open(dir.file("c.tif"));
  // (10 10) is only the start of the vertical edge to (10 90): the zone
  // reaches down to y = 10 through it. Likewise (90 10) in the second ring
  // order, whose edge to (90 90) is vertical.
  auto stats = zonal_sums(
      zones_of({"POLYGON((50 50,10 10,10 90,50 50))", "POLYGON((60 50,90 10,90 90,60 50))"}, g), {&band});
  EXPECT_NEAR(stats[0].area_cells, 1600.0, 1e-9);
  EXPECT_NEAR(stats[0].inside_cells, 1600.0, 1e-9);
  EXPECT_NEAR(stats[0].sum[0], 1600.0, 1e-9);
  EXPECT_NEAR(stats[1].sum[0], 1200.0, 1e-9);
}

TEST(Zonal, NodataAndNaNCellsAreSkipped) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  std::vector<float> v(100 * 100, 1.0f);
  // Inside the zone x in [10, 20], y in [80, 90] (rows 10-19, columns 10-19):
  // three nodata cells and two NaN cells, one NaN half covered.
  v[12 * 100 + 12] = -9999.0f;
  v[15 * 100 + 17] = -9999.0f;
  v[19 * 100 + 10] = -9999.0f;
  v[11 * 100 + 18] = float(kNaN);
  v[14 * 100 + 20] = float(kNaN);  // column 20: the zone ends at x = 20.5
  write_tiff(dir.file("nd.tif"), g, v, Layout::tiled16, -9999.0);
  RasterBand band = RasterBand::open(dir.file("nd.tif"));
  ASSERT_TRUE(band.nodata().has_value());
  auto stats = zonal_sums(zones_of({"POLYGON((10 80,20.5 80,20.5 90,10 90,10 80))"}, g), {&band});
  // 105 cells of area; 4 whole invalid cells and half of one.
  EXPECT_DOUBLE_EQ(stats[0].inside_cells, 105.0);
  EXPECT_DOUBLE_EQ(stats[0].valid_cells[0], 105.0 - 4.0 - 0.5);
  EXPECT_DOUBLE_EQ(stats[0].sum[0], 105.0 - 4.0 - 0.5);
}

TEST(Zonal, RasterWithoutNodataValueStillSkipsNaN) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  std::vector<float> v(100 * 100, 2.0f);
  v[50 * 100 + 50] = float(kNaN);
  v[51 * 100 + 50] = -9999.0f;  // an ordinary value here
  write_tiff(dir.file("nan.tif"), g, v);
  RasterBand band = RasterBand::open(dir.file("nan.tif"));
  ASSERT_FALSE(band.nodata().has_value());
  auto stats = zonal_sums(zones_of({"POLYGON((45 45,55 45,55 55,45 55,45 45))"}, g), {&band});
  EXPECT_DOUBLE_EQ(stats[0].valid_cells[0], 99.0);
  EXPECT_DOUBLE_EQ(stats[0].sum[0], 2.0 * 98 - 9999.0);
}

TEST(Zonal, StripedFileGivesTheSameSumsAsTiled) {
  TempDir dir;
  Grid g = unit_grid(100, 150);
  auto v = random_values(100 * 150, 7);
  write_tiff(dir.file("tiled.tif"), g, v, Layout::tiled16);
  write_tiff(dir.file("striped.tif"), g, v, Layout::striped);
  RasterBand tiled = RasterBand::open(dir.file("tiled.tif"));
  RasterBand striped = RasterBand::open(dir.file("striped.tif"));
  ASSERT_EQ(striped.block_rows(), 5);
  ASSERT_EQ(striped.block_cols(), 100);
  auto zones = zones_of({rotated_square(50.3, 75.1, 60.0, 20.0), "POLYGON((0 0,100 0,100 150,0 150,0 0))"}, g);
  auto a = zonal_sums(zones, {&tiled});
  auto b = zonal_sums(zones, {&striped});
  for (int z = 0; z < 2; ++z) {
    EXPECT_NEAR(a[z].sum[0], b[z].sum[0], 1e-12 * std::fabs(a[z].sum[0])) << z;
    EXPECT_DOUBLE_EQ(a[z].valid_cells[0], b[z].valid_cells[0]) << z;
  }
  EXPECT_NEAR(a[1].sum[0], total_of(v), 1e-12 * total_of(v));
}

TEST(Zonal, TwoLayersOnOneGridAreSummedInOnePass) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  write_tiff(dir.file("a.tif"), g, std::vector<float>(100 * 100, 1.0f));
  write_tiff(dir.file("b.tif"), g, std::vector<float>(100 * 100, 10.0f));
  RasterBand a = RasterBand::open(dir.file("a.tif"));
  RasterBand b = RasterBand::open(dir.file("b.tif"));
  int calls = 0;
  double last = 0;
  ZonalOptions opt;
  opt.progress = [&](double f) {
    ++calls;
    last = f;
  };
  auto stats = zonal_sums(zones_of({"POLYGON((10 10,30 10,30 80,10 80,10 10))"}, g), {&a, &b}, opt);
  ASSERT_EQ(stats[0].sum.size(), 2u);
  EXPECT_DOUBLE_EQ(stats[0].sum[0], 1400.0);
  EXPECT_DOUBLE_EQ(stats[0].sum[1], 14000.0);
  EXPECT_DOUBLE_EQ(stats[0].valid_cells[1], 1400.0);
  // One step per strip: 100 rows of 16-row blocks read 64 rows at a time.
  EXPECT_EQ(calls, 2);
  EXPECT_DOUBLE_EQ(last, 1.0);
}

TEST(Zonal, LayersOnDifferentGridsAreRejected) {
  TempDir dir;
  write_tiff(dir.file("a.tif"), unit_grid(100, 100), std::vector<float>(100 * 100, 1.0f));
  Grid shifted = unit_grid(100, 100);
  shifted.origin_x = 0.5;
  write_tiff(dir.file("b.tif"), shifted, std::vector<float>(100 * 100, 1.0f));
  RasterBand a = RasterBand::open(dir.file("a.tif"));
  RasterBand b = RasterBand::open(dir.file("b.tif"));
  auto zones = zones_of({"POLYGON((10 10,30 10,30 30,10 30,10 10))"}, a.grid());
  try {
    zonal_sums(zones, {&a, &b});
    FAIL() << "expected gis::Error";
  } catch (const tuowei::gis::Error& e) {
    EXPECT_NE(std::string(e.what()).find("b.tif"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("same grid"), std::string::npos) << e.what();
  }
}

TEST(Zonal, TinyMemoryBudgetGivesTheSameResults) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  std::vector<std::unique_ptr<RasterBand>> bands;
  std::vector<const RasterBand*> layers;
  for (int i = 0; i < 3; ++i) {
    std::string p = dir.file("l" + std::to_string(i) + ".tif");
    auto v = random_values(100 * 100, 100 + i);
    v[i * 1000 + 37] = float(kNaN);
    write_tiff(p, g, v);
    bands.push_back(std::make_unique<RasterBand>(RasterBand::open(p)));
    layers.push_back(bands.back().get());
  }
  auto zones = zones_of({rotated_square(40.2, 60.7, 50, 17), "POLYGON((-5 -5,50 -5,50 50,-5 50,-5 -5))",
                         "POLYGON((60 10,95 10,95 45,60 45,60 10),(70 20,80 20,80 30,70 30,70 20))"},
                        g);
  int calls_big = 0, calls_tiny = 0;
  ZonalOptions big, tiny;
  big.progress = [&](double) { ++calls_big; };
  tiny.memory_budget_bytes = 1;
  tiny.progress = [&](double) { ++calls_tiny; };
  auto a = zonal_sums(zones, layers, big);
  auto b = zonal_sums(zones, layers, tiny);
  EXPECT_EQ(calls_big, 2);        // 3 layers together, 64-row strips
  EXPECT_EQ(calls_tiny, 3 * 7);   // one layer at a time, 16-row strips
  for (size_t z = 0; z < zones.size(); ++z) {
    EXPECT_NEAR(a[z].inside_cells, b[z].inside_cells, 1e-12 * a[z].inside_cells) << z;
    for (size_t l = 0; l < layers.size(); ++l) {
      EXPECT_NEAR(a[z].sum[l], b[z].sum[l], 1e-12 * std::fabs(a[z].sum[l])) << z << " " << l;
      EXPECT_NEAR(a[z].valid_cells[l], b[z].valid_cells[l], 1e-12 * a[z].valid_cells[l]) << z << " " << l;
    }
  }
}

TEST(Zonal, JitteredQuadsTilingTheRasterConserveItsTotal) {
  TempDir dir;
  Grid g = unit_grid(120, 90);
  auto v = random_values(120 * 90, 2024);
  write_tiff(dir.file("r.tif"), g, v);
  RasterBand band = RasterBand::open(dir.file("r.tif"));
  auto quads = jittered_quads(0, 0, 120, 90, 9, 0.4, 11);
  auto stats = zonal_sums(zones_of_geoms(quads, g), {&band});
  double inside = 0;
  for (const auto& s : stats) inside += s.inside_cells;
  EXPECT_NEAR(inside, 120.0 * 90.0, 1e-9 * 120 * 90);
  EXPECT_NEAR(zones_total(stats), total_of(v), 1e-9 * total_of(v));
}

TEST(Zonal, DelaunayTrianglesTilingTheRasterConserveItsTotal) {
  TempDir dir;
  Grid g = unit_grid(100, 100);
  auto v = random_values(100 * 100, 99);
  write_tiff(dir.file("r.tif"), g, v);
  RasterBand band = RasterBand::open(dir.file("r.tif"));
  // Random points plus the corners and points along the outline, so the
  // triangulation's convex hull is the raster's extent.
  OGRMultiPoint pts;
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> d(0.0, 100.0);
  for (int i = 0; i < 150; ++i) pts.addGeometryDirectly(new OGRPoint(d(rng), d(rng)));
  for (int i = 0; i < 10; ++i) {
    double t = d(rng);
    pts.addGeometryDirectly(new OGRPoint(t, 0));
    pts.addGeometryDirectly(new OGRPoint(t, 100));
    pts.addGeometryDirectly(new OGRPoint(0, t));
    pts.addGeometryDirectly(new OGRPoint(100, t));
  }
  for (auto [x, y] : {std::pair{0.0, 0.0}, {100.0, 0.0}, {100.0, 100.0}, {0.0, 100.0}})
    pts.addGeometryDirectly(new OGRPoint(x, y));
  std::unique_ptr<OGRGeometry> tin(pts.DelaunayTriangulation(0.0, FALSE));
  ASSERT_NE(tin, nullptr) << "GDAL built without GEOS";
  std::vector<CoveragePolygon> zones;
  double area = 0;
  for (const auto* tri : *tin->toGeometryCollection()) {
    zones.push_back(CoveragePolygon::from_ogr(*tri, g));
    area += tri->toPolygon()->get_Area();
  }
  ASSERT_GT(zones.size(), 300u);
  ASSERT_NEAR(area, 10000.0, 1e-9);
  auto stats = zonal_sums(zones, {&band});
  EXPECT_NEAR(zones_total(stats), total_of(v), 1e-9 * total_of(v));
}

TEST(Zonal, ReprojectedPartitionCoveringTheRasterKeepsItsTotal) {
  TempDir dir;
  // A geographic raster around Nanning: 0.001 degree cells.
  Grid g;
  g.origin_x = 108.2;
  g.origin_y = 22.9;
  g.cell_width = 0.001;
  g.cell_height = 0.001;
  g.cols = 150;
  g.rows = 120;
  auto v = random_values(150 * 120, 4545);
  write_tiff(dir.file("geo.tif"), g, v, Layout::tiled16, std::nullopt, 4326);
  RasterBand band = RasterBand::open(dir.file("geo.tif"));

  // The raster's outline in EPSG:4545, with a margin, split into 8 x 8 quads.
  Crs raster_crs = Crs::from_wkt(band.crs_wkt());
  Crs metric = Crs::epsg(4545);
  CoordinateTransform to_metric(raster_crs, metric), to_raster(metric, raster_crs);
  double xmin = HUGE_VAL, ymin = HUGE_VAL, xmax = -HUGE_VAL, ymax = -HUGE_VAL;
  for (int i = 0; i <= 10; ++i) {
    for (auto [fx, fy] : {std::pair{i / 10.0, 0.0}, {i / 10.0, 1.0}, {0.0, i / 10.0}, {1.0, i / 10.0}}) {
      double x = g.x_of(fx * g.cols), y = g.y_of(fy * g.rows);
      ASSERT_TRUE(to_metric.apply(x, y));
      xmin = std::min(xmin, x), xmax = std::max(xmax, x), ymin = std::min(ymin, y), ymax = std::max(ymax, y);
    }
  }
  auto quads = jittered_quads(xmin - 500, ymin - 500, xmax + 500, ymax + 500, 8, 0.3, 3);
  std::vector<CoveragePolygon> zones;
  for (auto& q : quads) {
    q->segmentize(25.0);  // metres: edges stay straight in 4545, curve in 4326
    ASSERT_TRUE(to_raster.apply(*q));
    zones.push_back(CoveragePolygon::from_ogr(*q, g));
  }
  auto stats = zonal_sums(zones, {&band});
  double share = zones_total(stats) / total_of(v);
  EXPECT_GT(share, 0.999);
  EXPECT_LT(share, 1.0 + 1e-9);
}

// One thread or several: the same bits. Each zone's sums are added in the
// same order whatever the number of threads (gis/parallel.h).
TEST(Zonal, OneThreadAndSeveralGiveBitwiseTheSameSums) {
  TempDir dir;
  Grid g = unit_grid(300, 300);
  std::vector<float> v = random_values(300 * 300, 7);
  write_tiff(dir.file("r.tif"), g, v);
  RasterBand band = RasterBand::open(dir.file("r.tif"));
  auto quads = jittered_quads(0, 0, 300, 300, 9, 0.3, 11);
  auto zones = zones_of_geoms(quads, g);
  std::vector<ZonalStats> one, four;
  {
    tuowei::test::Threads t(1);
    one = zonal_sums(zones, {&band});
  }
  {
    tuowei::test::Threads t(4);
    four = zonal_sums(zones, {&band});
  }
  ASSERT_EQ(one.size(), four.size());
  for (size_t z = 0; z < one.size(); ++z) {
    EXPECT_EQ(one[z].sum[0], four[z].sum[0]) << z;  // exactly, not nearly
    EXPECT_EQ(one[z].valid_cells[0], four[z].valid_cells[0]) << z;
    EXPECT_EQ(one[z].inside_cells, four[z].inside_cells) << z;
  }
}

TEST(Zonal, CellSharesAreTheCoverageOfEachKeptCell) {
  Grid g = unit_grid(10, 10);
  // Two zones splitting the grid at x = 4.5, and a small one inside the first.
  auto zones = zones_of({"POLYGON((0 0,4.5 0,4.5 10,0 10,0 0))", "POLYGON((4.5 0,10 0,10 10,4.5 10,4.5 0))",
                         "POLYGON((1 1,2 1,2 2,1 2,1 1))"},
                        g);
  std::vector<double> ones(100, 1.0);
  std::vector<unsigned char> keep(100, 0);
  keep[5 * 10 + 4] = 1;  // row 5, column 4: split 0.5 / 0.5 between zones 0 and 1
  keep[8 * 10 + 1] = 1;  // row 8 (y 1-2), column 1: in zones 0 and 2
  keep[0] = 1;           // row 0, column 0: zone 0 only
  for (int threads : {1, 3}) {
    tuowei::test::Threads t(threads);
    tuowei::gis::ZonalAccumulator acc(zones, g, 1);
    std::vector<tuowei::gis::CellShare> shares;
    acc.add_strip(0, 10, {ones.data()}, keep.data(), &shares);
    ASSERT_EQ(shares.size(), 5u) << threads;
    EXPECT_EQ(shares[0].offset, 0u);
    EXPECT_EQ(shares[0].zone, 0);
    EXPECT_DOUBLE_EQ(shares[0].fraction, 1.0);
    EXPECT_EQ(shares[1].offset, 54u);
    EXPECT_EQ(shares[1].zone, 0);
    EXPECT_DOUBLE_EQ(shares[1].fraction, 0.5);
    EXPECT_EQ(shares[2].zone, 1);
    EXPECT_DOUBLE_EQ(shares[2].fraction, 0.5);
    EXPECT_EQ(shares[3].offset, 81u);
    EXPECT_EQ(shares[3].zone, 0);
    EXPECT_EQ(shares[4].zone, 2);
    EXPECT_DOUBLE_EQ(shares[4].fraction, 1.0);
    // The sums are the same as without shares.
    EXPECT_DOUBLE_EQ(acc.stats()[0].sum[0], 45.0);
    EXPECT_DOUBLE_EQ(acc.stats()[1].sum[0], 55.0);
  }
}
