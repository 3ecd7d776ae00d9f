#include "gis/cell_points.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "gis/error.h"

namespace tuowei::gis {

CellPoints::CellPoints(const Grid& grid, const Crs& grid_crs, const Crs& metric)
    : grid_(grid), to_metric_(std::make_unique<CoordinateTransform>(grid_crs, metric)) {
  const size_t rows = size_t(std::max(0, grid.rows));
  row_start_.assign(rows + 1, 0);
  row_area_km2_.assign(rows, 0.0);
  row_ymin_.assign(rows, std::numeric_limits<double>::infinity());
  row_ymax_.assign(rows, -std::numeric_limits<double>::infinity());
  row_sorted_.assign(rows, 1);
  // The metric area of one cell of each row (a mid-row cell's corners).
  const double c = grid.cols / 2;
  for (size_t row = 0; row < rows; ++row) {
    double xs[4] = {grid.x_of(c), grid.x_of(c + 1), grid.x_of(c + 1), grid.x_of(c)};
    double ys[4] = {grid.y_of(double(row)), grid.y_of(double(row)), grid.y_of(double(row) + 1),
                    grid.y_of(double(row) + 1)};
    if (!to_metric_->is_identity()) to_metric_->apply(4, xs, ys);
    double a = 0;
    for (int k = 0; k < 4; ++k) a += xs[k] * ys[(k + 1) % 4] - xs[(k + 1) % 4] * ys[k];
    row_area_km2_[row] = std::fabs(a) / 2e6;
  }
}

CellPoints::CellPoints(CellPoints&&) noexcept = default;
CellPoints& CellPoints::operator=(CellPoints&&) noexcept = default;
CellPoints::~CellPoints() = default;

int CellPoints::row(size_t i) const {
  // The last row whose first cell is at or before i.
  auto it = std::upper_bound(row_start_.begin(), row_start_.end(), i);
  return int(it - row_start_.begin()) - 1;
}

void CellPoints::add_rows(int row0, int nrows, const unsigned char* keep) {
  if (row0 < rows_added_ || nrows < 0 || row0 + nrows > grid_.rows) {
    throw Error(say("CellPoints: rows {}-{} added out of order (next is {})", row0, row0 + nrows - 1, rows_added_));
  }
  const size_t first = col_.size();
  for (int r = rows_added_; r < row0; ++r) row_start_[size_t(r) + 1] = first;  // skipped rows hold no cells
  for (int r = 0; r < nrows; ++r) {
    const unsigned char* k = keep + size_t(r) * grid_.cols;
    for (int c = 0; c < grid_.cols; ++c) {
      if (k[c]) col_.push_back(c);
    }
    row_start_[size_t(row0 + r) + 1] = col_.size();
  }
  x_.resize(col_.size());
  y_.resize(col_.size());
  for (int r = 0; r < nrows; ++r) {
    const int row = row0 + r;
    for (size_t i = row_start_[size_t(row)]; i < row_start_[size_t(row) + 1]; ++i) {
      x_[i] = grid_.x_of(col_[i] + 0.5);
      y_[i] = grid_.y_of(row + 0.5);
    }
  }
  if (!to_metric_->is_identity()) to_metric_->apply_parallel(col_.size() - first, x_.data() + first, y_.data() + first);

  for (int r = 0; r < nrows; ++r) {
    const size_t row = size_t(row0 + r);
    const size_t b = row_start_[row], e = row_start_[row + 1];
    if (b == e) continue;
    for (size_t i = b; i < e; ++i) {
      if (std::isnan(x_[i]) || std::isnan(y_[i])) {
        throw Error(say("the centre of cell (row {}, column {}) cannot be transformed into the metric CRS", row,
                        col_[i]));
      }
      row_ymin_[row] = std::min(row_ymin_[row], y_[i]);
      row_ymax_[row] = std::max(row_ymax_[row], y_[i]);
      if (i > b && !(x_[i] > x_[i - 1])) row_sorted_[row] = 0;
    }
  }
  rows_added_ = row0 + nrows;

  // The running bounds, over every row added so far.
  const size_t rows = size_t(rows_added_);
  const size_t from = prefix_ymin_.size();
  prefix_ymin_.resize(rows);
  for (size_t r = from; r < rows; ++r) {
    prefix_ymin_[r] = std::min(r ? prefix_ymin_[r - 1] : std::numeric_limits<double>::infinity(), row_ymin_[r]);
  }
  suffix_ymax_.resize(rows);
  double m = -std::numeric_limits<double>::infinity();
  for (size_t r = rows; r-- > 0;) {
    m = std::max(m, row_ymax_[r]);
    suffix_ymax_[r] = m;
  }
}

long CellPoints::find(int row, int col) const {
  if (row < 0 || row >= rows_added_) return -1;
  auto first = col_.begin() + long(row_start_[size_t(row)]), last = col_.begin() + long(row_start_[size_t(row) + 1]);
  auto it = std::lower_bound(first, last, col);
  return it != last && *it == col ? long(it - col_.begin()) : -1;
}

CellPoints CellPoints::with_cells(std::vector<std::pair<int, int>> extra) const {
  CellPoints out;
  out.grid_ = grid_;
  out.to_metric_ = to_metric_->clone();
  out.row_area_km2_ = row_area_km2_;
  const size_t rows = size_t(std::max(0, grid_.rows));
  out.row_start_.assign(rows + 1, 0);
  out.row_ymin_.assign(rows, std::numeric_limits<double>::infinity());
  out.row_ymax_.assign(rows, -std::numeric_limits<double>::infinity());
  out.row_sorted_.assign(rows, 1);
  std::sort(extra.begin(), extra.end());
  extra.erase(std::unique(extra.begin(), extra.end()), extra.end());
  // Strips of rows, each row's flags from this set's cells and the extra ones.
  const int strip = 256;
  std::vector<unsigned char> keep;
  auto e = extra.begin();
  for (int r0 = 0; r0 < grid_.rows; r0 += strip) {
    const int n = std::min(strip, grid_.rows - r0);
    const bool mine = r0 < rows_added_ && row_start_[size_t(r0)] != row_start_[size_t(std::min(r0 + n, rows_added_))];
    const bool theirs = e != extra.end() && e->first < r0 + n;
    if (!mine && !theirs) continue;
    keep.assign(size_t(n) * grid_.cols, 0);
    for (int r = r0; r < r0 + n && r < rows_added_; ++r) {
      for (size_t i = row_start_[size_t(r)]; i < row_start_[size_t(r) + 1]; ++i) {
        keep[size_t(r - r0) * grid_.cols + col_[i]] = 1;
      }
    }
    for (; e != extra.end() && e->first < r0 + n; ++e) {
      if (e->first < r0 || e->second < 0 || e->second >= grid_.cols) {
        throw Error(say("CellPoints: cell (row {}, column {}) is outside the grid", e->first, e->second));
      }
      keep[size_t(e->first - r0) * grid_.cols + e->second] = 1;
    }
    out.add_rows(r0, n, keep.data());
  }
  if (e != extra.end()) {
    throw Error(say("CellPoints: cell (row {}, column {}) is outside the grid", e->first, e->second));
  }
  out.finish();
  return out;
}

void CellPoints::finish() {
  if (rows_added_ < grid_.rows) add_rows(grid_.rows, 0, nullptr);
}

std::pair<int, int> CellPoints::rows_near(double py, double radius) const {
  const double lo = py - radius, hi = py + radius;
  // Rows before `first` all lie above the disc (prefix minima of their
  // lowest centre > hi); rows from `last` on all lie below it.
  const int first = int(std::partition_point(prefix_ymin_.begin(), prefix_ymin_.end(),
                                             [&](double v) { return v > hi; }) -
                        prefix_ymin_.begin());
  const int last = int(std::partition_point(suffix_ymax_.begin(), suffix_ymax_.end(),
                                            [&](double v) { return v >= lo; }) -
                       suffix_ymax_.begin());
  return {first, std::max(first, last)};
}

void CellPoints::within(double px, double py, double radius, std::vector<Neighbour>& out) const {
  out.clear();
  const double r2 = radius * radius;
  const auto [first, last] = rows_near(py, radius);
  for (int row = first; row < last; ++row) {
    const size_t r = size_t(row);
    if (row_ymax_[r] < py - radius || row_ymin_[r] > py + radius) continue;
    size_t b = row_start_[r], e = row_start_[r + 1];
    if (row_sorted_[r]) {
      b = size_t(std::lower_bound(x_.begin() + long(b), x_.begin() + long(e), px - radius) - x_.begin());
    }
    for (size_t i = b; i < e; ++i) {
      const double dx = x_[i] - px;
      if (row_sorted_[r] && dx > radius) break;
      const double dy = y_[i] - py;
      const double d2 = dx * dx + dy * dy;
      if (d2 <= r2) out.emplace_back(int(i), std::sqrt(d2));
    }
  }
}

}  // namespace tuowei::gis
