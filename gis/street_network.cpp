#include "gis/street_network.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <filesystem>
#include <limits>
#include <numeric>
#include <osmium/handler.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/box.hpp>
#include <osmium/visitor.hpp>
#include <queue>
#include <unordered_map>

#include "gis/error.h"
#include "gis/parallel.h"
#include "gis/polygonize.h"

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace tuowei::gis {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

bool one_of(std::string_view v, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

// `get(key)` gives the tag's value or nullptr: the rules read OsmTags and
// libosmium's TagList alike.
template <class Get>
bool walkable(const Get& get) {
  const char* highway = get("highway");
  if (!highway) return false;
  const std::string_view hw = highway;
  const char* foot_tag = get("foot");
  const std::string_view foot = foot_tag ? foot_tag : "";
  const bool foot_permitted = one_of(foot, {"yes", "designated", "permissive"});
  if (foot == "no") return false;
  if (one_of(hw, {"construction", "proposed", "abandoned", "disused", "razed"})) return false;
  if (const char* access = get("access"); access && one_of(access, {"no", "private"}) && !foot_permitted) return false;
  if (one_of(hw, {"footway", "path", "pedestrian", "steps", "living_street", "residential", "service", "unclassified",
                  "road", "track", "cycleway", "corridor", "crossing", "tertiary", "tertiary_link", "secondary",
                  "secondary_link", "primary", "primary_link"})) {
    return true;
  }
  // Motorways, trunk roads and everything else: only where foot is allowed.
  return foot_permitted;
}

double segment_length(double x0, double y0, double x1, double y1) {
  const double dx = x1 - x0, dy = y1 - y0;
  return std::sqrt(dx * dx + dy * dy);
}

}  // namespace

bool walkable_way(const OsmTags& tags) {
  return walkable([&](const char* key) -> const char* {
    for (const auto& [k, v] : tags)
      if (k == key) return v.c_str();
    return nullptr;
  });
}

// ---- The graph ---------------------------------------------------------------------

using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using BSegment = bg::model::segment<BPoint>;
using SegmentValue = std::pair<BSegment, uint32_t>;  // uint32_t: the segment's first shape point

struct StreetNetwork::SegmentIndex {
  bgi::rtree<SegmentValue, bgi::rstar<16>> tree;
  std::vector<int> shape_edge;  // per shape point: its edge
};

StreetNetwork StreetNetwork::from_lines(const std::vector<std::vector<std::pair<double, double>>>& lines,
                                        const std::vector<std::vector<int64_t>>& ids) {
  if (lines.size() != ids.size()) throw Error(say("street lines and their point ids differ in number"));
  // A point is a vertex where a line ends or where lines meet (an id seen
  // more than once, counting a closed line's start and end once each).
  std::unordered_map<int64_t, int> uses;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].size() != ids[i].size()) throw Error(say("a street line and its point ids differ in length"));
    for (size_t k = 0; k < ids[i].size(); ++k) {
      if (k > 0 && ids[i][k] == ids[i][k - 1]) continue;  // a repeated point is one point
      ++uses[ids[i][k]];
    }
  }
  StreetNetwork n;
  std::unordered_map<int64_t, int> vertex_of;
  auto vertex = [&](int64_t id, double x, double y) {
    auto [it, added] = vertex_of.emplace(id, int(n.vertex_x_.size()));
    if (added) {
      n.vertex_x_.push_back(x);
      n.vertex_y_.push_back(y);
    }
    return it->second;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto& pts = lines[i];
    const auto& id = ids[i];
    // The line without repeated points.
    std::vector<size_t> keep;
    for (size_t k = 0; k < pts.size(); ++k)
      if (k == 0 || id[k] != id[k - 1]) keep.push_back(k);
    if (keep.size() < 2) continue;
    int from = vertex(id[keep[0]], pts[keep[0]].first, pts[keep[0]].second);
    Edge e{from, from, 0.0, uint32_t(n.shape_x_.size()), 0};
    n.shape_x_.push_back(pts[keep[0]].first);
    n.shape_y_.push_back(pts[keep[0]].second);
    for (size_t j = 1; j < keep.size(); ++j) {
      const size_t k = keep[j];
      e.length_m += segment_length(n.shape_x_.back(), n.shape_y_.back(), pts[k].first, pts[k].second);
      n.shape_x_.push_back(pts[k].first);
      n.shape_y_.push_back(pts[k].second);
      if (j + 1 == keep.size() || uses[id[k]] > 1) {
        e.to = vertex(id[k], pts[k].first, pts[k].second);
        e.shape_last = uint32_t(n.shape_x_.size());
        n.edges_.push_back(e);
        if (j + 1 < keep.size()) {
          e = Edge{e.to, e.to, 0.0, uint32_t(n.shape_x_.size()), 0};
          n.shape_x_.push_back(pts[k].first);
          n.shape_y_.push_back(pts[k].second);
        }
      }
    }
  }
  // Adjacency (CSR): each edge leaves both of its vertices.
  const size_t nv = n.vertex_x_.size();
  n.arc_start_.assign(nv + 1, 0);
  for (const Edge& e : n.edges_) {
    ++n.arc_start_[size_t(e.from) + 1];
    ++n.arc_start_[size_t(e.to) + 1];
  }
  std::partial_sum(n.arc_start_.begin(), n.arc_start_.end(), n.arc_start_.begin());
  n.arcs_.resize(n.arc_start_.back());
  std::vector<uint32_t> next(n.arc_start_.begin(), n.arc_start_.end() - 1);
  for (size_t i = 0; i < n.edges_.size(); ++i) {
    const Edge& e = n.edges_[i];
    n.arcs_[next[size_t(e.from)]++] = Arc{e.to, int(i)};
    n.arcs_[next[size_t(e.to)]++] = Arc{e.from, int(i)};
  }
  n.find_components();
  n.build_index();
  return n;
}

