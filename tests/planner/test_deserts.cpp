// Desert polygons: connected patches of desert cells per township, the small
// ones counted instead of drawn.
#include <gtest/gtest.h>

#include <ogr_geometry.h>

#include "mini_project.h"
#include "planner/deserts.h"
#include "planner/study.h"

using namespace tuowei::planner;
namespace gis = tuowei::gis;
using tuowei::test::Cleanup;
using tuowei::test::MiniProject;

TEST(Deserts, PatchesAreDrawnAndSpecksCounted) {
  MiniProject p = MiniProject::create("deserts-patches");
  Cleanup c{p.dir};
  Study study = load_study(read_project_or_throw(p.toml));
  const DemandCells& cells = study.demand().cells;
  const gis::CellPoints& points = cells.points();
  // 新竹街道 is township 0: rows 0-9, columns 0-9 of the 20 x 20 grid, 3 children a cell.
  std::vector<unsigned char> desert(cells.size(), 0);
  auto flag = [&](int row, int col) { desert[size_t(points.find(row, col))] = 1; };
  for (int r = 2; r < 5; ++r) {
    for (int col = 2; col < 5; ++col) flag(r, col);  // a 3 x 3 patch: 27 children
  }
  flag(7, 7);  // alone: 3 children
  flag(8, 8);  // touches (7, 7) only at a corner: a patch of its own
  AccessConfig settings;
  settings.desert_min_patch_children = 10;
  const gis::CoordinateTransform to_wgs(cells.grid_crs(), gis::Crs::wgs84());
  DesertArea d = desert_area(study.demand().cells, desert, settings, 0, to_wgs);
  EXPECT_EQ(d.township, 0);
  EXPECT_EQ(d.patches, 1);
  EXPECT_EQ(d.small_patches, 2);
  EXPECT_DOUBLE_EQ(d.children_0_3, 27);
  EXPECT_DOUBLE_EQ(d.small_patch_children, 6);
  EXPECT_NEAR(d.area_km2, 3 * (points.cell_area_km2(2) + points.cell_area_km2(3) + points.cell_area_km2(4)), 1e-12);
  ASSERT_TRUE(d.geometry);
  EXPECT_EQ(wkbFlatten(d.geometry->getGeometryType()), wkbMultiPolygon);
  OGREnvelope e;
  d.geometry->getEnvelope(&e);
  EXPECT_NEAR(e.MinX, 108.02, 1e-9);
  EXPECT_NEAR(e.MaxX, 108.05, 1e-9);
  EXPECT_NEAR(e.MaxY, 22.88, 1e-9);
  EXPECT_NEAR(e.MinY, 22.85, 1e-9);

  // With no minimum, all three are drawn; another township has none.
  settings.desert_min_patch_children = 0;
  d = desert_area(study.demand().cells, desert, settings, 0, to_wgs);
  EXPECT_EQ(d.patches, 3);
  EXPECT_EQ(d.small_patches, 0);
  EXPECT_EQ(d.geometry->toMultiPolygon()->getNumGeometries(), 3);
  d = desert_area(study.demand().cells, desert, settings, 1, to_wgs);
  EXPECT_EQ(d.patches + d.small_patches, 0);
  EXPECT_FALSE(d.geometry);

  // An area minimum folds the 3 x 3 patch too.
  settings.desert_min_patch_km2 = 10 * points.cell_area_km2(3);
  d = desert_area(study.demand().cells, desert, settings, 0, to_wgs);
  EXPECT_EQ(d.patches, 0);
  EXPECT_EQ(d.small_patches, 3);
  EXPECT_DOUBLE_EQ(d.small_patch_children, 33);
  EXPECT_FALSE(d.geometry);
}
