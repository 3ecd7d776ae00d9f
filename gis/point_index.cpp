#include "gis/point_index.h"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace tuowei::gis {

using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BBox = bg::model::box<BPoint>;
using Value = std::pair<BPoint, int>;

struct PointIndex::Impl {
  bgi::rtree<Value, bgi::rstar<16>> tree;
  size_t n = 0;
};

PointIndex::PointIndex(const std::vector<double>& x, const std::vector<double>& y) : impl_(std::make_unique<Impl>()) {
  std::vector<Value> values;
  values.reserve(x.size());
  for (size_t i = 0; i < x.size(); ++i) values.emplace_back(BPoint(x[i], y[i]), int(i));
  impl_->tree = bgi::rtree<Value, bgi::rstar<16>>(values.begin(), values.end());
  impl_->n = x.size();
}

PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;

size_t PointIndex::size() const { return impl_->n; }

void PointIndex::within(double x, double y, double radius, std::vector<Neighbour>& out) const {
  out.clear();
  thread_local std::vector<Value> hits;  // scratch, per thread: queries may run in parallel
  hits.clear();
  BBox box(BPoint(x - radius, y - radius), BPoint(x + radius, y + radius));
  impl_->tree.query(bgi::intersects(box), std::back_inserter(hits));
  double r2 = radius * radius;
  for (const Value& v : hits) {
    double dx = bg::get<0>(v.first) - x, dy = bg::get<1>(v.first) - y;
    double d2 = dx * dx + dy * dy;
    if (d2 <= r2) out.emplace_back(v.second, std::sqrt(d2));
  }
  std::sort(out.begin(), out.end());
}

}  // namespace tuowei::gis
