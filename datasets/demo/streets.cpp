#include "streets.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <string>
#include <vector>

#include "gis/osm_file.h"
#include "nanning_model.h"
#include "random.h"

namespace tuowei::demo {
namespace {

using gis::OsmTags;

// Local kilometres around the city (equirectangular, as in the model).
constexpr double kLon0 = 108.3, kLat0 = 22.8;
const double kKmPerLon = 111.32 * std::cos(kLat0 * std::numbers::pi / 180.0);
constexpr double kKmPerLat = 110.70;
struct P {
  double x, y;
};
P km_of(double lon, double lat) { return {(lon - kLon0) * kKmPerLon, (lat - kLat0) * kKmPerLat}; }

// The Yong River's course through the city (approximate, lon/lat), west to
// east, and the half width of the water and its banks.
constexpr double kRiver[][2] = {
    {108.05, 22.86}, {108.15, 22.835}, {108.20, 22.822}, {108.24, 22.816}, {108.27, 22.813}, {108.29, 22.809},
    {108.31, 22.801}, {108.33, 22.804}, {108.35, 22.801}, {108.37, 22.795}, {108.39, 22.790}, {108.41, 22.793},
    {108.44, 22.789}, {108.47, 22.772}, {108.50, 22.764}, {108.56, 22.752}, {108.65, 22.735}};
constexpr double kRiverHalfWidthKm = 0.18;
// The city's bridges: the grid's north-south streets nearest these longitudes cross.
constexpr double kBridgeLon[] = {108.255, 108.29, 108.32, 108.345, 108.372, 108.405, 108.445};

// The city grid: 150 m blocks over the urban centres, out to 2.5 of their radii.
constexpr double kBlockKm = 0.15;
constexpr double kCityReach = 2.5;
constexpr int kCityCentres = 11;  // urban_centres() before the halo and the county seats
constexpr int kArterialEvery = 8;
// The demo's area (lon/lat), the extract's bounds, and the field lanes' spacing.
constexpr gis::Box kBounds{107.30, 22.10, 109.65, 24.10};
constexpr double kLaneKm = 0.6;

std::vector<P> river_km() {
  std::vector<P> r;
  for (const auto& p : kRiver) r.push_back(km_of(p[0], p[1]));
  return r;
}

double distance_to_segment(P p, P a, P b) {
  const double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
  const double t = l2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0, 1.0) : 0.0;
  return std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

double cross(P o, P a, P b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

bool segments_cross(P a, P b, P c, P d) {
  return ((cross(a, b, c) > 0) != (cross(a, b, d) > 0)) && ((cross(c, d, a) > 0) != (cross(c, d, b) > 0));
}

class Writer {
 public:
  explicit Writer(std::uint64_t seed) : rng_(seed, "streets"), river_(river_km()) {}

  std::int64_t node(P p) {
    const std::int64_t id = std::int64_t(nodes_.size()) + 1;
    nodes_.push_back({id, kLon0 + p.x / kKmPerLon, kLat0 + p.y / kKmPerLat});
    at_.push_back(p);
    return id;
  }
  P at(std::int64_t id) const { return at_[size_t(id - 1)]; }

  bool in_water(P p) const {
    for (size_t i = 0; i + 1 < river_.size(); ++i)
      if (distance_to_segment(p, river_[i], river_[i + 1]) < kRiverHalfWidthKm) return true;
    return false;
  }
  bool crosses_river(P a, P b) const {
    if (in_water(a) || in_water(b)) return true;
    for (size_t i = 0; i + 1 < river_.size(); ++i)
      if (segments_cross(a, b, river_[i], river_[i + 1])) return true;
    return false;
  }

  // A street through these nodes; the stretches over the river become
  // bridges (ways of their own), the rest keeps `tags`.
  void road(const std::vector<std::int64_t>& ids, const OsmTags& tags) {
    std::vector<std::int64_t> run = {ids[0]};
    bool run_bridge = false;
    for (size_t k = 1; k < ids.size(); ++k) {
      const bool bridge = crosses_river(at(ids[k - 1]), at(ids[k]));
      if (bridge != run_bridge && run.size() >= 2) {
        emit(run, tags, run_bridge);
        run = {ids[k - 1]};
      }
      run_bridge = bridge;
      run.push_back(ids[k]);
    }
    if (run.size() >= 2) emit(run, tags, run_bridge);
  }

  void waterway(const std::vector<std::int64_t>& ids) {
    ways_.push_back({std::int64_t(ways_.size()) + 1, ids, {{"waterway", "river"}, {"name", "邕江"}}});
  }

  Rng& rng() { return rng_; }
  StreetsSummary write(const std::filesystem::path& path) const {
    gis::write_osm(path.string(), nodes_, ways_, &kBounds);
    StreetsSummary s;
    s.nodes = (long long)nodes_.size();
    s.ways = (long long)ways_.size();
    s.bridges = bridges_;
    s.km = km_;
    return s;
  }

 private:
  void emit(const std::vector<std::int64_t>& ids, OsmTags tags, bool bridge) {
    if (bridge) {
      tags.emplace_back("bridge", "yes");
      tags.emplace_back("layer", "1");
      ++bridges_;
    }
    for (size_t k = 1; k < ids.size(); ++k)
      km_ += std::hypot(at(ids[k]).x - at(ids[k - 1]).x, at(ids[k]).y - at(ids[k - 1]).y);
    ways_.push_back({std::int64_t(ways_.size()) + 1, ids, std::move(tags)});
  }

  Rng rng_;
  std::vector<P> river_;
  std::vector<gis::OsmNode> nodes_;
  std::vector<P> at_;
  std::vector<gis::OsmWay> ways_;
  int bridges_ = 0;
  double km_ = 0;
};

OsmTags highway(const char* value) { return {{"highway", value}}; }

}  // namespace

StreetsSummary write_streets(const std::filesystem::path& path, const TownshipSet& townships, std::uint64_t seed) {
  Writer w(seed);

  // ---- The city grid.
  const auto centres = urban_centres().first(kCityCentres);
  auto in_city = [&](P p) {
    for (const Centre& c : centres) {
      const P q = km_of(c.lon, c.lat);
      if (std::hypot(p.x - q.x, p.y - q.y) <= kCityReach * c.radius_km) return true;
    }
    return false;
  };
  const P lo = km_of(108.18, 22.70), hi = km_of(108.53, 22.92);
  const int cols = int((hi.x - lo.x) / kBlockKm) + 1, rows = int((hi.y - lo.y) / kBlockKm) + 1;
  auto grid_point = [&](int r, int c) { return P{lo.x + c * kBlockKm, lo.y + r * kBlockKm}; };
  std::vector<bool> bridge_col(size_t(cols), false);
  for (double lon : kBridgeLon) bridge_col[size_t(std::lround((km_of(lon, kLat0).x - lo.x) / kBlockKm))] = true;
  // Nodes: in the city and dry, or on a bridge's street.
  std::vector<std::int64_t> id(size_t(rows) * size_t(cols), 0);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const P p = grid_point(r, c);
      if (in_city(p) && (bridge_col[size_t(c)] || !w.in_water(p))) id[size_t(r) * size_t(cols) + size_t(c)] = w.node(p);
    }
  }
  auto at = [&](int r, int c) { return id[size_t(r) * size_t(cols) + size_t(c)]; };
  // Streets row by row, then column by column: runs of blocks with the same
  // kind of street become one way; a few blocks are walled compounds (no street).
  auto kind = [&](bool arterial, bool column) -> OsmTags {
    if (arterial) return highway(column ? "primary" : "secondary");
    const double u = w.rng().uniform();
    if (u < 0.06) return {};
    if (u < 0.14) return highway("service");
    if (u < 0.18) return highway("footway");
    return highway("residential");
  };
  auto lines = [&](int outer_n, int inner_n, bool column) {
    for (int a = 0; a < outer_n; ++a) {
      const bool arterial = a % kArterialEvery == 0;
      std::vector<std::int64_t> run;
      OsmTags run_tags;
      auto flush = [&] {
        if (run.size() >= 2 && !run_tags.empty()) w.road(run, run_tags);
        run.clear();
      };
      for (int b = 0; b + 1 < inner_n; ++b) {
        const std::int64_t u = column ? at(b, a) : at(a, b), v = column ? at(b + 1, a) : at(a, b + 1);
        if (!u || !v || ((!column || !bridge_col[size_t(a)]) && w.crosses_river(w.at(u), w.at(v)))) {
          flush();
          continue;
        }
        OsmTags tags = kind(arterial || (column && bridge_col[size_t(a)]), column);
        if (tags != run_tags) {
          flush();
          run_tags = tags;
        }
        if (run.empty()) run.push_back(u);
        run.push_back(v);
      }
      flush();
    }
  };
  lines(rows, cols, false);
  lines(cols, rows, true);

