#include "gis/zonal.h"

#include <fmt/format.h>

#include <algorithm>
#include <future>
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

// Σ f·v and Σ f over cells with a value (not NaN, not `nodata`), and Σ f
// over all, for one row of a window: four independent lanes combined in a
// fixed order, so the loop runs without branches and the result does not
// depend on the number of threads.
struct RowSums {
  double sum = 0.0, valid = 0.0, inside = 0.0;
};

template <bool kInside, class T>
RowSums row_sums(const double* f, const T* v, int n, T nodata) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0, w0 = 0, w1 = 0, w2 = 0, w3 = 0, i0 = 0, i1 = 0, i2 = 0, i3 = 0;
  auto one = [nodata](double fk, T x, double& s, double& w, double& in) {
    const bool ok = x == x && x != nodata;
    s += ok ? fk * double(x) : 0.0;
    w += ok ? fk : 0.0;
    if constexpr (kInside) in += fk;
  };
  int c = 0;
  for (; c + 4 <= n; c += 4) {
    one(f[c], v[c], s0, w0, i0);
    one(f[c + 1], v[c + 1], s1, w1, i1);
    one(f[c + 2], v[c + 2], s2, w2, i2);
    one(f[c + 3], v[c + 3], s3, w3, i3);
  }
  for (; c < n; ++c) one(f[c], v[c], s0, w0, i0);
  return {(s0 + s1) + (s2 + s3), (w0 + w1) + (w2 + w3), (i0 + i1) + (i2 + i3)};
}

}  // namespace

void ZonalAccumulator::add_strip(int row0, int nrows, const std::vector<const double*>& values,
                                 const unsigned char* keep, std::vector<CellShare>* shares) {
  add(row0, nrows, values, {}, keep, shares);
}

void ZonalAccumulator::add_strip(int row0, int nrows, const std::vector<const float*>& values,
                                 const std::vector<double>& nodata, const unsigned char* keep,
                                 std::vector<CellShare>* shares) {
  add(row0, nrows, values, nodata, keep, shares);
}

