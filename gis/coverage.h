// Exact cell coverage fractions: for every raster cell, the share of its area
// that lies inside a polygon (1 inside, 0 outside, partial on the boundary).
//
// Method (docs/methods.md, "Exact coverage fractions"): by Green's theorem
// the area of polygon ∩ cell is a sum over the polygon's edges of the
// integral of the edge's height clamped to the cell's row band. Each edge
// adds an exact partial term to the rows it crosses and a full-height term
// to every row above it in its column; the latter is accumulated with one
// prefix sum per column. Holes and multipolygons need no special case: a
// ring's sign follows its role (shell +, hole -) whatever its orientation.
// The work is O(boundary cells + window cells), and any band of rows can be
// computed on its own, which lets zonal statistics stream a raster.
#pragma once

#include <functional>
#include <vector>

#include "gis/grid.h"

class OGRGeometry;

namespace tuowei::gis {

class CoveragePolygon {
 public:
  struct Ring {
    std::vector<double> x, y;  // world coordinates, closed or not
    bool hole = false;
  };

  // Rings in world coordinates of `grid`'s CRS.
  CoveragePolygon(const std::vector<Ring>& rings, const Grid& grid);
  // Polygon, MultiPolygon, curved polygons (linearised) or collections of
  // them, already in the grid's CRS. Other geometry types give an empty set.
  static CoveragePolygon from_ogr(const OGRGeometry& geometry, const Grid& grid);

  // Cells touched by the polygon's bounding box, clipped to the grid.
  const CellWindow& window() const { return window_; }
  // Polygon area in cell units (cells of the grid), inside the grid or not.
  double area_cells() const { return area_cells_; }
  bool empty() const { return edges_.empty(); }

  // Coverage fractions of the cells in `w` (any window of the grid),
  // row-major into `out` (resized to w.cols * w.rows).
  void coverage(const CellWindow& w, std::vector<double>& out) const;
  // A term of a row's fractions on top of its base (coverage_rows).
  struct RowPatch {
    int col;          // within the window
    double fraction;  // to add to base[col]
  };
  // The same a row at a time, bottom row first: the fractions of row `row`
  // are base[c] (w.cols values) plus the patches of column c (few: only
  // cells an edge crosses have any; sorted by column). Valid during the
  // call. No window-sized buffer is written: a caller summing rows as they
  // come touches each cell once.
  using RowVisitor =
      std::function<void(int row, const double* base, const RowPatch* patches, size_t patch_count)>;
  void coverage_rows(const CellWindow& w, const RowVisitor& visit) const;

 private:
  // An edge in cell coordinates (x = column, y = row, growing downwards),
  // with the sign its ring contributes with.
  struct Edge {
    double x0, y0, x1, y1;
    double sign;
  };
  std::vector<Edge> edges_;
  CellWindow window_;
  double area_cells_ = 0.0;
};

}  // namespace tuowei::gis
