#include "planner/deserts.h"

#include <fmt/format.h>
#include <gdal_alg.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <numeric>

#include "gis/error.h"
#include "gis/gdal_env.h"

namespace tuowei::planner {
namespace {

// Union-find over the desert cells of one township.
struct Patches {
  std::vector<int> parent;
  int root(int k) {
    while (parent[size_t(k)] != k) k = parent[size_t(k)] = parent[size_t(parent[size_t(k)])];
    return k;
  }
  void join(int a, int b) {
    a = root(a), b = root(b);
    if (a != b) parent[size_t(std::max(a, b))] = std::min(a, b);
  }
};

// The cells flagged 1 in `mask` (w x h, row-major, north-up on `grid` from
// (col0, row0)) as polygons, 4-connected, in the grid's CRS.
OGRGeometryUniquePtr polygonize(const std::vector<unsigned char>& mask, int w, int h, const gis::Grid& grid,
                                int col0, int row0) {
  gis::ensure_gdal();
  GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
  GDALDriver* vec = GetGDALDriverManager()->GetDriverByName("Memory");
  if (!mem || !vec) throw gis::Error("GDAL was built without its in-memory drivers");
  GDALDatasetUniquePtr raster(mem->Create("", w, h, 1, GDT_Byte, nullptr));
  double gt[6] = {grid.x_of(col0), grid.cell_width, 0.0, grid.y_of(row0), 0.0, -grid.cell_height};
  raster->SetGeoTransform(gt);
  GDALRasterBand* band = raster->GetRasterBand(1);
  if (band->RasterIO(GF_Write, 0, 0, w, h, const_cast<unsigned char*>(mask.data()), w, h, GDT_Byte, 0, 0,
                     nullptr) != CE_None) {
    throw gis::Error(fmt::format("writing a desert mask failed ({})", gis::last_gdal_error()));
  }
  GDALDatasetUniquePtr shapes(vec->Create("", 0, 0, 0, GDT_Unknown, nullptr));
  OGRLayer* layer = shapes->CreateLayer("patches", nullptr, wkbPolygon, nullptr);
  OGRFieldDefn dn("dn", OFTInteger);
  layer->CreateField(&dn);
  // The band is its own mask: cells of 0 make no polygon.
  if (GDALPolygonize(band, band, layer, 0, nullptr, nullptr, nullptr) != CE_None) {
    throw gis::Error(fmt::format("polygonizing desert cells failed ({})", gis::last_gdal_error()));
  }
  auto out = std::make_unique<OGRMultiPolygon>();
  for (auto& f : *layer) {
    if (OGRGeometry* g = f->GetGeometryRef()) out->addGeometry(g);
  }
  return OGRGeometryUniquePtr(out.release());
}

}  // namespace

DesertArea desert_area(const Study& study, const std::vector<unsigned char>& desert, const AccessConfig& settings,
                       int township, const gis::CoordinateTransform& grid_to_wgs84) {
  DesertArea out;
  out.township = township;
  const DemandCells& cells = study.demand().cells;
  const gis::CellPoints& points = cells.points();
  std::vector<size_t> list;
  std::vector<int> rows;
  int row = 0;  // the rows of the cells, found by walking (cells come in index order)
  for (size_t i : cells.cells_of(township)) {
    if (!desert[i]) continue;
    if (list.empty()) row = points.row(i);
    while (points.row_begin(row + 1) <= i) ++row;
    list.push_back(i);
    rows.push_back(row);
  }
  if (list.empty()) return out;
  int r0 = rows.front(), r1 = rows.back(), c0 = points.col(list.front()), c1 = c0;
  for (size_t i : list) {
    c0 = std::min(c0, points.col(i));
    c1 = std::max(c1, points.col(i));
  }
  const int w = c1 - c0 + 1, h = r1 - r0 + 1;
  auto at = [&](int r, int c) { return size_t(r - r0) * size_t(w) + size_t(c - c0); };

  // Connected patches: each cell joins its left and upper neighbours.
  std::vector<int> label(size_t(w) * size_t(h), -1);
  Patches patches;
  patches.parent.resize(list.size());
  std::iota(patches.parent.begin(), patches.parent.end(), 0);
  for (size_t k = 0; k < list.size(); ++k) {
    const int r = rows[k], c = points.col(list[k]);
    label[at(r, c)] = int(k);
    if (c > c0 && label[at(r, c - 1)] >= 0) patches.join(int(k), label[at(r, c - 1)]);
    if (r > r0 && label[at(r - 1, c)] >= 0) patches.join(int(k), label[at(r - 1, c)]);
  }
  std::vector<double> children(list.size(), 0.0), area(list.size(), 0.0);
  for (size_t k = 0; k < list.size(); ++k) {
    const int root = patches.root(int(k));
    children[size_t(root)] += cells.children(list[k]);
    area[size_t(root)] += points.cell_area_km2(rows[k]);
  }
  std::vector<unsigned char> mask(label.size(), 0);
  for (size_t k = 0; k < list.size(); ++k) {
    const int root = patches.root(int(k));
    const bool drawn =
        children[size_t(root)] >= settings.desert_min_patch_children && area[size_t(root)] >= settings.desert_min_patch_km2;
    if (size_t(root) == k) {
      (drawn ? out.patches : out.small_patches) += 1;
      if (drawn) {
        out.children_0_3 += children[k];
        out.area_km2 += area[k];
      } else {
        out.small_patch_children += children[k];
      }
    }
    if (drawn) mask[at(rows[k], points.col(list[k]))] = 1;
  }
  if (out.patches == 0) return out;

  const gis::Grid& grid = points.grid();
  OGRGeometryUniquePtr shape = polygonize(mask, w, h, grid, c0, r0);
  // Staircase edges are smoothed for display; counts come from the cells.
  const double half_cell = 0.5 * std::min(grid.cell_width, grid.cell_height);
  OGRGeometryUniquePtr shown(shape->SimplifyPreserveTopology(half_cell));
  if (!shown || shown->IsEmpty()) shown = std::move(shape);
  if (grid_to_wgs84.apply(*shown)) {
    out.geometry.reset(OGRGeometryFactory::forceToMultiPolygon(shown.release()));
  }
  return out;
}

void sort_deserts(std::vector<DesertArea>& deserts) {
  std::sort(deserts.begin(), deserts.end(), [](const DesertArea& a, const DesertArea& b) {
    return a.children_0_3 != b.children_0_3 ? a.children_0_3 > b.children_0_3 : a.township < b.township;
  });
}

}  // namespace tuowei::planner
