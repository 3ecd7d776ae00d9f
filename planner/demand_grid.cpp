#include "planner/demand_grid.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "gis/error.h"

namespace tuowei::planner {

ChildrenLayers open_children(const Project& project) {
  ChildrenLayers c;
  for (const RasterRef& r : project.population.children_0_3) {
    c.bands.push_back(gis::RasterBand::open(r.path, r.band));
    c.weights.push_back(r.weight);
  }
  if (c.bands.empty()) throw gis::Error("[population] names no under-3 rasters");
  c.grid = c.bands.front().grid();
  for (const auto& b : c.bands) {
    if (!b.grid().same_as(c.grid)) {
      throw gis::Error(fmt::format("{} and {} are not on one grid; cell-level access needs the under-3 rasters on "
                                   "one grid (resample with gdalwarp, or set [access] demand = \"townships\")",
                                   c.bands.front().path(), b.path()));
    }
  }
  c.crs = gis::Crs::from_wkt(c.bands.front().crs_wkt());
  return c;
}

CellStream::CellStream(const ChildrenLayers& layers, const gis::Crs& metric)
    : layers_(layers), to_metric_(layers.crs, metric) {
  int block = std::max(1, layers.bands.front().block_rows());
  strip_rows_ = block * std::max(1, 256 / block);
  strips_ = (layers.grid.rows + strip_rows_ - 1) / strip_rows_;
}

void CellStream::read(int s, Strip& out) {
  const gis::Grid& g = layers_.grid;
  out.row0 = s * strip_rows_;
  out.rows = std::min(strip_rows_, g.rows - out.row0);
  size_t n = size_t(out.rows) * g.cols;
  out.children.assign(n, NAN);
  buf_.resize(n);
  for (size_t l = 0; l < layers_.bands.size(); ++l) {
    const gis::RasterBand& b = layers_.bands[l];
    b.read_rows(out.row0, out.rows, buf_.data());
    for (size_t k = 0; k < n; ++k) {
      if (b.is_nodata(buf_[k])) continue;
      double v = layers_.weights[l] * buf_[k];
      out.children[k] = std::isnan(out.children[k]) ? v : out.children[k] + v;
    }
  }
  out.populated.clear();
  out.x.clear();
  out.y.clear();
  for (size_t k = 0; k < n; ++k) {
    if (out.children[k] > 0) {
      out.populated.push_back(int(k));
      int r = out.row0 + int(k / g.cols), c = int(k % g.cols);
      out.x.push_back(g.x_of(c + 0.5));
      out.y.push_back(g.y_of(r + 0.5));
    }
  }
  to_metric_.apply(out.x.size(), out.x.data(), out.y.data());
}

double CellStream::cell_area_km2(int r) {
  const gis::Grid& g = layers_.grid;
  double c = g.cols / 2;
  double xs[4] = {g.x_of(c), g.x_of(c + 1), g.x_of(c + 1), g.x_of(c)};
  double ys[4] = {g.y_of(r), g.y_of(r), g.y_of(r + 1), g.y_of(r + 1)};
  to_metric_.apply(4, xs, ys);
  double a = 0;
  for (int i = 0; i < 4; ++i) a += xs[i] * ys[(i + 1) % 4] - xs[(i + 1) % 4] * ys[i];
  return std::fabs(a) / 2e6;
}

}  // namespace tuowei::planner
