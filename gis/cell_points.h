// Cells of a raster grid kept as points (say, the populated cells of a
// population raster), row by row, with their centres in a metric CRS.
//
// Radius queries need no tree: the rows a disc can touch are found from each
// row's span of metric y, and within a row the centres' x grows with the
// column (checked as rows are added; a row where it does not is scanned
// whole), so each row is a binary search and a short scan. Queries only read
// and may run on several threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "gis/crs.h"
#include "gis/grid.h"
#include "gis/point_index.h"

namespace tuowei::gis {

class CellPoints {
 public:
  CellPoints() = default;
  // `grid` in `grid_crs`; centres and areas are measured in `metric` (a
  // projected CRS in metres).
  CellPoints(const Grid& grid, const Crs& grid_crs, const Crs& metric);
  CellPoints(CellPoints&&) noexcept;
  CellPoints& operator=(CellPoints&&) noexcept;
  ~CellPoints();

  // Adds rows [row0, row0 + nrows): the cells flagged in `keep` (nrows *
  // grid.cols flags, row-major). Rows come in order, each once; rows skipped
  // hold no cells. Centres are transformed here (PROJ), on every core.
  void add_rows(int row0, int nrows, const unsigned char* keep);
  // After the last add_rows: the rows not added hold no cells.
  void finish();

  // These cells and `extra` (row, column) cells of the same grid, in one
  // new set (row by row; an extra cell already here is kept once).
  CellPoints with_cells(std::vector<std::pair<int, int>> extra) const;

  const Grid& grid() const { return grid_; }
  size_t size() const { return col_.size(); }
  int row(size_t i) const;
  int col(size_t i) const { return col_[i]; }
  double x(size_t i) const { return x_[i]; }
  double y(size_t i) const { return y_[i]; }
  // Cells of row r are [row_begin(r), row_begin(r + 1)).
  size_t row_begin(int r) const { return row_start_[size_t(r)]; }
  // The index of the cell at (row, col), or -1 when it was not kept.
  long find(int row, int col) const;
  // A cell's area in km² in the metric CRS (cells of a geographic grid shrink
  // northwards), for any row of the grid.
  double cell_area_km2(int row) const { return row_area_km2_[size_t(row)]; }

  // Every cell whose centre lies within `radius` (metric) of (px, py), as
  // (index, distance), in index order, into `out` (cleared first). Distances
  // are sqrt(dx² + dy²), compared squared with radius², as in PointIndex.
  void within(double px, double py, double radius, std::vector<Neighbour>& out) const;
  // The rows within() may look at for that disc, [first, last); first ==
  // last when none.
  std::pair<int, int> rows_near(double py, double radius) const;

 private:
  Grid grid_;
  std::unique_ptr<CoordinateTransform> to_metric_;
  std::vector<size_t> row_start_;  // grid.rows + 1
  std::vector<int> col_;
  std::vector<double> x_, y_;
  std::vector<double> row_area_km2_;
  // Per row: the span of the centres' y, and whether x grows with the column.
  std::vector<double> row_ymin_, row_ymax_;
  std::vector<char> row_sorted_;
  // Running bounds for finding the rows of a query: suffix maxima of
  // row_ymax_ and prefix minima of row_ymin_ (both non-increasing with row).
  std::vector<double> suffix_ymax_, prefix_ymin_;
  int rows_added_ = 0;
};

}  // namespace tuowei::gis