void StreetNetwork::find_components() {
  const int nv = vertex_count();
  std::vector<int> raw(size_t(nv), -1);
  std::vector<int> size, first;
  std::vector<int> stack;
  for (int s = 0; s < nv; ++s) {
    if (raw[size_t(s)] >= 0) continue;
    const int c = int(size.size());
    size.push_back(0);
    first.push_back(s);
    raw[size_t(s)] = c;
    stack.push_back(s);
    while (!stack.empty()) {
      const int v = stack.back();
      stack.pop_back();
      ++size[size_t(c)];
      for (uint32_t a = arc_start_[size_t(v)]; a < arc_start_[size_t(v) + 1]; ++a) {
        const int w = arcs_[a].to;
        if (raw[size_t(w)] < 0) {
          raw[size_t(w)] = c;
          stack.push_back(w);
        }
      }
    }
  }
  // Largest first; components were found in order of their lowest vertex.
  std::vector<int> order(size.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return size[size_t(a)] > size[size_t(b)]; });
  std::vector<int> rank(size.size());
  for (size_t i = 0; i < order.size(); ++i) rank[size_t(order[i])] = int(i);
  component_.resize(size_t(nv));
  for (int v = 0; v < nv; ++v) component_[size_t(v)] = rank[size_t(raw[size_t(v)])];
  component_count_ = int(size.size());
}

void StreetNetwork::build_index() {
  auto index = std::make_shared<SegmentIndex>();
  index->shape_edge.resize(shape_x_.size(), -1);
  std::vector<SegmentValue> values;
  for (size_t e = 0; e < edges_.size(); ++e) {
    for (uint32_t k = edges_[e].shape_first; k + 1 < edges_[e].shape_last; ++k) {
      index->shape_edge[k] = int(e);
      values.emplace_back(BSegment(BPoint(shape_x_[k], shape_y_[k]), BPoint(shape_x_[k + 1], shape_y_[k + 1])), k);
    }
  }
  index->tree = bgi::rtree<SegmentValue, bgi::rstar<16>>(values.begin(), values.end());
  segments_ = std::move(index);
}

SnappedPoint StreetNetwork::snap(double x, double y, double max_snap_m) const {
  SnappedPoint best;
  if (!segments_ || segments_->tree.empty()) return best;
  double best_d = kInf;
  uint32_t best_k = 0;
  double best_t = 0;
  // A few nearest segments, so that ties (a point where segments meet) go
  // to the lowest edge whatever the tree's order; only among those whose
  // boxes come within the snap distance, so a point far from every street
  // is answered quickly.
  const bg::model::box<BPoint> near(BPoint(x - max_snap_m, y - max_snap_m), BPoint(x + max_snap_m, y + max_snap_m));
  for (auto it = segments_->tree.qbegin(bgi::intersects(near) && bgi::nearest(BPoint(x, y), 4));
       it != segments_->tree.qend(); ++it) {
    const uint32_t k = it->second;
    const double x0 = shape_x_[k], y0 = shape_y_[k], dx = shape_x_[k + 1] - x0, dy = shape_y_[k + 1] - y0;
    const double len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((x - x0) * dx + (y - y0) * dy) / len2, 0.0, 1.0) : 0.0;
    const double d = segment_length(x, y, x0 + t * dx, y0 + t * dy);
    const int e = segments_->shape_edge[k];
    if (d < best_d || (d == best_d && (e < best.edge || (e == best.edge && k < best_k)))) {
      best_d = d;
      best.edge = e;
      best_k = k;
      best_t = t;
    }
  }
  if (best_d > max_snap_m) return SnappedPoint{};
  const Edge& e = edges_[size_t(best.edge)];
  double along = 0;
  for (uint32_t k = e.shape_first; k < best_k; ++k)
    along += segment_length(shape_x_[k], shape_y_[k], shape_x_[k + 1], shape_y_[k + 1]);
  along += best_t * segment_length(shape_x_[best_k], shape_y_[best_k], shape_x_[best_k + 1], shape_y_[best_k + 1]);
  best.along_m = std::min(along, e.length_m);
  best.access_m = best_d;
  return best;
}

