// Which polygon holds a point: a Boost.Geometry R-tree over the polygons'
// envelopes, then an exact GEOS test on prepared geometries.
#pragma once

#include <memory>
#include <vector>

class OGRGeometry;

namespace tuowei::gis {

class PolygonIndex {
 public:
  // Borrows the geometries: they must outlive the index.
  explicit PolygonIndex(const std::vector<const OGRGeometry*>& polygons);
  ~PolygonIndex();
  PolygonIndex(PolygonIndex&&) noexcept;

  // Index of the polygon that contains (x, y); a point on a shared border
  // goes to the polygon with the lowest index. -1 when none does.
  int locate(double x, double y) const;
  // Indices of the polygons whose envelopes meet the box.
  std::vector<int> candidates(double xmin, double ymin, double xmax, double ymax) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tuowei::gis