  // The nearest grid node to a point (0 when the city has none within 1 km).
  auto nearest_grid = [&](P p) -> std::int64_t {
    const int r0 = int(std::lround((p.y - lo.y) / kBlockKm)), c0 = int(std::lround((p.x - lo.x) / kBlockKm));
    std::int64_t best = 0;
    double best_d = 1.0;
    for (int r = std::max(0, r0 - 7); r <= std::min(rows - 1, r0 + 7); ++r) {
      for (int c = std::max(0, c0 - 7); c <= std::min(cols - 1, c0 + 7); ++c) {
        if (!at(r, c) || w.in_water(w.at(at(r, c)))) continue;
        const double d = std::hypot(w.at(at(r, c)).x - p.x, w.at(at(r, c)).y - p.y);
        if (d < best_d) best = at(r, c), best_d = d;
      }
    }
    return best;
  };

  // ---- Settlements: each township's seat, joined to the city grid when it
  // lies in the city, else the centre of a village grid of its own.
  struct Seat {
    P p;
    std::int64_t node;
    bool city;
  };
  std::vector<Seat> seats;
  for (const Township& t : townships.townships) {
    const P p = km_of(t.seed_lon, t.seed_lat);
    if (in_city(p)) {
      if (const std::int64_t n = nearest_grid(p)) seats.push_back({p, n, true});
      continue;
    }
    constexpr int kHalf = 2;
    constexpr double kVillageBlockKm = 0.12;
    std::vector<std::int64_t> v((2 * kHalf + 1) * (2 * kHalf + 1), 0);
    for (int r = -kHalf; r <= kHalf; ++r) {
      for (int c = -kHalf; c <= kHalf; ++c) {
        const P q{p.x + c * kVillageBlockKm, p.y + r * kVillageBlockKm};
        if (!w.in_water(q)) v[size_t((r + kHalf) * (2 * kHalf + 1) + c + kHalf)] = w.node(q);
      }
    }
    const int n = 2 * kHalf + 1;
    for (int r = 0; r < n; ++r) {
      std::vector<std::int64_t> row, col;
      for (int c = 0; c < n; ++c) {
        if (v[size_t(r * n + c)]) row.push_back(v[size_t(r * n + c)]);
        if (v[size_t(c * n + r)]) col.push_back(v[size_t(c * n + r)]);
      }
      if (row.size() == size_t(n)) w.road(row, highway("residential"));
      if (col.size() == size_t(n)) w.road(col, highway("residential"));
    }
    if (const std::int64_t centre = v[size_t(kHalf * n + kHalf)]) seats.push_back({p, centre, false});
  }

