#include "gis/grid.h"

#include <algorithm>
#include <cmath>

#include "gis/error.h"

namespace tuowei::gis {

CellWindow CellWindow::intersect(const CellWindow& o) const {
  int c0 = std::max(col0, o.col0), r0 = std::max(row0, o.row0);
  int c1 = std::min(col0 + cols, o.col0 + o.cols), r1 = std::min(row0 + rows, o.row0 + o.rows);
  return {c0, r0, std::max(0, c1 - c0), std::max(0, r1 - r0)};
}

Grid Grid::from_geotransform(const std::array<double, 6>& gt, int cols, int rows) {
  if (gt[2] != 0.0 || gt[4] != 0.0) {
    throw Error(say("rotated or sheared rasters are not supported (geotransform terms 2 and 4 must be 0); "
                    "warp the raster to a north-up grid first, e.g. with gdalwarp"));
  }
  if (gt[1] <= 0.0 || gt[5] >= 0.0) {
    throw Error(say("the raster is not north-up (pixel width must be > 0 and pixel height < 0); "
                    "warp it to a north-up grid first, e.g. with gdalwarp"));
  }
  Grid g;
  g.origin_x = gt[0];
  g.origin_y = gt[3];
  g.cell_width = gt[1];
  g.cell_height = -gt[5];
  g.cols = cols;
  g.rows = rows;
  return g;
}

std::array<double, 6> Grid::geotransform() const {
  return {origin_x, cell_width, 0.0, origin_y, 0.0, -cell_height};
}

CellWindow Grid::window_of(const Box& b) const {
  double c0 = std::floor(col_of(b.xmin)), c1 = std::ceil(col_of(b.xmax));
  double r0 = std::floor(row_of(b.ymax)), r1 = std::ceil(row_of(b.ymin));
  c0 = std::clamp(c0, 0.0, double(cols));
  c1 = std::clamp(c1, 0.0, double(cols));
  r0 = std::clamp(r0, 0.0, double(rows));
  r1 = std::clamp(r1, 0.0, double(rows));
  return {int(c0), int(r0), int(c1 - c0), int(r1 - r0)};
}

bool Grid::same_as(const Grid& o) const {
  if (cols != o.cols || rows != o.rows) return false;
  double tol_x = 1e-9 * cell_width, tol_y = 1e-9 * cell_height;
  return std::fabs(origin_x - o.origin_x) <= tol_x && std::fabs(origin_y - o.origin_y) <= tol_y &&
         std::fabs(cell_width - o.cell_width) <= tol_x && std::fabs(cell_height - o.cell_height) <= tol_y;
}

}  // namespace tuowei::gis
