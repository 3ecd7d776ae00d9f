// A pedestrian street network read from OpenStreetMap (.osm.pbf or .osm,
// with libosmium), in a metric CRS, as a compact graph; points snapped to
// its edges; walking distances by Dijkstra bounded by a radius.
//
// The graph: vertices are the OSM nodes where walkable ways meet or end;
// an edge is the stretch of one way between two vertices, its length the
// sum of its segments (shape points folded in, kept for snapping). Edges
// are undirected: walking has no one-way streets. Ways connect only where
// they share a node, so a bridge over a river or a tunnel under a railway
// joins the banks where it is mapped and nowhere else.
//
// Which ways are walkable (walkable_way), snapping and distances are
// described in docs/methods.md, section 6.7.
#pragma once

#include <ogr_geometry.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gis/crs.h"
#include "gis/grid.h"
#include "gis/point_index.h"

namespace tuowei::gis {

using OsmTags = std::vector<std::pair<std::string, std::string>>;

// The tag rules: true when a person may walk along a way with these tags.
// highway=footway, path, pedestrian, steps, living_street, residential,
// service, unclassified, road, track, cycleway, corridor, crossing,
// tertiary, secondary, primary (and their _link) are walkable;
// motorway, trunk (and _link) only with foot=yes|designated|permissive;
// any other highway value (bridleway, platform ...) only with those foot
// values, except construction, proposed, abandoned, disused, razed, which
// never are. foot=no excludes, and so does access=no|private unless foot
// permits. Ways without a highway tag are not walked.
bool walkable_way(const OsmTags& tags);

struct StreetNetworkStats {
  long long ways_read = 0;      // ways in the file
  long long ways_walkable = 0;  // of those, walkable by the tag rules
  long long ways_kept = 0;      // walkable with at least one segment in the box
  long long nodes_missing = 0;  // walkable ways' node references without a location in the file
  // Share (0..1) of the box that the extract covers: its bounds from the
  // file header (PBF) or <bounds> (XML), else the extent of its nodes, in
  // the metric CRS. Below 1 the area near the box's edge may lack streets.
  double box_covered = 0;
};

// An edge's partial position: a point snapped to an edge.
struct SnappedPoint {
  int edge = -1;          // -1: no walkable edge within the snap distance
  double along_m = 0;     // from the edge's `from` vertex, along it
  double access_m = 0;    // the straight walk from the point to the edge
  bool reachable() const { return edge >= 0; }
};

class StreetNetwork {
 public:
  struct Edge {
    int from = 0, to = 0;
    double length_m = 0;
    // Its polyline (from, shape points, to) in shape_x/shape_y[first, last).
    uint32_t shape_first = 0, shape_last = 0;
  };
  struct Arc {
    int to;    // the vertex at the other end
    int edge;  // through this edge
  };

  StreetNetwork() = default;
  // A graph from polylines in the metric CRS, joined where they share a
  // vertex id: `ids[i]` numbers the points of `lines[i]` (same id, same
  // point). For generated networks and tests; OSM files go through
  // read_street_network.
  static StreetNetwork from_lines(const std::vector<std::vector<std::pair<double, double>>>& lines,
                                  const std::vector<std::vector<int64_t>>& ids);

  int vertex_count() const { return int(vertex_x_.size()); }
  int edge_count() const { return int(edges_.size()); }
  double vertex_x(int v) const { return vertex_x_[size_t(v)]; }
  double vertex_y(int v) const { return vertex_y_[size_t(v)]; }
  const Edge& edge(int e) const { return edges_[size_t(e)]; }
  // The arcs leaving v: arcs()[arc_first(v) .. arc_first(v + 1)).
  uint32_t arc_first(int v) const { return arc_start_[size_t(v)]; }
  const std::vector<Arc>& arcs() const { return arcs_; }
  const std::vector<double>& shape_x() const { return shape_x_; }
  const std::vector<double>& shape_y() const { return shape_y_; }

  // Connected components: an id per vertex, 0 for the largest component,
  // then by falling size (ties by lowest vertex). A point snapped to an
  // edge lies in the component of its vertices.
  const std::vector<int>& component() const { return component_; }
  int component_count() const { return component_count_; }
  int component_of(const SnappedPoint& p) const {
    return p.reachable() ? component_[size_t(edges_[size_t(p.edge)].from)] : -1;
  }

  const StreetNetworkStats& stats() const { return stats_; }