  // ---- Country roads: each seat to its two nearest seats (not both in the
  // city, whose grid joins them), bending a little.
  auto country_road = [&](const Seat& a, const Seat& b, const char* type) {
    const P pa = w.at(a.node), pb = w.at(b.node);
    const double len = std::hypot(pb.x - pa.x, pb.y - pa.y);
    const int steps = std::max(1, int(len / 0.3));
    const double bend = w.rng().uniform(-0.08, 0.08) * len;
    std::vector<std::int64_t> ids = {a.node};
    for (int k = 1; k < steps; ++k) {
      const double t = double(k) / steps, side = bend * std::sin(std::numbers::pi * t);
      ids.push_back(w.node({pa.x + t * (pb.x - pa.x) - side * (pb.y - pa.y) / len,
                            pa.y + t * (pb.y - pa.y) + side * (pb.x - pa.x) / len}));
    }
    ids.push_back(b.node);
    w.road(ids, highway(type));
  };
  std::map<std::pair<size_t, size_t>, bool> joined;
  for (size_t i = 0; i < seats.size(); ++i) {
    std::vector<std::pair<double, size_t>> by_distance;
    for (size_t j = 0; j < seats.size(); ++j)
      if (j != i) by_distance.push_back({std::hypot(seats[j].p.x - seats[i].p.x, seats[j].p.y - seats[i].p.y), j});
    std::sort(by_distance.begin(), by_distance.end());
    for (size_t k = 0; k < std::min<size_t>(2, by_distance.size()); ++k) {
      const size_t j = by_distance[k].second;
      if (seats[i].city && seats[j].city) continue;
      if (!joined.emplace(std::minmax(i, j), true).second) continue;
      country_road(seats[i], seats[j], by_distance[k].first > 6 ? "tertiary" : "unclassified");
    }
  }
  // Arterials from the county seats to the city's nearest street.
  for (const CountyCore& core : county_cores()) {
    if (!core.outer) continue;
    const P p = km_of(core.lon, core.lat);
    const Seat* seat = nullptr;
    for (const Seat& s : seats)
      if (!seat || std::hypot(s.p.x - p.x, s.p.y - p.y) < std::hypot(seat->p.x - p.x, seat->p.y - p.y)) seat = &s;
    const Seat* city = nullptr;
    for (const Seat& s : seats)
      if (s.city && (!city || std::hypot(s.p.x - p.x, s.p.y - p.y) < std::hypot(city->p.x - p.x, city->p.y - p.y)))
        city = &s;
    if (seat && city && !seat->city) country_road(*seat, *city, "secondary");
  }

