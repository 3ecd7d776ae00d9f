// The geometry of a north-up raster: where its cells are, not what they hold.
#pragma once

#include <array>
#include <string>

namespace tuowei::gis {

struct Box {
  double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
  bool intersects(const Box& o) const {
    return xmin <= o.xmax && o.xmin <= xmax && ymin <= o.ymax && o.ymin <= ymax;
  }
};

// A rectangle of cells: columns [col0, col0 + cols), rows [row0, row0 + rows).
struct CellWindow {
  int col0 = 0, row0 = 0, cols = 0, rows = 0;
  bool empty() const { return cols <= 0 || rows <= 0; }
  long long size() const { return empty() ? 0 : static_cast<long long>(cols) * rows; }
  CellWindow intersect(const CellWindow& o) const;
};

struct Grid {
  double origin_x = 0;     // x of the left edge
  double origin_y = 0;     // y of the top edge
  double cell_width = 1;   // > 0
  double cell_height = 1;  // > 0; rows grow downwards (south)
  int cols = 0;
  int rows = 0;

  // Throws gis::Error for rotated or sheared geotransforms.
  static Grid from_geotransform(const std::array<double, 6>& gt, int cols, int rows);
  std::array<double, 6> geotransform() const;

  // Fractional cell coordinates: column 2.5 is the middle of the third column.
  double col_of(double x) const { return (x - origin_x) / cell_width; }
  double row_of(double y) const { return (origin_y - y) / cell_height; }
  double x_of(double col) const { return origin_x + col * cell_width; }
  double y_of(double row) const { return origin_y - row * cell_height; }

  Box extent() const {
    return {origin_x, origin_y - rows * cell_height, origin_x + cols * cell_width, origin_y};
  }
  CellWindow all() const { return {0, 0, cols, rows}; }
  // The cells a box touches, clipped to the grid (may be empty).
  CellWindow window_of(const Box& b) const;
  // Same origin, cell size and shape, within a tolerance of 1e-9 cell.
  bool same_as(const Grid& o) const;
  double cell_area() const { return cell_width * cell_height; }
};

}  // namespace tuowei::gis