  // The nearest walkable edge to (x, y) (metric) within max_snap_m; an
  // unreachable SnappedPoint when there is none. Ties go to the lowest edge.
  // Only reads: safe from several threads at once.
  SnappedPoint snap(double x, double y, double max_snap_m = 200.0) const;
  // Many points at once, on every core (gis/parallel.h).
  std::vector<SnappedPoint> snap_all(const std::vector<double>& x, const std::vector<double>& y,
                                     double max_snap_m = 200.0) const;

 private:
  friend StreetNetwork read_street_network(const std::string&, const Crs&, const Crs&, const Box&);
  void build_index();
  void find_components();

  std::vector<double> vertex_x_, vertex_y_;
  std::vector<Edge> edges_;
  std::vector<double> shape_x_, shape_y_;
  std::vector<uint32_t> arc_start_;  // vertex_count() + 1
  std::vector<Arc> arcs_;
  std::vector<int> component_;
  int component_count_ = 0;
  StreetNetworkStats stats_;
  struct SegmentIndex;
  std::shared_ptr<const SegmentIndex> segments_;  // R-tree over every edge segment
};

// Reads the walkable ways of an OSM file (.osm.pbf, .osm, .osm.bz2, .osm.gz)
// inside `box` (in `metric`): node locations (in `data_crs`, WGS84 for OSM)
// are transformed to `metric`, and the segments with both ends in the box
// kept. Throws gis::Error naming the file when it cannot be read, is corrupt
// or empty, or holds no walkable way in the box.
StreetNetwork read_street_network(const std::string& path, const Crs& data_crs, const Crs& metric, const Box& box);
inline StreetNetwork read_street_network(const std::string& path, const Crs& metric, const Box& box) {
  return read_street_network(path, Crs::wgs84(), metric, box);
}

// Points snapped once for many searches: each reachable point listed on its
// edge (by point index), so a search reads only the edges it reaches.
class SnappedTargets {
 public:
  SnappedTargets() = default;
  SnappedTargets(const StreetNetwork& network, std::vector<SnappedPoint> points);
  size_t size() const { return points_.size(); }
  const SnappedPoint& point(size_t i) const { return points_[i]; }
  // Points with no edge within the snap distance.
  size_t unreachable_count() const { return unreachable_; }

  // Targets on edge e: entries [edge_first(e), edge_first(e + 1)).
  uint32_t edge_first(int e) const { return edge_start_[size_t(e)]; }
  int entry_point(uint32_t k) const { return entry_point_[k]; }

 private:
  std::vector<SnappedPoint> points_;
  std::vector<uint32_t> edge_start_;
  std::vector<int> entry_point_;
  size_t unreachable_ = 0;
};

// One bounded search at a time; keeps its scratch space between searches
// (one per thread).
class NetworkSearch {
 public:
  explicit NetworkSearch(const StreetNetwork& network);
  // Every target whose walking distance from `source` is <= radius_m, as
  // (target index, metres), ordered by target index, into `out` (cleared
  // first). The distance is the source's straight walk to its edge, the
  // shortest path along edges, and the target's walk from its edge; a
  // source and a target on one edge may also walk straight along it.
  // An unreachable source reaches nothing.
  void within(const SnappedPoint& source, const SnappedTargets& targets, double radius_m,
              std::vector<Neighbour>& out);
  // The walking distance to every vertex settled by the last search
  // (infinity for the others).
  double vertex_distance(int v) const { return dist_[size_t(v)]; }

 private:
  const StreetNetwork* network_;
  std::vector<double> dist_;
  std::vector<int> touched_;
  std::vector<uint32_t> edge_stamp_;
  uint32_t stamp_ = 0;
};

// One search per source, on every core (gis/parallel.h); the result for
// source i equals NetworkSearch::within's for it, whatever the thread count.
// The same shape as PointIndex/CellPoints::within's reach lists.
std::vector<std::vector<Neighbour>> network_within(const StreetNetwork& network,
                                                   const std::vector<SnappedPoint>& sources,
                                                   const SnappedTargets& targets, double radius_m);

// The cells a search reached, as one MultiPolygon in the grid's coordinates
// (polygonize: 4-connected regions, holes where unreached cells are
// enclosed). `cells` are (row, column) pairs of `grid`. Empty when none.
OGRGeometryUniquePtr reached_cells_polygon(const Grid& grid, const std::vector<std::pair<int, int>>& cells);

}  // namespace tuowei::gis