  // ---- Field lanes: a 600 m lattice of tracks over the countryside (not the
  // city, not the water, never across the river), joined to the city's
  // streets at its edge and to every village; so most, not all, rural
  // homes lie within 200 m of a way.
  const P rlo = km_of(kBounds.xmin, kBounds.ymin), rhi = km_of(kBounds.xmax, kBounds.ymax);
  const int lane_cols = int((rhi.x - rlo.x) / kLaneKm) + 1, lane_rows = int((rhi.y - rlo.y) / kLaneKm) + 1;
  std::vector<std::int64_t> lane(size_t(lane_rows) * size_t(lane_cols), 0);
  std::vector<bool> lane_edge_of_city(lane.size(), false);
  for (int r = 0; r < lane_rows; ++r) {
    for (int c = 0; c < lane_cols; ++c) {
      const P p{rlo.x + c * kLaneKm, rlo.y + r * kLaneKm};
      if (in_city(p)) {
        lane_edge_of_city[size_t(r) * size_t(lane_cols) + size_t(c)] = true;
      } else if (!w.in_water(p)) {
        lane[size_t(r) * size_t(lane_cols) + size_t(c)] = w.node(p);
      }
    }
  }
  auto lane_at = [&](int r, int c) { return lane[size_t(r) * size_t(lane_cols) + size_t(c)]; };
  for (const bool column : {false, true}) {
    const int outer_n = column ? lane_cols : lane_rows, inner_n = column ? lane_rows : lane_cols;
    for (int a = 0; a < outer_n; ++a) {
      std::vector<std::int64_t> run;
      for (int b = 0; b < inner_n; ++b) {
        const std::int64_t v = column ? lane_at(b, a) : lane_at(a, b);
        const bool gap = !v || (!run.empty() && (w.crosses_river(w.at(run.back()), w.at(v)) || w.rng().uniform() < 0.08));
        if (gap) {
          if (run.size() >= 2) w.road(run, highway("track"));
          run.clear();
        }
        if (v) run.push_back(v);
      }
      if (run.size() >= 2) w.road(run, highway("track"));
    }
  }
  // Where a lane meets the city, a lane into its nearest street.
  for (int r = 0; r < lane_rows; ++r) {
    for (int c = 0; c < lane_cols; ++c) {
      if (!lane_at(r, c)) continue;
      bool touches = false;
      for (auto [dr, dc] : {std::pair{0, 1}, std::pair{0, -1}, std::pair{1, 0}, std::pair{-1, 0}}) {
        const int rr = r + dr, cc = c + dc;
        touches |= rr >= 0 && rr < lane_rows && cc >= 0 && cc < lane_cols &&
                   lane_edge_of_city[size_t(rr) * size_t(lane_cols) + size_t(cc)];
      }
      const std::int64_t street = touches ? nearest_grid(w.at(lane_at(r, c))) : 0;
      if (street && !w.crosses_river(w.at(lane_at(r, c)), w.at(street))) w.road({lane_at(r, c), street}, highway("track"));
    }
  }
  // Each village to its nearest lane node.
  for (const Seat& s : seats) {
    if (s.city) continue;
    const P p = w.at(s.node);
    const int r = int(std::lround((p.y - rlo.y) / kLaneKm)), c = int(std::lround((p.x - rlo.x) / kLaneKm));
    if (r < 0 || r >= lane_rows || c < 0 || c >= lane_cols || !lane_at(r, c)) continue;
    if (!w.crosses_river(p, w.at(lane_at(r, c)))) w.road({s.node, lane_at(r, c)}, highway("unclassified"));
  }

  // ---- The river itself: mapped, not walked.
  std::vector<std::int64_t> river;
  for (const P& p : river_km()) river.push_back(w.node(p));
  w.waterway(river);

  return w.write(path);
}

}  // namespace tuowei::demo
