#include "planner/deserts.h"


#include <algorithm>
#include <numeric>

#include "gis/polygonize.h"

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

// Holes in desert patches smaller than this, where no child lives, are
// drawn as desert (docs/methods.md): gaps between populated cells, not
// places apart.
constexpr double kFillHolesKm2 = 0.25;

// Sets to 1 the regions of 0 in `mask` (w x h from (col0, row0) of the
// cells' grid) that no 1 lets out of the window, where no populated cell
// lies, and smaller than max_km2: 4-connected flood fills.
void fill_empty_holes(std::vector<unsigned char>& mask, int w, int h, const gis::CellPoints& points, int row0,
                      int col0, double max_km2) {
  std::vector<unsigned char> state(mask.size(), 0);  // 1: populated, 2: visited
  for (int r = 0; r < h; ++r) {
    const int row = row0 + r;
    for (size_t i = points.row_begin(row); i < points.row_begin(row + 1); ++i) {
      const int c = points.col(i) - col0;
      if (c >= 0 && c < w) state[size_t(r) * size_t(w) + size_t(c)] = 1;
    }
  }
  std::vector<size_t> stack, region;
  for (size_t start = 0; start < mask.size(); ++start) {
    if (mask[start] || state[start] & 2) continue;
    bool enclosed = true, empty = true;
    double km2 = 0;
    region.clear();
    stack.push_back(start);
    state[start] |= 2;
    while (!stack.empty()) {
      const size_t k = stack.back();
      stack.pop_back();
      region.push_back(k);
      const int r = int(k / size_t(w)), c = int(k % size_t(w));
      km2 += points.cell_area_km2(row0 + r);
      if (state[k] & 1) empty = false;
      if (r == 0 || c == 0 || r == h - 1 || c == w - 1) enclosed = false;
      auto visit = [&](int rr, int cc) {
        if (rr < 0 || cc < 0 || rr >= h || cc >= w) return;
        const size_t q = size_t(rr) * size_t(w) + size_t(cc);
        if (!mask[q] && !(state[q] & 2)) {
          state[q] |= 2;
          stack.push_back(q);
        }
      };
      visit(r - 1, c);
      visit(r + 1, c);
      visit(r, c - 1);
      visit(r, c + 1);
    }
    if (enclosed && empty && km2 < max_km2) {
      for (size_t k : region) mask[k] = 1;
    }
  }
}

}  // namespace

DesertArea desert_area(const DemandCells& cells, const std::vector<unsigned char>& desert,
                       const AccessConfig& settings, int township, const gis::CoordinateTransform& grid_to_wgs84) {
  DesertArea out;
  out.township = township;
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
  fill_empty_holes(mask, w, h, points, r0, c0, kFillHolesKm2);

  // The cells' own outlines (no smoothing): the polygons show exactly the
  // cells counted, and the small holes where nobody lives.
  OGRGeometryUniquePtr shape = gis::polygonize(mask, w, h, points.grid(), c0, r0);
  if (grid_to_wgs84.apply_all({shape.get()}, mask.size() > (1u << 20))) {
    out.geometry.reset(OGRGeometryFactory::forceToMultiPolygon(shape.release()));
  }
  return out;
}

void sort_deserts(std::vector<DesertArea>& deserts) {
  std::sort(deserts.begin(), deserts.end(), [](const DesertArea& a, const DesertArea& b) {
    return a.children_0_3 != b.children_0_3 ? a.children_0_3 > b.children_0_3 : a.township < b.township;
  });
}

}  // namespace tuowei::planner
