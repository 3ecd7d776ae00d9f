#include "gis/zonal.h"

#include <fmt/format.h>

#include <algorithm>

#include "gis/error.h"

namespace tuowei::gis {

std::vector<ZonalStats> zonal_sums(const std::vector<CoveragePolygon>& zones,
                                   const std::vector<const RasterBand*>& layers, const ZonalOptions& options) {
  std::vector<ZonalStats> stats(zones.size());
  for (size_t z = 0; z < zones.size(); ++z) {
    stats[z].sum.assign(layers.size(), 0.0);
    stats[z].valid_cells.assign(layers.size(), 0.0);
    stats[z].area_cells = zones[z].area_cells();
  }
  if (layers.empty() || zones.empty()) return stats;
  const Grid& grid = layers.front()->grid();
  for (const RasterBand* l : layers) {
    if (!l->grid().same_as(grid)) {
      throw Error(fmt::format("{} and {} are not on the same grid (origin, cell size and size must match); "
                              "resample one onto the other with gdalwarp",
                              layers.front()->path(), l->path()));
    }
  }

  // Strip height: whole block rows, as many layers at once as the budget allows.
  const size_t row_bytes = size_t(grid.cols) * sizeof(double);
  int block_rows = std::max(1, layers.front()->block_rows());
  int strip_rows = block_rows;
  while (strip_rows < 64 && strip_rows * 2 * row_bytes * layers.size() <= options.memory_budget_bytes) {
    strip_rows += block_rows;  // tiny blocks (striped files): read a useful number of rows
  }
  size_t per_layer = row_bytes * strip_rows;
  size_t group = std::clamp<size_t>(options.memory_budget_bytes / std::max<size_t>(per_layer, 1), 1,
                                    layers.size());

  const int nstrips = (grid.rows + strip_rows - 1) / strip_rows;
  const size_t ngroups = (layers.size() + group - 1) / group;
  std::vector<std::vector<double>> data(group);
  std::vector<double> cov;
  long long steps_done = 0;
  const double steps_total = double(nstrips) * double(ngroups);

  for (size_t g0 = 0; g0 < layers.size(); g0 += group) {
    size_t g1 = std::min(layers.size(), g0 + group);
    for (int s = 0; s < nstrips; ++s) {
      int r0 = s * strip_rows;
      int nr = std::min(strip_rows, grid.rows - r0);
      CellWindow strip{0, r0, grid.cols, nr};
      bool loaded = false;
      for (size_t z = 0; z < zones.size(); ++z) {
        CellWindow w = zones[z].window().intersect(strip);
        if (w.empty()) continue;
        if (!loaded) {
          for (size_t l = g0; l < g1; ++l) {
            data[l - g0].resize(size_t(nr) * grid.cols);
            layers[l]->read_rows(r0, nr, data[l - g0].data());
          }
          loaded = true;
        }
        zones[z].coverage(w, cov);
        ZonalStats& st = stats[z];
        if (g0 == 0) {
          double inside = 0.0;
          for (double f : cov) inside += f;
          st.inside_cells += inside;
        }
        for (size_t l = g0; l < g1; ++l) {
          const RasterBand& band = *layers[l];
          const std::vector<double>& d = data[l - g0];
          double sum = 0.0, valid = 0.0;
          for (int r = 0; r < w.rows; ++r) {
            const double* f = cov.data() + size_t(r) * w.cols;
            const double* v = d.data() + size_t(w.row0 - r0 + r) * grid.cols + w.col0;
            for (int c = 0; c < w.cols; ++c) {
              if (f[c] == 0.0 || band.is_nodata(v[c])) continue;
              sum += f[c] * v[c];
              valid += f[c];
            }
          }
          st.sum[l] += sum;
          st.valid_cells[l] += valid;
        }
      }
      ++steps_done;
      if (options.progress) options.progress(double(steps_done) / steps_total);
    }
  }
  return stats;
}

}  // namespace tuowei::gis