template <class T>
void ZonalAccumulator::add(int row0, int nrows, const std::vector<const T*>& values, const std::vector<double>& nodata,
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
  std::vector<T> nd(values.size());
  for (size_t l = 0; l < values.size(); ++l) nd[l] = l < nodata.size() ? T(nodata[l]) : T(NAN);
  parallel_for(touched.size(), 1, [&](size_t begin, size_t end, int worker) {
    std::vector<double>& sums = cov_[size_t(worker)];  // per layer: sum, valid; then inside
    for (size_t k = begin; k < end; ++k) {
      const int z = touched[k];
      const CellWindow w = zones_[z].window().intersect(strip);
      sums.assign(2 * values.size() + 1, 0.0);
      std::vector<CellShare>* found = want_shares ? &found_[size_t(worker)] : nullptr;
      // Each row is summed as its coverage is made, while it is in cache:
      // the row's base over every cell, then the patches' terms.
      zones_[z].coverage_rows(w, [&](int row, const double* base, const CoveragePolygon::RowPatch* patches,
                                     size_t n) {
        const size_t offset = size_t(row - row0) * grid_.cols + w.col0;
        if (values.empty()) {
          for (int c = 0; c < w.cols; ++c) sums[0] += base[c];
          for (size_t i = 0; i < n; ++i) sums[0] += patches[i].fraction;
        }
        for (size_t l = 0; l < values.size(); ++l) {
          // The coverage total rides along with the first layer.
          const T* v = values[l] + offset;
          RowSums rs = l == 0 ? row_sums<true>(base, v, w.cols, nd[l]) : row_sums<false>(base, v, w.cols, nd[l]);
          for (size_t i = 0; i < n; ++i) {
            const T x = v[patches[i].col];
            const double f = patches[i].fraction;
            if (x == x && x != nd[l]) {
              rs.sum += f * double(x);
              rs.valid += f;
            }
            rs.inside += f;
          }
          sums[2 * l] += rs.sum;
          sums[2 * l + 1] += rs.valid;
          if (l == 0) sums[2 * values.size()] += rs.inside;
        }
        if (found) {
          // Each kept cell's fraction: its base plus its patches.
          size_t i = 0;
          for (int c = 0; c < w.cols; ++c) {
            double f = base[c];
            for (; i < n && patches[i].col == c; ++i) f += patches[i].fraction;
            if (f > 0.0 && keep[offset + c]) found->push_back({offset + c, z, f});
          }
        }
      });
      ZonalStats& st = stats_[z];
      for (size_t l = 0; l < values.size(); ++l) {
        st.sum[l] += sums[2 * l];
        st.valid_cells[l] += sums[2 * l + 1];
      }
      st.inside_cells += values.empty() ? sums[0] : sums[2 * values.size()];
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
      throw Error(say("{} and {} are not on the same grid (origin, cell size and size must match); "
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
  long long steps_done = 0;
  const double steps_total = double(nstrips) * double(ngroups);

  // Strips of floats when every layer's values are floats (half the memory
  // traffic; nodata compared as read), else of doubles with nodata as NaN.
  const bool as_float = std::all_of(layers.begin(), layers.end(), [](const RasterBand* l) { return l->fits_float(); });
  struct Strip {
    std::vector<std::vector<float>> f;
    std::vector<std::vector<double>> d;
  };
  auto read = [&](int s, size_t g0, size_t g1, Strip& data) {
    const int r0 = s * strip_rows;
    const int nr = std::min(strip_rows, grid.rows - r0);
    const size_t n = size_t(nr) * grid.cols;
    data.f.resize(g1 - g0);
    data.d.resize(g1 - g0);
    for (size_t l = g0; l < g1; ++l) {
      if (as_float) {
        data.f[l - g0].resize(n);
        layers[l]->read_rows(r0, nr, data.f[l - g0].data());
        continue;
      }
      std::vector<double>& d = data.d[l - g0];
      d.resize(n);
      layers[l]->read_rows(r0, nr, d.data());
      if (const std::optional<double> nodata = layers[l]->nodata()) {
        const double nd = *nodata;  // hoisted: a select per value, no branch
        for (double& v : d) v = v == nd ? NAN : v;
      }
    }
  };
  for (size_t g0 = 0; g0 < layers.size(); g0 += group) {
    size_t g1 = std::min(layers.size(), g0 + group);
    ZonalAccumulator acc(zones, grid, g1 - g0);
    std::vector<double> nodata;
    for (size_t l = g0; l < g1; ++l) nodata.push_back(layers[l]->nodata().value_or(NAN));
    // The next strip is read (decoded by GDAL's threads) while this one is
    // summed: two buffers, one reader thread.
    Strip data, next;
    auto next_needed = [&](int s) {
      while (s < nstrips && !needed[s]) ++s;
      return s;
    };
    int s = next_needed(0);
    std::future<void> reading;
    if (s < nstrips) reading = std::async(std::launch::async, [&, s] { read(s, g0, g1, next); });
    int done = 0;
    while (s < nstrips) {
      reading.get();
      std::swap(data, next);
      const int following = next_needed(s + 1);
      if (following < nstrips) {
        reading = std::async(std::launch::async, [&, following] { read(following, g0, g1, next); });
      }
      const int r0 = s * strip_rows, nr = std::min(strip_rows, grid.rows - r0);
      if (as_float) {
        std::vector<const float*> ptrs;
        for (const auto& v : data.f) ptrs.push_back(v.data());
        acc.add_strip(r0, nr, ptrs, nodata);
      } else {
        std::vector<const double*> ptrs;
        for (const auto& v : data.d) ptrs.push_back(v.data());
        acc.add_strip(r0, nr, ptrs);
      }
      // One report per strip, read or skipped.
      for (; done < following; ++done) {
        if (options.progress) options.progress(double(++steps_done) / steps_total);
      }
      s = following;
    }
    for (; done < nstrips; ++done) {
      if (options.progress) options.progress(double(++steps_done) / steps_total);
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
