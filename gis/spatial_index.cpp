#include "gis/spatial_index.h"

#include <ogr_api.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace tuowei::gis {

using BoostPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BoostBox = bg::model::box<BoostPoint>;
using Entry = std::pair<BoostBox, int>;

struct PolygonIndex::Impl {
  bgi::rtree<Entry, bgi::rstar<16>> tree;
  std::vector<OGRPreparedGeometryUniquePtr> prepared;
  std::vector<const OGRGeometry*> geometries;
};

PolygonIndex::PolygonIndex(const std::vector<const OGRGeometry*>& polygons) : impl_(std::make_unique<Impl>()) {
  std::vector<Entry> entries;
  for (size_t i = 0; i < polygons.size(); ++i) {
    impl_->geometries.push_back(polygons[i]);
    impl_->prepared.emplace_back(polygons[i] ? OGRCreatePreparedGeometry(OGRGeometry::ToHandle(
                                                   const_cast<OGRGeometry*>(polygons[i])))
                                             : nullptr);
    if (!polygons[i] || polygons[i]->IsEmpty()) continue;
    OGREnvelope e;
    polygons[i]->getEnvelope(&e);
    entries.emplace_back(BoostBox({e.MinX, e.MinY}, {e.MaxX, e.MaxY}), int(i));
  }
  impl_->tree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());  // bulk loading
}

PolygonIndex::~PolygonIndex() = default;
PolygonIndex::PolygonIndex(PolygonIndex&&) noexcept = default;

std::vector<int> PolygonIndex::candidates(double xmin, double ymin, double xmax, double ymax) const {
  std::vector<Entry> hits;
  impl_->tree.query(bgi::intersects(BoostBox({xmin, ymin}, {xmax, ymax})), std::back_inserter(hits));
  std::vector<int> out;
  for (const auto& h : hits) out.push_back(h.second);
  std::sort(out.begin(), out.end());
  return out;
}

int PolygonIndex::locate(double x, double y) const {
  OGRPoint p(x, y);
  OGRGeometryH ph = OGRGeometry::ToHandle(&p);
  for (int i : candidates(x, y, x, y)) {
    // Intersects (not Contains) so that points on a border are not lost.
    if (impl_->prepared[i] && OGRPreparedGeometryIntersects(impl_->prepared[i].get(), ph)) return i;
  }
  return -1;
}

}  // namespace tuowei::gis
