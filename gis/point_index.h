// Points in a metric CRS with a Boost.Geometry R-tree: which lie within a
// radius of a location. Never an all-pairs matrix.
#pragma once

#include <memory>
#include <utility>
#include <vector>

namespace tuowei::gis {

// (point index, distance in CRS units)
using Neighbour = std::pair<int, double>;

class PointIndex {
 public:
  PointIndex(const std::vector<double>& x, const std::vector<double>& y);
  ~PointIndex();
  PointIndex(PointIndex&&) noexcept;

  // Appends to `out` (after clearing it) every point with distance <= radius,
  // ordered by point index. Safe to call from several threads at once.
  void within(double x, double y, double radius, std::vector<Neighbour>& out) const;
  size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tuowei::gis
