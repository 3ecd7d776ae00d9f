// StreetNetwork: which OSM ways are walked, the graph read from .osm and
// .osm.pbf, snapping, bounded walking distances (against a plain Dijkstra
// on the raw ways), rivers crossed only on bridges, bad files, components,
// and the polygon of the reached cells.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <queue>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gis/crs.h"
#include "gis/error.h"
#include "gis/osm_file.h"
#include "gis/street_network.h"
#include "temp_dir.h"
#include "threads.h"

using namespace tuowei::gis;
using tuowei::test::TempDir;

namespace {

// Nanning, in CGCS2000 / 3-degree Gauss-Kruger CM 108E (metres); sketches
// are drawn in metres from here.
constexpr double kX0 = 531000, kY0 = 2522000;
const Crs& metric() {
  static const Crs crs = Crs::epsg(4545);
  return crs;
}

// An OSM file drawn in local metres: nodes become lon/lat (stored to 1e-7
// degree, as OSM does), and metric() positions of them are what the reader sees.
struct Sketch {
  std::vector<OsmNode> nodes;
  std::vector<OsmWay> ways;
  std::map<int64_t, std::pair<double, double>> seen;  // node id -> local metres, after the round trip

  int64_t node(double x, double y) {
    static const CoordinateTransform to_lonlat(metric(), Crs::wgs84());
    static const CoordinateTransform to_metric(Crs::wgs84(), metric());
    double lon = kX0 + x, lat = kY0 + y;
    to_lonlat.apply(lon, lat);
    lon = std::round(lon * 1e7) / 1e7;
    lat = std::round(lat * 1e7) / 1e7;
    const int64_t id = int64_t(nodes.size()) + 1;
    nodes.push_back({id, lon, lat});
    double mx = lon, my = lat;
    to_metric.apply(mx, my);
    seen[id] = {mx - kX0, my - kY0};
    return id;
  }
  // A way through new nodes at these points.
  OsmWay& line(std::vector<std::pair<double, double>> pts, OsmTags tags) {
    std::vector<int64_t> ids;
    for (auto [x, y] : pts) ids.push_back(node(x, y));
    return way(ids, std::move(tags));
  }
  OsmWay& way(std::vector<int64_t> ids, OsmTags tags) {
    ways.push_back({int64_t(ways.size()) + 1, std::move(ids), std::move(tags)});
    return ways.back();
  }
  // Points every `step` metres from (x0, y0) to (x1, y1).
  std::vector<int64_t> street(double x0, double y0, double x1, double y1, double step) {
    const int n = std::max(1, int(std::round(std::hypot(x1 - x0, y1 - y0) / step)));
    std::vector<int64_t> ids;
    for (int i = 0; i <= n; ++i) ids.push_back(node(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n));
    return ids;
  }
};

Box local_box(double xmin, double ymin, double xmax, double ymax) {
  return {kX0 + xmin, kY0 + ymin, kX0 + xmax, kY0 + ymax};
}

StreetNetwork read(const TempDir& dir, const Sketch& s, const std::string& name = "streets.osm.pbf",
                   Box box = local_box(-5000, -5000, 5000, 5000)) {
  const std::string path = dir.file(name).string();
  write_osm(path, s.nodes, s.ways);
  return read_street_network(path, metric(), box);
}

SnappedPoint snap(const StreetNetwork& n, double x, double y, double max_snap_m = 200) {
  return n.snap(kX0 + x, kY0 + y, max_snap_m);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

const OsmTags footway = {{"highway", "footway"}};
const OsmTags residential = {{"highway", "residential"}};

}  // namespace

// ---- Tag rules ----------------------------------------------------------------------

TEST(StreetNetworkTags, FootwaysStreetsAndStepsAreWalked) {
  for (const char* hw : {"footway", "path", "pedestrian", "steps", "living_street", "residential", "service",
                         "unclassified", "track", "cycleway", "tertiary", "secondary", "primary", "primary_link"}) {
    EXPECT_TRUE(walkable_way({{"highway", hw}})) << hw;
  }
}

TEST(StreetNetworkTags, MotorwaysAndTrunksOnlyWhereFootIsAllowed) {
  EXPECT_FALSE(walkable_way({{"highway", "motorway"}}));
  EXPECT_FALSE(walkable_way({{"highway", "motorway_link"}}));
  EXPECT_FALSE(walkable_way({{"highway", "trunk"}}));
  EXPECT_TRUE(walkable_way({{"highway", "trunk"}, {"foot", "yes"}}));
  EXPECT_TRUE(walkable_way({{"highway", "motorway"}, {"foot", "designated"}}));
}

TEST(StreetNetworkTags, FootNoAndPrivateAccessExclude) {
  EXPECT_FALSE(walkable_way({{"highway", "residential"}, {"foot", "no"}}));
  EXPECT_FALSE(walkable_way({{"highway", "cycleway"}, {"foot", "no"}}));
  EXPECT_FALSE(walkable_way({{"highway", "service"}, {"access", "private"}}));
  EXPECT_FALSE(walkable_way({{"highway", "footway"}, {"access", "no"}}));
  EXPECT_TRUE(walkable_way({{"highway", "service"}, {"access", "private"}, {"foot", "yes"}}));
  EXPECT_TRUE(walkable_way({{"highway", "service"}, {"access", "destination"}}));
}

TEST(StreetNetworkTags, NonStreetsAndUnbuiltRoadsAreNotWalked) {
  EXPECT_FALSE(walkable_way({{"waterway", "river"}}));
  EXPECT_FALSE(walkable_way({{"railway", "rail"}}));
  EXPECT_FALSE(walkable_way({{"building", "yes"}}));
  EXPECT_FALSE(walkable_way({{"highway", "construction"}, {"foot", "yes"}}));
  EXPECT_FALSE(walkable_way({{"highway", "proposed"}}));
  EXPECT_FALSE(walkable_way({{"highway", "bridleway"}}));
  EXPECT_TRUE(walkable_way({{"highway", "bridleway"}, {"foot", "yes"}}));
}

TEST(StreetNetworkRead, AnOsmXmlFileKeepsOnlyTheWalkableWays) {
  // Written by hand as OSM XML: six parallel ways 100 m long, 0.001 degree apart.
  TempDir dir;
  const std::string path = dir.file("ways.osm").string();
  std::ofstream xml(path);
  xml << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='test'>\n";
  const std::vector<OsmTags> tags = {
      {{"highway", "footway"}},                        // kept
      {{"highway", "motorway"}},                       // excluded
      {{"highway", "residential"}, {"foot", "no"}},    // excluded
      {{"highway", "service"}, {"access", "private"}},  // excluded
      {{"highway", "steps"}},                          // kept
      {{"highway", "footway"}, {"footway", "crossing"}},  // kept
  };
  for (size_t i = 0; i < tags.size(); ++i) {
    xml << fmt::format("  <node id='{}' version='1' lat='22.8' lon='{:.4f}'/>\n", 2 * i + 1, 108.3 + 0.001 * i);
    xml << fmt::format("  <node id='{}' version='1' lat='22.8009' lon='{:.4f}'/>\n", 2 * i + 2, 108.3 + 0.001 * i);
  }
  for (size_t i = 0; i < tags.size(); ++i) {
    xml << fmt::format("  <way id='{}' version='1'>\n    <nd ref='{}'/>\n    <nd ref='{}'/>\n", i + 1, 2 * i + 1,
                       2 * i + 2);
    for (const auto& [k, v] : tags[i]) xml << fmt::format("    <tag k='{}' v='{}'/>\n", k, v);
    xml << "  </way>\n";
  }
  xml << "</osm>\n";
  xml.close();

  const StreetNetwork n = read_street_network(path, metric(), local_box(-5000, -5000, 5000, 5000));
  EXPECT_EQ(n.stats().ways_read, 6);
  EXPECT_EQ(n.stats().ways_walkable, 3);
  EXPECT_EQ(n.edge_count(), 3);
  EXPECT_EQ(n.vertex_count(), 6);
  EXPECT_EQ(n.component_count(), 3);
  for (int e = 0; e < n.edge_count(); ++e) EXPECT_NEAR(n.edge(e).length_m, 100.0, 1.0);
}

// ---- The graph ----------------------------------------------------------------------

TEST(StreetNetworkGraph, ShapePointsFoldIntoEdgesBetweenJunctions) {
  // A cross: two streets of 5 nodes meeting at their middle node, one with
  // a bend; 4 edges, 5 vertices (the junction and four ends).
  TempDir dir;
  Sketch s;
  const int64_t centre = s.node(0, 0);
  s.way({s.node(-200, 0), s.node(-100, 0), centre, s.node(100, 0), s.node(200, 0)}, residential);
  s.way({s.node(0, -200), s.node(0, -100), centre, s.node(100, 100), s.node(100, 200)}, footway);
  const StreetNetwork n = read(dir, s);
  EXPECT_EQ(n.vertex_count(), 5);
  EXPECT_EQ(n.edge_count(), 4);
  double total = 0;
  for (int e = 0; e < n.edge_count(); ++e) total += n.edge(e).length_m;
  EXPECT_NEAR(total, 200 + 200 + 200 + std::hypot(100, 100) + 100, 0.1);
  // CSR: the junction has four arcs.
  int junction_degree = 0;
  for (int v = 0; v < n.vertex_count(); ++v) junction_degree = std::max<int>(junction_degree, n.arc_first(v + 1) - n.arc_first(v));
  EXPECT_EQ(junction_degree, 4);
}

TEST(StreetNetworkGraph, PbfAndXmlGiveTheSameGraph) {
  TempDir dir;
  Sketch s;
  s.way(s.street(0, 0, 500, 0, 50), residential);
  s.way(s.street(250, -200, 250, 300, 25), footway);
  const StreetNetwork pbf = read(dir, s, "a.osm.pbf");
  const StreetNetwork xml = read(dir, s, "a.osm");
  ASSERT_EQ(pbf.edge_count(), xml.edge_count());
  ASSERT_EQ(pbf.vertex_count(), xml.vertex_count());
  for (int e = 0; e < pbf.edge_count(); ++e) EXPECT_EQ(pbf.edge(e).length_m, xml.edge(e).length_m);
}

TEST(StreetNetworkGraph, ComponentsAreNumberedLargestFirst) {
  TempDir dir;
  Sketch s;
  const std::vector<int64_t> first = s.street(0, 0, 1000, 0, 100);  // 11 nodes, one edge
  s.way(first, residential);
  s.way(s.street(500, 500, 900, 500, 100), footway);  // an island: 2 vertices
  std::vector<int64_t> branch = s.street(0, -100, 0, -500, 100);
  branch.insert(branch.begin(), first[0]);  // joins the first at its start
  s.way(branch, residential);
  const StreetNetwork n = read(dir, s);
  EXPECT_EQ(n.component_count(), 2);
  EXPECT_EQ(n.component_of(snap(n, 700, 10)), 0);
  EXPECT_EQ(n.component_of(snap(n, 700, 510)), 1);
  EXPECT_EQ(n.component_of(SnappedPoint{}), -1);
  int in_largest = 0;
  for (int c : n.component()) in_largest += c == 0;
  EXPECT_EQ(in_largest, 3);
}

TEST(StreetNetworkGraph, OnlySegmentsInsideTheBoxAreKept) {
  TempDir dir;
  Sketch s;
  s.way(s.street(-1000, 0, 1000, 0, 100), residential);
  const StreetNetwork n = read(dir, s, "s.osm.pbf", local_box(-450, -100, 450, 100));
  // Nodes at -400 .. 400 remain: 800 m of street.
  ASSERT_EQ(n.edge_count(), 1);
  EXPECT_NEAR(n.edge(0).length_m, 800, 0.1);
  EXPECT_EQ(n.stats().ways_kept, 1);
}

TEST(StreetNetworkGraph, TheShareOfTheBoxTheExtractCoversIsReported) {
  TempDir dir;
  Sketch s;
  // Nodes span x in [0, 1000] (no header bounds): half of a box [-1000, 1000].
  s.way(s.street(0, -500, 1000, -500, 100), residential);
  s.way(s.street(0, 500, 1000, 500, 100), residential);
  s.way(s.street(0, 0, 1000, 0, 100), residential);
  const StreetNetwork n = read(dir, s, "s.osm.pbf", local_box(-1000, -500, 1000, 500));
  EXPECT_NEAR(n.stats().box_covered, 0.5, 0.01);
  const StreetNetwork all = read(dir, s, "t.osm.pbf", local_box(100, -400, 900, 400));
  EXPECT_NEAR(all.stats().box_covered, 1.0, 1e-9);
}

TEST(StreetNetworkGraph, WaysWithMissingNodesAreCutThere) {
  TempDir dir;
  Sketch s;
  std::vector<int64_t> ids = s.street(0, 0, 400, 0, 100);
  ids.insert(ids.begin() + 2, 999999);  // no such node
  s.way(ids, residential);
  const StreetNetwork n = read(dir, s);
  EXPECT_EQ(n.stats().nodes_missing, 1);
  EXPECT_EQ(n.edge_count(), 2);
  EXPECT_EQ(n.component_count(), 2);
}

// ---- Bad files ----------------------------------------------------------------------

TEST(StreetNetworkErrors, AMissingFileIsNamed) {
  const std::string msg = error_of([] { read_street_network("/nonexistent/x.osm.pbf", metric(), local_box(0, 0, 1, 1)); });
  EXPECT_NE(msg.find("/nonexistent/x.osm.pbf"), std::string::npos) << msg;
}

TEST(StreetNetworkErrors, ACorruptPbfIsNamed) {
  TempDir dir;
  const std::string path = dir.file("bad.osm.pbf").string();
  std::ofstream(path, std::ios::binary) << std::string("\x00\x00\x00\x0dnot a pbf blob at all, just junk", 36);
  const std::string msg = error_of([&] { read_street_network(path, metric(), local_box(0, 0, 100, 100)); });
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
}

TEST(StreetNetworkErrors, ATruncatedPbfIsNamed) {
  TempDir dir;
  Sketch s;
  s.way(s.street(0, 0, 5000, 0, 10), residential);
  const std::string path = dir.file("cut.osm.pbf").string();
  write_osm(path, s.nodes, s.ways);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  const std::string msg = error_of([&] { read_street_network(path, metric(), local_box(-100, -100, 100, 100)); });
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
}

TEST(StreetNetworkErrors, AnEmptyFileIsNamed) {
  TempDir dir;
  const std::string zero = dir.file("zero.osm.pbf").string();
  std::ofstream(zero, std::ios::binary).close();
  std::string msg = error_of([&] { read_street_network(zero, metric(), local_box(0, 0, 100, 100)); });
  EXPECT_NE(msg.find(zero), std::string::npos) << msg;

  const std::string empty = dir.file("empty.osm.pbf").string();
  write_osm(empty, {}, {});
  msg = error_of([&] { read_street_network(empty, metric(), local_box(0, 0, 100, 100)); });
  EXPECT_NE(msg.find(empty), std::string::npos) << msg;
  EXPECT_NE(msg.find("no OpenStreetMap nodes or ways"), std::string::npos) << msg;
}

TEST(StreetNetworkErrors, NoWalkableWayInTheBox) {
  TempDir dir;
  Sketch s;
  s.line({{0, 0}, {100, 0}}, {{"highway", "motorway"}});
  s.way(s.street(5000, 0, 6000, 0, 100), residential);  // outside the box
  const std::string path = dir.file("m.osm.pbf").string();
  write_osm(path, s.nodes, s.ways);
  const std::string msg = error_of([&] { read_street_network(path, metric(), local_box(-500, -500, 500, 500)); });
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_NE(msg.find("no walkable street"), std::string::npos) << msg;
}

// ---- Snapping -----------------------------------------------------------------------

TEST(StreetNetworkSnap, TheStraightWalkAndThePositionAlongTheEdgeAreKept) {
  TempDir dir;
  Sketch s;
  s.way(s.street(0, 0, 1000, 0, 100), residential);
  const StreetNetwork n = read(dir, s);
  const SnappedPoint p = snap(n, 330, 40);
  ASSERT_TRUE(p.reachable());
  EXPECT_NEAR(p.access_m, 40, 0.05);
  const auto& e = n.edge(p.edge);
  const double from_x = n.vertex_x(e.from) - kX0;
  EXPECT_NEAR(from_x < 500 ? p.along_m : e.length_m - p.along_m, 330, 0.05);
}

TEST(StreetNetworkSnap, BeyondTheSnapDistanceAPointIsUnreachable) {
  TempDir dir;
  Sketch s;
  s.way(s.street(0, 0, 1000, 0, 100), residential);
  const StreetNetwork n = read(dir, s);
  EXPECT_TRUE(snap(n, 500, 199).reachable());
  EXPECT_FALSE(snap(n, 500, 201).reachable());
  EXPECT_FALSE(snap(n, 500, 120, 100).reachable());
  const SnappedTargets targets(n, n.snap_all({kX0 + 500, kX0 + 500, kX0 + 1300}, {kY0 + 10, kY0 + 250, kY0}));
  EXPECT_EQ(targets.unreachable_count(), 2u);
  // An unreachable point reaches nothing and is reached by nothing.
  NetworkSearch search(n);
  std::vector<tuowei::gis::Neighbour> out;
  search.within(targets.point(1), targets, 1e6, out);
  EXPECT_TRUE(out.empty());
  search.within(targets.point(0), targets, 1e6, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].first, 0);
}