std::vector<SnappedPoint> StreetNetwork::snap_all(const std::vector<double>& x, const std::vector<double>& y,
                                                  double max_snap_m) const {
  std::vector<SnappedPoint> out(x.size());
  parallel_for(x.size(), 4096, [&](size_t begin, size_t end, int) {
    for (size_t i = begin; i < end; ++i) out[i] = snap(x[i], y[i], max_snap_m);
  });
  return out;
}

// ---- Reading OSM --------------------------------------------------------------------

namespace {

// Pass 1: the walkable ways, as lists of node ids.
struct WayCollector : osmium::handler::Handler {
  std::vector<std::vector<int64_t>> ways;
  long long read = 0;
  void way(const osmium::Way& way) {
    ++read;
    const osmium::TagList& tags = way.tags();
    if (!walkable([&](const char* key) { return tags[key]; })) return;
    std::vector<int64_t> refs;
    refs.reserve(way.nodes().size());
    for (const osmium::NodeRef& r : way.nodes()) refs.push_back(r.ref());
    ways.push_back(std::move(refs));
  }
};

// Pass 2: the locations of the nodes those ways use, and the extent of all.
struct NodeCollector : osmium::handler::Handler {
  const std::vector<int64_t>* wanted = nullptr;  // sorted, unique
  std::vector<double> lon, lat;                  // per wanted id; NaN until seen
  osmium::Box extent;
  long long read = 0;
  void node(const osmium::Node& node) {
    ++read;
    if (!node.location().valid()) return;
    extent.extend(node.location());
    auto it = std::lower_bound(wanted->begin(), wanted->end(), node.id());
    if (it == wanted->end() || *it != node.id()) return;
    const size_t i = size_t(it - wanted->begin());
    lon[i] = node.location().lon();
    lat[i] = node.location().lat();
  }
};

// The share of `box` (metric) inside a lon/lat box, the latter's outline
// transformed point by point (64 per side) and taken as its envelope.
double covered_share(const osmium::Box& lonlat, const CoordinateTransform& to_metric, const Box& box) {
  if (!lonlat.valid()) return 0;
  constexpr int kSteps = 64;
  std::vector<double> x, y;
  const double x0 = lonlat.bottom_left().lon(), y0 = lonlat.bottom_left().lat();
  const double x1 = lonlat.top_right().lon(), y1 = lonlat.top_right().lat();
  for (int i = 0; i <= kSteps; ++i) {
    const double t = double(i) / kSteps;
    x.insert(x.end(), {x0 + t * (x1 - x0), x0 + t * (x1 - x0), x0, x1});
    y.insert(y.end(), {y0, y1, y0 + t * (y1 - y0), y0 + t * (y1 - y0)});
  }
  to_metric.apply(x.size(), x.data(), y.data());
  Box e{kInf, kInf, -kInf, -kInf};
  for (size_t i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i]) || std::isnan(y[i])) continue;
    e.xmin = std::min(e.xmin, x[i]);
    e.xmax = std::max(e.xmax, x[i]);
    e.ymin = std::min(e.ymin, y[i]);
    e.ymax = std::max(e.ymax, y[i]);
  }
  const double w = std::min(e.xmax, box.xmax) - std::max(e.xmin, box.xmin);
  const double h = std::min(e.ymax, box.ymax) - std::max(e.ymin, box.ymin);
  const double area = (box.xmax - box.xmin) * (box.ymax - box.ymin);
  if (!(w > 0 && h > 0 && area > 0)) return 0;
  return std::min(1.0, w * h / area);
}

}  // namespace

