#include "gis/zonal.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "gis/error.h"
#include "gis/parallel.h"

namespace tuowei::gis {

ZonalAccumulator::ZonalAccumulator(const std::vector<CoveragePolygon>& zones, const Grid& grid, size_t layers)
    : zones_(zones), grid_(grid), stats_(zones.size()) {
  for (size_t z = 0; z < zones.size(); ++z) {
    stats_[z].sum.assign(layers, 0.0);
    stats_[z].valid_cells.assign(layers, 0.0);
    stats_[z].area_cells = zones[z].area_cells();
    order_.push_back(int(z));
  }
  std::stable_sort(order_.begin(), order_.end(),
                   [&](int a, int b) { return zones[a].window().size() > zones[b].window().size(); });
}

namespace {

// One zone's part of a strip: its sums over window `w` (coverage in `cov`).
void accumulate(const std::vector<double>& cov, const CellWindow& w, int row0, int cols,
                const std::vector<const double*>& values, ZonalStats& st) {
  if (values.empty()) {
    double inside = 0.0;
    for (double f : cov) inside += f;
    st.inside_cells += inside;
  }
  for (size_t l = 0; l < values.size(); ++l) {
    // The coverage total rides along with the first layer: one pass, and
    // its additions overlap with those of the sums instead of following them.
    const bool first = l == 0;
    double sum = 0.0, valid = 0.0, inside = 0.0;
    for (int r = 0; r < w.rows; ++r) {
      const double* f = cov.data() + size_t(r) * w.cols;
      const double* v = values[l] + size_t(w.row0 - row0 + r) * cols + w.col0;
      if (first) {
        for (int c = 0; c < w.cols; ++c) {
          inside += f[c];
          if (f[c] == 0.0 || std::isnan(v[c])) continue;
          sum += f[c] * v[c];
          valid += f[c];
        }
      } else {
        for (int c = 0; c < w.cols; ++c) {
          if (f[c] == 0.0 || std::isnan(v[c])) continue;
          sum += f[c] * v[c];
          valid += f[c];
        }
      }
    }
    st.sum[l] += sum;
    st.valid_cells[l] += valid;
    if (first) st.inside_cells += inside;
  }
}

}  // namespace

void ZonalAccumulator::add_strip(int row0, int nrows, const std::vector<const double*>& values,
                                 const unsigned char* keep, std::vector<CellShare>* shares) {
  const CellWindow strip{0, row0, grid_.cols, nrows};
  std::vector<int> touched;
  for (int z : order_) {
    if (!zones_[z].window().intersect(strip).empty()) touched.push_back(z);
  }
  const int workers = thread_count();
  if (cov_.size() < size_t(workers)) {
    cov_.resize(size_t(workers));
    found_.resize(size_t(workers));
  }
  const bool want_shares = keep && shares;
  for (auto& f : found_) f.clear();
  parallel_for(touched.size(), 1, [&](size_t begin, size_t end, int worker) {
    std::vector<double>& cov = cov_[size_t(worker)];
    for (size_t k = begin; k < end; ++k) {
      const int z = touched[k];
      const CellWindow w = zones_[z].window().intersect(strip);
      zones_[z].coverage(w, cov);
      accumulate(cov, w, row0, grid_.cols, values, stats_[z]);
      if (!want_shares) continue;
      std::vector<CellShare>& found = found_[size_t(worker)];
      for (int r = 0; r < w.rows; ++r) {
        const size_t base = size_t(w.row0 - row0 + r) * grid_.cols + w.col0;
        const double* f = cov.data() + size_t(r) * w.cols;
        for (int c = 0; c < w.cols; ++c) {
          if (f[c] > 0.0 && keep[base + c]) found.push_back({base + c, z, f[c]});
        }
      }
    }
  });
  if (!want_shares) return;
  // By cell, then zone, whichever worker found them: a counting sort by cell,
  // then each cell's few zones in order.
  const size_t cells = size_t(nrows) * grid_.cols;
  share_count_.assign(cells + 1, 0);
  size_t total = 0;
  for (const auto& found : found_) {
    total += found.size();
    for (const CellShare& s : found) ++share_count_[s.offset + 1];
  }
  for (size_t i = 0; i < cells; ++i) share_count_[i + 1] += share_count_[i];
  shares->resize(total);
  std::vector<unsigned> next(share_count_.begin(), share_count_.end() - 1);
  for (const auto& found : found_) {
    for (const CellShare& s : found) (*shares)[next[s.offset]++] = s;
  }
  for (size_t i = 0; i < cells; ++i) {
    auto first = shares->begin() + share_count_[i], last = shares->begin() + share_count_[i + 1];
    if (last - first > 1) {
      std::sort(first, last, [](const CellShare& a, const CellShare& b) { return a.zone < b.zone; });
    }
  }
}

std::vector<ZonalStats> zonal_sums(const std::vector<CoveragePolygon>& zones,
                                   const std::vector<const RasterBand*>& layers, const ZonalOptions& options) {
  if (layers.empty() || zones.empty()) return ZonalAccumulator(zones, Grid{}, layers.size()).stats();
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

  // Which strips any zone touches: the others are not read at all.
  const int nstrips = (grid.rows + strip_rows - 1) / strip_rows;
  std::vector<char> needed(nstrips, 0);
  for (const CoveragePolygon& z : zones) {
    const CellWindow& w = z.window();
    if (w.empty()) continue;
    for (int s = w.row0 / strip_rows; s <= (w.row0 + w.rows - 1) / strip_rows; ++s) needed[s] = 1;
  }

  std::vector<ZonalStats> stats(zones.size());
  const size_t ngroups = (layers.size() + group - 1) / group;
  std::vector<std::vector<double>> data(group);
  long long steps_done = 0;
  const double steps_total = double(nstrips) * double(ngroups);

  for (size_t g0 = 0; g0 < layers.size(); g0 += group) {
    size_t g1 = std::min(layers.size(), g0 + group);
    ZonalAccumulator acc(zones, grid, g1 - g0);
    std::vector<const double*> ptrs(g1 - g0);
    for (int s = 0; s < nstrips; ++s) {
      if (needed[s]) {
        int r0 = s * strip_rows;
        int nr = std::min(strip_rows, grid.rows - r0);
        for (size_t l = g0; l < g1; ++l) {
          std::vector<double>& d = data[l - g0];
          d.resize(size_t(nr) * grid.cols);
          layers[l]->read_rows(r0, nr, d.data());
          if (const std::optional<double> nodata = layers[l]->nodata()) {
            const double nd = *nodata;  // hoisted: a select per value, no branch
            for (double& v : d) v = v == nd ? NAN : v;
          }
          ptrs[l - g0] = d.data();
        }
        acc.add_strip(r0, nr, ptrs);
      }
      ++steps_done;
      if (options.progress) options.progress(double(steps_done) / steps_total);
    }
    for (size_t z = 0; z < zones.size(); ++z) {
      const ZonalStats& part = acc.stats()[z];
      if (g0 == 0) {
        stats[z].inside_cells = part.inside_cells;
        stats[z].area_cells = part.area_cells;
      }
      stats[z].sum.insert(stats[z].sum.end(), part.sum.begin(), part.sum.end());
      stats[z].valid_cells.insert(stats[z].valid_cells.end(), part.valid_cells.begin(), part.valid_cells.end());
    }
  }
  return stats;
}

}  // namespace tuowei::gis