TEST(StreetNetworkSnap, TheNearestSegmentIsFoundAsAScanFindsIt) {
  TempDir dir;
  Sketch s;
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0, 1000);
  for (int i = 0; i < 40; ++i) s.line({{u(rng), u(rng)}, {u(rng), u(rng)}, {u(rng), u(rng)}}, footway);
  const StreetNetwork n = read(dir, s);
  for (int i = 0; i < 300; ++i) {
    const double x = kX0 + u(rng), y = kY0 + u(rng);
    double best = std::numeric_limits<double>::infinity();
    for (int e = 0; e < n.edge_count(); ++e) {
      for (uint32_t k = n.edge(e).shape_first; k + 1 < n.edge(e).shape_last; ++k) {
        const double x0 = n.shape_x()[k], y0 = n.shape_y()[k];
        const double dx = n.shape_x()[k + 1] - x0, dy = n.shape_y()[k + 1] - y0;
        const double t = std::clamp(((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
        best = std::min(best, std::hypot(x - x0 - t * dx, y - y0 - t * dy));
      }
    }
    const SnappedPoint p = n.snap(x, y, 1e9);
    ASSERT_TRUE(p.reachable());
    EXPECT_NEAR(p.access_m, best, 1e-9);
  }
}

// ---- Distances ----------------------------------------------------------------------

namespace {

// A plain reference: Dijkstra on the raw OSM segments (every node a
// vertex), points snapped by scanning every segment.
struct Reference {
  std::vector<std::pair<double, double>> xy;  // node positions (metric, absolute)
  std::vector<std::vector<std::pair<int, double>>> adj;
  std::vector<std::pair<int, int>> segments;

  struct Snap {
    int seg = -1;
    double t = 0, along = 0, access = 0;
  };

  Reference(const Sketch& s) {
    std::map<int64_t, int> index;
    for (const auto& [id, p] : s.seen) {
      index[id] = int(xy.size());
      xy.push_back({p.first + kX0, p.second + kY0});
    }
    adj.resize(xy.size());
    for (const OsmWay& w : s.ways) {
      for (size_t k = 0; k + 1 < w.nodes.size(); ++k) {
        const int a = index.at(w.nodes[k]), b = index.at(w.nodes[k + 1]);
        const double d = std::hypot(xy[size_t(b)].first - xy[size_t(a)].first, xy[size_t(b)].second - xy[size_t(a)].second);
        adj[size_t(a)].push_back({b, d});
        adj[size_t(b)].push_back({a, d});
        segments.push_back({a, b});
      }
    }
  }
  Snap snap(double x, double y) const {
    Snap best;
    best.access = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < segments.size(); ++i) {
      const auto [x0, y0] = xy[size_t(segments[i].first)];
      const auto [x1, y1] = xy[size_t(segments[i].second)];
      const double dx = x1 - x0, dy = y1 - y0;
      const double t = std::clamp(((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
      const double d = std::hypot(x - x0 - t * dx, y - y0 - t * dy);
      if (d < best.access) best = {int(i), t, t * std::hypot(dx, dy), d};
    }
    return best;
  }
  double seg_length(int i) const {
    const auto [a, b] = segments[size_t(i)];
    return std::hypot(xy[size_t(b)].first - xy[size_t(a)].first, xy[size_t(b)].second - xy[size_t(a)].second);
  }
  // Walking distances from s to every target.
  std::vector<double> distances(const Snap& s, const std::vector<Snap>& targets) const {
    std::vector<double> dist(xy.size(), std::numeric_limits<double>::infinity());
    using Item = std::pair<double, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    auto push = [&](int v, double d) {
      if (d < dist[size_t(v)]) {
        dist[size_t(v)] = d;
        heap.push({d, v});
      }
    };
    push(segments[size_t(s.seg)].first, s.access + s.along);
    push(segments[size_t(s.seg)].second, s.access + seg_length(s.seg) - s.along);
    while (!heap.empty()) {
      auto [d, v] = heap.top();
      heap.pop();
      if (d > dist[size_t(v)]) continue;
      for (auto [w, l] : adj[size_t(v)]) push(w, d + l);
    }
    std::vector<double> out;
    for (const Snap& t : targets) {
      double d = std::min(dist[size_t(segments[size_t(t.seg)].first)] + t.along,
                          dist[size_t(segments[size_t(t.seg)].second)] + seg_length(t.seg) - t.along);
      if (t.seg == s.seg) d = std::min(d, s.access + std::abs(t.along - s.along));
      out.push_back(d + t.access);
    }
    return out;
  }
};

// A random street network: nodes on a jittered lattice joined by short
// ways, some streets crossing without a shared node (bridges).
Sketch random_streets(unsigned seed) {
  Sketch s;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> jitter(-30, 30);
  std::uniform_int_distribution<int> length(1, 4);
  constexpr int kSide = 8;
  std::vector<int64_t> lattice;
  for (int r = 0; r < kSide; ++r)
    for (int c = 0; c < kSide; ++c) lattice.push_back(s.node(c * 120 + jitter(rng), r * 120 + jitter(rng)));
  std::bernoulli_distribution keep(0.7);
  for (int r = 0; r < kSide; ++r) {
    for (int c = 0; c < kSide; ++c) {
      for (auto [dr, dc] : {std::pair{0, 1}, std::pair{1, 0}}) {
        if (!keep(rng)) continue;
        std::vector<int64_t> ids = {lattice[size_t(r * kSide + c)]};
        int rr = r, cc = c;
        for (int k = length(rng); k > 0 && rr + dr < kSide && cc + dc < kSide; --k) {
          rr += dr;
          cc += dc;
          ids.push_back(lattice[size_t(rr * kSide + cc)]);
        }
        if (ids.size() >= 2) s.way(ids, residential);
      }
    }
  }
  // Diagonal footbridges over the lattice, touching it only at their ends.
  for (int i = 0; i < 5; ++i) {
    const int a = int(rng() % lattice.size()), b = int(rng() % lattice.size());
    if (a != b) s.way({lattice[size_t(a)], s.node(jitter(rng) + 400, jitter(rng) + 400), lattice[size_t(b)]}, footway);
  }
  return s;
}

}  // namespace

TEST(StreetNetworkDistances, EqualAPlainDijkstraOnRandomStreets) {
  for (unsigned seed : {1u, 2u, 3u, 4u}) {
    for (const char* name : {"r.osm.pbf", "r.osm"}) {
      TempDir dir;
      const Sketch s = random_streets(seed);
      const StreetNetwork n = read(dir, s, name);
      const Reference ref(s);
      std::mt19937 rng(seed * 31);
      std::uniform_real_distribution<double> u(-50, 900);
      std::vector<double> tx, ty;
      std::vector<Reference::Snap> ref_targets;
      for (int i = 0; i < 150; ++i) {
        tx.push_back(kX0 + u(rng));
        ty.push_back(kY0 + u(rng));
        ref_targets.push_back(ref.snap(tx.back(), ty.back()));
      }
      const SnappedTargets targets(n, n.snap_all(tx, ty, 1e9));
      NetworkSearch search(n);
      std::vector<tuowei::gis::Neighbour> out;
      for (int src = 0; src < 20; ++src) {
        const double sx = kX0 + u(rng), sy = kY0 + u(rng);
        const std::vector<double> expected = ref.distances(ref.snap(sx, sy), ref_targets);
        for (double radius : {300.0, 700.0}) {
          search.within(n.snap(sx, sy, 1e9), targets, radius, out);
          std::map<int, double> got(out.begin(), out.end());
          for (size_t t = 0; t < expected.size(); ++t) {
            if (std::abs(expected[t] - radius) < 1e-6) continue;  // on the bound: either way
            if (expected[t] <= radius) {
              ASSERT_TRUE(got.count(int(t))) << "seed " << seed << " target " << t << " at " << expected[t];
              EXPECT_NEAR(got[int(t)], expected[t], 1e-6);
            } else {
              EXPECT_FALSE(got.count(int(t))) << "seed " << seed << " target " << t << " at " << expected[t];
            }
          }
        }
      }
    }
  }
}

TEST(StreetNetworkDistances, ARiverIsCrossedOnlyOnItsBridge) {
  // Two banks 150 m apart, streets along both, one bridge 1 km downstream;
  // the river and a railway along it are mapped but not walkable.
  TempDir dir;
  Sketch s;
  std::vector<int64_t> south = s.street(-500, 0, 1500, 0, 20);
  std::vector<int64_t> north = s.street(-500, 150, 1500, 150, 20);
  s.way(south, residential);
  s.way(north, residential);
  const int64_t s_end = south[75], n_end = north[75];  // x = 1000
  s.way({s_end, s.node(1000, 75), n_end}, {{"highway", "secondary"}, {"bridge", "yes"}});
  s.line({{-500, 75}, {1500, 75}}, {{"waterway", "river"}, {"name", "邕江"}});
  s.way({south[30], s.node(100, 75), north[30]}, {{"railway", "rail"}, {"bridge", "yes"}});
  const StreetNetwork n = read(dir, s);

  const SnappedPoint source = snap(n, 0, -5);
  const SnappedTargets targets(n, {snap(n, 0, 155), snap(n, 280, -5)});
  NetworkSearch search(n);
  std::vector<tuowei::gis::Neighbour> out;
  search.within(source, targets, 300, out);
  ASSERT_EQ(out.size(), 1u);  // 150 m across the water is out of reach, 280 m along the bank is not
  EXPECT_EQ(out[0].first, 1);
  EXPECT_NEAR(out[0].second, 5 + 280 + 5, 0.05);
  search.within(source, targets, 5000, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_NEAR(out[0].second, 5 + 1000 + 150 + 1000 + 5, 0.1);
}

TEST(StreetNetworkDistances, ASourceAndTargetOnOneLongEdgeWalkStraightAlongIt) {
  TempDir dir;
  Sketch s;
  s.line({{0, 0}, {2000, 0}}, residential);
  const StreetNetwork n = read(dir, s);
  const SnappedTargets targets(n, {snap(n, 1100, 3), snap(n, 1500, 0), snap(n, 710, 0)});
  NetworkSearch search(n);
  std::vector<tuowei::gis::Neighbour> out;
  search.within(snap(n, 1000, 4), targets, 300, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].first, 0);
  EXPECT_NEAR(out[0].second, 4 + 100 + 3, 0.05);
  EXPECT_EQ(out[1].first, 2);
  EXPECT_NEAR(out[1].second, 4 + 290, 0.05);
  EXPECT_NEAR(n.edge(0).length_m, 2000, 0.05);
}

TEST(StreetNetworkDistances, ManySourcesInParallelEqualOneByOne) {
  TempDir dir;
  const Sketch s = random_streets(9);
  const StreetNetwork n = read(dir, s);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 900);
  std::vector<double> x, y;
  for (int i = 0; i < 2000; ++i) {
    x.push_back(kX0 + u(rng));
    y.push_back(kY0 + u(rng));
  }
  const SnappedTargets targets(n, n.snap_all(x, y));
  std::vector<SnappedPoint> sources(targets.size() > 64 ? 64 : targets.size());
  for (size_t i = 0; i < sources.size(); ++i) sources[i] = targets.point(i * 17 % targets.size());
  std::vector<std::vector<tuowei::gis::Neighbour>> one, two;
  {
    tuowei::test::Threads t(1);
    one = network_within(n, sources, targets, 400);
  }
  {
    tuowei::test::Threads t(2);
    two = network_within(n, sources, targets, 400);
  }
  EXPECT_EQ(one, two);
  NetworkSearch search(n);
  std::vector<tuowei::gis::Neighbour> out;
  for (size_t i = 0; i < sources.size(); ++i) {
    search.within(sources[i], targets, 400, out);
    EXPECT_EQ(out, one[i]);
  }
  // A source at a target's place reaches it, walking to the street and back.
  const auto own = std::find_if(one[1].begin(), one[1].end(), [](const auto& r) { return r.first == 17; });
  ASSERT_NE(own, one[1].end());
  EXPECT_NEAR(own->second, 2 * targets.point(17).access_m, 1e-9);
}

// ---- Isochrones ---------------------------------------------------------------------

TEST(StreetNetworkIsochrone, ThePolygonOfReachedCellsIsExact) {
  Grid g;
  g.origin_x = 1000;
  g.origin_y = 2000;
  g.cell_width = g.cell_height = 100;
  g.cols = g.rows = 10;
  // A ring of 8 cells around (4, 4): one polygon with one hole.
  std::vector<std::pair<int, int>> cells;
  for (int r = 3; r <= 5; ++r)
    for (int c = 3; c <= 5; ++c)
      if (r != 4 || c != 4) cells.push_back({r, c});
  cells.push_back({8, 8});  // and a lone cell
  OGRGeometryUniquePtr p = reached_cells_polygon(g, cells);
  ASSERT_EQ(wkbFlatten(p->getGeometryType()), wkbMultiPolygon);
  const auto* mp = p->toMultiPolygon();
  EXPECT_EQ(mp->getNumGeometries(), 2);
  EXPECT_NEAR(mp->get_Area(), 9 * 100 * 100, 1e-6);
  OGREnvelope env;
  p->getEnvelope(&env);
  EXPECT_DOUBLE_EQ(env.MinX, 1300);
  EXPECT_DOUBLE_EQ(env.MaxY, 1700);
  EXPECT_TRUE(reached_cells_polygon(g, {})->IsEmpty());
}