StreetNetwork read_street_network(const std::string& path, const Crs& data_crs, const Crs& metric, const Box& box) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw Error(say("{}: no such OpenStreetMap file", path));
  if (!(box.xmax > box.xmin && box.ymax > box.ymin)) {
    throw Error(say("{}: the box to read streets in is empty", path));
  }
  WayCollector ways;
  NodeCollector nodes;
  std::vector<int64_t> wanted;
  osmium::Box header_box;
  try {
    const osmium::io::File file(path);
    {
      osmium::io::Reader reader(file, osmium::osm_entity_bits::way, osmium::io::read_meta::no);
      const osmium::io::Header header = reader.header();  // a copy: boxes() of a temporary would dangle
      for (const osmium::Box& b : header.boxes()) {
        header_box.extend(b.bottom_left());
        header_box.extend(b.top_right());
      }
      osmium::apply(reader, ways);
      reader.close();
    }
    for (const auto& w : ways.ways) wanted.insert(wanted.end(), w.begin(), w.end());
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    nodes.wanted = &wanted;
    nodes.lon.assign(wanted.size(), std::nan(""));
    nodes.lat.assign(wanted.size(), std::nan(""));
    osmium::io::Reader reader(file, osmium::osm_entity_bits::node, osmium::io::read_meta::no);
    osmium::apply(reader, nodes);
    reader.close();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(say("{}: not a readable OpenStreetMap file (.osm.pbf or .osm): {}", path, text_of(e)));
  }
  if (ways.read == 0 && nodes.read == 0) {
    throw Error(say("{}: holds no OpenStreetMap nodes or ways (an empty extract?)", path));
  }

  // Node locations into the metric CRS, on every core.
  CoordinateTransform to_metric(data_crs, metric);
  std::vector<double> x = nodes.lon, y = nodes.lat;
  to_metric.apply_parallel(x.size(), x.data(), y.data());

  StreetNetworkStats stats;
  stats.ways_read = ways.read;
  stats.ways_walkable = (long long)ways.ways.size();
  stats.box_covered = covered_share(header_box.valid() ? header_box : nodes.extent, to_metric, box);

  // Each way cut where it leaves the box or a node has no location: the
  // runs of consecutive usable nodes become lines.
  std::vector<std::vector<std::pair<double, double>>> lines;
  std::vector<std::vector<int64_t>> ids;
  for (const auto& way : ways.ways) {
    bool kept = false;
    std::vector<std::pair<double, double>> line;
    std::vector<int64_t> line_ids;
    auto flush = [&] {
      if (line.size() >= 2) {
        lines.push_back(std::move(line));
        ids.push_back(std::move(line_ids));
        kept = true;
      }
      line.clear();
      line_ids.clear();
    };
    for (int64_t ref : way) {
      const size_t i = size_t(std::lower_bound(wanted.begin(), wanted.end(), ref) - wanted.begin());
      const double px = x[i], py = y[i];
      if (std::isnan(nodes.lon[i])) ++stats.nodes_missing;
      if (std::isnan(px) || std::isnan(py) || px < box.xmin || px > box.xmax || py < box.ymin || py > box.ymax) {
        flush();
        continue;
      }
      line.emplace_back(px, py);
      line_ids.push_back(ref);
    }
    flush();
    stats.ways_kept += kept;
  }
  if (lines.empty()) {
    throw Error(say(
        "{}: no walkable street inside the study area's box ({} ways read, {} walkable, {:.0f}% of the box covered "
        "by the extract); use an extract that covers the study area",
        path, stats.ways_read, stats.ways_walkable, 100 * stats.box_covered));
  }
  StreetNetwork network = StreetNetwork::from_lines(lines, ids);
  network.stats_ = stats;
  return network;
}

// ---- Targets and searches ------------------------------------------------------------

SnappedTargets::SnappedTargets(const StreetNetwork& network, std::vector<SnappedPoint> points)
    : points_(std::move(points)) {
  edge_start_.assign(size_t(network.edge_count()) + 1, 0);
  for (const SnappedPoint& p : points_) {
    if (p.reachable()) {
      if (p.edge >= network.edge_count()) throw Error(say("a snapped point names an edge the network does not have"));
      ++edge_start_[size_t(p.edge) + 1];
    } else {
      ++unreachable_;
    }
  }
  std::partial_sum(edge_start_.begin(), edge_start_.end(), edge_start_.begin());
  entry_point_.resize(edge_start_.back());
  std::vector<uint32_t> next(edge_start_.begin(), edge_start_.end() - 1);
  for (size_t i = 0; i < points_.size(); ++i)
    if (points_[i].reachable()) entry_point_[next[size_t(points_[i].edge)]++] = int(i);
}

