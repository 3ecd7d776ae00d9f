#include "gis/coverage.h"

#include <ogr_geometry.h>

#include <algorithm>
#include <functional>
#include <cmath>

namespace tuowei::gis {
namespace {

// Mean over t in [0,1] of clamp(u0 + t (u1 - u0), 0, 1). Splits at the
// breakpoints u = 0 and u = 1 instead of using the closed form of the
// integral, which loses precision when u1 - u0 is tiny.
double mean_clamped(double u0, double u1) {
  if (u0 <= 0.0 && u1 <= 0.0) return 0.0;
  if (u0 >= 1.0 && u1 >= 1.0) return 1.0;
  if (u0 >= 0.0 && u0 <= 1.0 && u1 >= 0.0 && u1 <= 1.0) return 0.5 * (u0 + u1);
  double du = u1 - u0;  // non-zero: the ends lie in different regimes
  double ts[4] = {0.0, 1.0, (0.0 - u0) / du, (1.0 - u0) / du};
  std::sort(ts, ts + 4);
  double total = 0.0;
  for (int i = 0; i < 3; ++i) {
    double ta = std::clamp(ts[i], 0.0, 1.0), tb = std::clamp(ts[i + 1], 0.0, 1.0);
    if (tb <= ta) continue;
    double ua = std::clamp(u0 + ta * du, 0.0, 1.0), ub = std::clamp(u0 + tb * du, 0.0, 1.0);
    total += (tb - ta) * 0.5 * (ua + ub);
  }
  return total;
}

void add_ring(const OGRLinearRing& ring, bool hole, std::vector<CoveragePolygon::Ring>& out) {
  CoveragePolygon::Ring r;
  r.hole = hole;
  int n = ring.getNumPoints();
  r.x.resize(n);
  r.y.resize(n);
  for (int i = 0; i < n; ++i) {
    r.x[i] = ring.getX(i);
    r.y[i] = ring.getY(i);
  }
  out.push_back(std::move(r));
}

void collect_rings(const OGRGeometry& g, std::vector<CoveragePolygon::Ring>& out) {
  switch (wkbFlatten(g.getGeometryType())) {
    case wkbPolygon: {
      const auto& poly = *g.toPolygon();
      if (poly.IsEmpty()) return;
      add_ring(*poly.getExteriorRing(), false, out);
      for (int i = 0; i < poly.getNumInteriorRings(); ++i) add_ring(*poly.getInteriorRing(i), true, out);
      return;
    }
    case wkbMultiPolygon:
    case wkbGeometryCollection:
    case wkbMultiSurface: {
      const auto& coll = *g.toGeometryCollection();
      for (int i = 0; i < coll.getNumGeometries(); ++i) collect_rings(*coll.getGeometryRef(i), out);
      return;
    }
    case wkbCurvePolygon: {
      std::unique_ptr<OGRGeometry> lin(g.getLinearGeometry());
      if (lin) collect_rings(*lin, out);
      return;
    }
    default:
      return;
  }
}

}  // namespace

CoveragePolygon::CoveragePolygon(const std::vector<Ring>& rings, const Grid& grid) {
  double xmin = HUGE_VAL, ymin = HUGE_VAL, xmax = -HUGE_VAL, ymax = -HUGE_VAL;
  for (const Ring& ring : rings) {
    size_t n = ring.x.size();
    if (n < 3) continue;
    std::vector<double> cx(n), cy(n);
    double twice_area = 0.0;
    for (size_t i = 0; i < n; ++i) {
      cx[i] = grid.col_of(ring.x[i]);
      cy[i] = grid.row_of(ring.y[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      size_t j = (i + 1) % n;
      twice_area += cx[i] * cy[j] - cx[j] * cy[i];
    }
    if (twice_area == 0.0) continue;
    // Summed over all cells, an edge's terms give the ring's integral of
    // y dx, which is -twice_area / 2; sign it so shells add, holes subtract.
    double sign = (twice_area > 0) == !ring.hole ? -1.0 : 1.0;
    area_cells_ += (ring.hole ? -0.5 : 0.5) * std::fabs(twice_area);
    for (size_t i = 0; i < n; ++i) {
      size_t j = (i + 1) % n;
      if (cx[i] == cx[j]) continue;  // vertical edges (and repeats) add nothing
      edges_.push_back({cx[i], cy[i], cx[j], cy[j], sign});
      // Both ends: a vertex whose own edge is vertical (skipped above) is
      // only reached as the end of the edge before it.
      xmin = std::min({xmin, cx[i], cx[j]});
      xmax = std::max({xmax, cx[i], cx[j]});
      ymin = std::min({ymin, cy[i], cy[j]});
      ymax = std::max({ymax, cy[i], cy[j]});
    }
  }
  area_cells_ = std::max(0.0, area_cells_);
  if (edges_.empty()) return;
  Box cells{std::floor(xmin), std::floor(ymin), std::ceil(xmax), std::ceil(ymax)};
  int c0 = int(std::clamp(cells.xmin, 0.0, double(grid.cols)));
  int c1 = int(std::clamp(cells.xmax, 0.0, double(grid.cols)));
  int r0 = int(std::clamp(cells.ymin, 0.0, double(grid.rows)));
  int r1 = int(std::clamp(cells.ymax, 0.0, double(grid.rows)));
  window_ = {c0, r0, c1 - c0, r1 - r0};
}

CoveragePolygon CoveragePolygon::from_ogr(const OGRGeometry& geometry, const Grid& grid) {
  std::vector<Ring> rings;
  collect_rings(geometry, rings);
  return CoveragePolygon(rings, grid);
}

void CoveragePolygon::coverage_rows(const CellWindow& w, const RowVisitor& visit) const {
  if (w.empty()) return;
  // Two kinds of terms, both bucketed by row. Partial: the exact share of
  // an edge piece within the row it crosses (cell (row, col)). Carry: an
  // edge piece's full height dx, which applies to that row of the column and
  // every row above it. Kept as lists: there are only as many as the edges
  // cross columns, so no window-sized buffer is ever written.
  struct Term {
    int row, col;
    double value;
  };
  std::vector<Term> partials, carries;
  const double wc0 = w.col0, wc1 = w.col0 + w.cols;
  const int row_end = w.row0 + w.rows;

  for (const Edge& e : edges_) {
    double ex_min = std::min(e.x0, e.x1), ex_max = std::max(e.x0, e.x1);
    if (ex_max <= wc0 || ex_min >= wc1) continue;
    if (std::max(e.y0, e.y1) <= w.row0) continue;  // above the window: adds nothing to it
    double slope = (e.y1 - e.y0) / (e.x1 - e.x0);
    double dir = e.x1 > e.x0 ? 1.0 : -1.0;
    double xa_all = std::max(ex_min, wc0), xb_all = std::min(ex_max, wc1);
    int c_first = int(std::floor(xa_all)), c_last = int(std::ceil(xb_all)) - 1;
    for (int c = c_first; c <= c_last; ++c) {
      double xa = std::max(xa_all, double(c)), xb = std::min(xb_all, double(c + 1));
      if (xb <= xa) continue;
      double dx = dir * (xb - xa) * e.sign;
      double ya = e.y0 + (xa - e.x0) * slope, yb = e.y0 + (xb - e.x0) * slope;
      double ylo = std::min(ya, yb), yhi = std::max(ya, yb);
      int col = c - w.col0;
      // Rows wholly above the piece (r + 1 <= ylo) get the full dx.
      int full_last = std::min(int(std::floor(ylo)) - 1, row_end - 1);
      if (full_last >= w.row0) carries.push_back({full_last - w.row0, col, dx});
      int r_first = std::max(int(std::floor(ylo)), w.row0);
      int r_last = std::min(int(std::ceil(yhi)) - 1, row_end - 1);
      for (int r = r_first; r <= r_last; ++r) partials.push_back({r - w.row0, col, dx * mean_clamped(ya - r, yb - r)});
    }
  }
  // Bucket both lists by row (stable counting sorts: within a row, terms keep
  // the order they were made in, so sums do not depend on anything else).
  auto bucket = [&](std::vector<Term>& terms, std::vector<int>& first) {
    first.assign(size_t(w.rows) + 1, 0);
    for (const Term& k : terms) ++first[size_t(k.row) + 1];
    for (int r = 0; r < w.rows; ++r) first[size_t(r) + 1] += first[size_t(r)];
    std::vector<Term> sorted(terms.size());
    std::vector<int> next(first.begin(), first.end() - 1);
    for (const Term& k : terms) sorted[size_t(next[size_t(k.row)]++)] = k;
    terms.swap(sorted);
  };
  std::vector<int> carry_first, partial_first;
  bucket(carries, carry_first);
  bucket(partials, partial_first);
  // Sweep upwards with one running total per column: a row is the running
  // totals (its base) plus its partial terms (its patches, by column).
  std::vector<double> running(size_t(w.cols), 0.0);
  std::vector<RowPatch> patches;
  for (int r = w.rows - 1; r >= 0; --r) {
    for (int i = carry_first[size_t(r)]; i < carry_first[size_t(r) + 1]; ++i) {
      running[size_t(carries[size_t(i)].col)] += carries[size_t(i)].value;
    }
    patches.clear();
    for (int i = partial_first[size_t(r)]; i < partial_first[size_t(r) + 1]; ++i) {
      patches.push_back({partials[size_t(i)].col, partials[size_t(i)].value});
    }
    std::stable_sort(patches.begin(), patches.end(),
                     [](const RowPatch& a, const RowPatch& b) { return a.col < b.col; });
    visit(w.row0 + r, running.data(), patches.data(), patches.size());
  }
}

void CoveragePolygon::coverage(const CellWindow& w, std::vector<double>& out) const {
  out.assign(static_cast<size_t>(std::max<long long>(0, w.size())), 0.0);
  coverage_rows(w, [&](int row, const double* base, const RowPatch* patches, size_t n) {
    double* o = out.data() + size_t(row - w.row0) * w.cols;
    std::copy(base, base + w.cols, o);
    for (size_t i = 0; i < n; ++i) o[patches[i].col] += patches[i].fraction;
  });
}

}  // namespace tuowei::gis