NetworkSearch::NetworkSearch(const StreetNetwork& network)
    : network_(&network),
      dist_(size_t(network.vertex_count()), kInf),
      edge_stamp_(size_t(network.edge_count()), 0) {}

void NetworkSearch::within(const SnappedPoint& source, const SnappedTargets& targets, double radius_m,
                           std::vector<Neighbour>& out) {
  out.clear();
  for (int v : touched_) dist_[size_t(v)] = kInf;
  touched_.clear();
  if (!source.reachable() || !(radius_m >= 0)) return;
  if (++stamp_ == 0) {  // wrapped: old stamps could collide
    std::fill(edge_stamp_.begin(), edge_stamp_.end(), 0);
    stamp_ = 1;
  }
  const StreetNetwork& net = *network_;
  const auto& arcs = net.arcs();
  using Item = std::pair<double, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
  auto relax = [&](int v, double d) {
    if (d > radius_m || d >= dist_[size_t(v)]) return;
    if (dist_[size_t(v)] == kInf) touched_.push_back(v);
    dist_[size_t(v)] = d;
    heap.emplace(d, v);
  };
  const StreetNetwork::Edge& se = net.edge(source.edge);
  relax(se.from, source.access_m + source.along_m);
  relax(se.to, source.access_m + (se.length_m - source.along_m));
  while (!heap.empty()) {
    const auto [d, v] = heap.top();
    heap.pop();
    if (d > dist_[size_t(v)]) continue;
    for (uint32_t a = net.arc_first(v); a < net.arc_first(v + 1); ++a)
      relax(arcs[a].to, d + net.edge(arcs[a].edge).length_m);
  }
  // Targets on each edge with a reached end (and on the source's edge):
  // the nearer way in, through either end or straight along the source's edge.
  auto scan = [&](int e) {
    if (edge_stamp_[size_t(e)] == stamp_) return;
    edge_stamp_[size_t(e)] = stamp_;
    const StreetNetwork::Edge& edge = net.edge(e);
    const double du = dist_[size_t(edge.from)], dv = dist_[size_t(edge.to)];
    for (uint32_t k = targets.edge_first(e); k < targets.edge_first(e + 1); ++k) {
      const int t = targets.entry_point(k);
      const SnappedPoint& p = targets.point(size_t(t));
      double d = std::min(du + p.along_m, dv + (edge.length_m - p.along_m));
      if (e == source.edge) d = std::min(d, source.access_m + std::abs(p.along_m - source.along_m));
      d += p.access_m;
      if (d <= radius_m) out.emplace_back(t, d);
    }
  };
  scan(source.edge);
  for (int v : touched_)
    for (uint32_t a = net.arc_first(v); a < net.arc_first(v + 1); ++a) scan(arcs[a].edge);
  std::sort(out.begin(), out.end());
}

std::vector<std::vector<Neighbour>> network_within(const StreetNetwork& network,
                                                   const std::vector<SnappedPoint>& sources,
                                                   const SnappedTargets& targets, double radius_m) {
  std::vector<std::vector<Neighbour>> out(sources.size());
  std::vector<std::unique_ptr<NetworkSearch>> searches(static_cast<size_t>(thread_count()));
  parallel_for(sources.size(), 4, [&](size_t begin, size_t end, int worker) {
    auto& search = searches[size_t(worker)];
    if (!search) search = std::make_unique<NetworkSearch>(network);
    for (size_t i = begin; i < end; ++i) search->within(sources[i], targets, radius_m, out[i]);
  });
  return out;
}

OGRGeometryUniquePtr reached_cells_polygon(const Grid& grid, const std::vector<std::pair<int, int>>& cells) {
  if (cells.empty()) return OGRGeometryUniquePtr(new OGRMultiPolygon());
  int r0 = cells[0].first, r1 = r0, c0 = cells[0].second, c1 = c0;
  for (const auto& [r, c] : cells) {
    r0 = std::min(r0, r);
    r1 = std::max(r1, r);
    c0 = std::min(c0, c);
    c1 = std::max(c1, c);
  }
  const int cols = c1 - c0 + 1, rows = r1 - r0 + 1;
  std::vector<unsigned char> mask(size_t(cols) * size_t(rows), 0);
  for (const auto& [r, c] : cells) mask[size_t(r - r0) * size_t(cols) + size_t(c - c0)] = 1;
  return polygonize(mask, cols, rows, grid, c0, r0);
}

}  // namespace tuowei::gis
