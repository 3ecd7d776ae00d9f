#include "planner/access.h"

#include "gis/street_network.h"

#include <fmt/format.h>
#include <ogr_api.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "gis/error.h"
#include "gis/floating_catchment.h"
#include "gis/parallel.h"
#include "gis/point_index.h"
#include "gis/vector.h"
#include "planner/say.h"

namespace tuowei::planner {
namespace {

// --- Travel costs from a CSV ------------------------------------------------

// Per facility: (demand unit, cost) within the threshold, in unit order.
using ReachLists = std::vector<std::vector<gis::Neighbour>>;

// "R<row>C<col>" -> (row, col).
bool parse_cell_id(const std::string& id, int& row, int& col) {
  if (id.size() < 4 || id[0] != 'R') return false;
  const size_t c = id.find('C', 1);
  if (c == std::string::npos) return false;
  auto [p1, e1] = std::from_chars(id.data() + 1, id.data() + c, row);
  auto [p2, e2] = std::from_chars(id.data() + c + 1, id.data() + id.size(), col);
  return e1 == std::errc() && p1 == id.data() + c && e2 == std::errc() && p2 == id.data() + id.size();
}

// Reads the cost table into reach lists. `unit_of` maps an origin id to a
// demand unit (-1: not one; -2: a valid id that holds no demand).
template <class UnitOf>
ReachLists load_cost_table(const AccessConfig& c, const FacilitySet& facilities, const std::string& facility_id_field,
                           const gis::DistanceDecay& decay, UnitOf unit_of, const Text& origin_fix,
                           Problems& problems) {
  gis::VectorTable t;
  try {
    t = gis::read_vector({c.cost_table, "", "auto"});
  } catch (const gis::Error& e) {
    problems.error(as_is("[access] cost_table"), gis::text_of(e));
    throw InputError(problems);
  }
  int of = -1, df = -1, cf = -1;
  try {
    of = t.require_field(c.origin_field, say("origin id ([access] origin_field)"));
    df = t.require_field(c.destination_field, say("destination id ([access] destination_field)"));
    cf = t.require_field(c.cost_field, say("cost ([access] cost_field)"));
  } catch (const gis::Error& e) {
    problems.error(as_is("[access] cost_table"), gis::text_of(e));
    throw InputError(problems);
  }
  std::unordered_map<std::string, int> facility_by_id;
  for (size_t j = 0; j < facilities.size(); ++j) facility_by_id.emplace(facilities[j].id, int(j));

  ReachLists reach(facilities.size());
  std::map<std::pair<int, int>, std::pair<double, int>> seen;  // (unit, facility) -> (cost, record)
  int unknown_origin = 0, empty_origin = 0, unknown_destination = 0, errors = 0;
  std::string first_unknown_origin, first_empty_origin, first_unknown_destination;
  for (const auto& rec : t.records) {
    auto get = [&](int f) { return rec.values[f] ? *rec.values[f] : std::string(); };
    std::string o = get(of), d = get(df), cost_text = get(cf);
    const auto where = [&] { return say("{}, record {}", t.source, rec.number); };  // made only when needed
    double cost = 0;
    auto [ptr, ec] = std::from_chars(cost_text.data(), cost_text.data() + cost_text.size(), cost);
    if (ec != std::errc() || ptr != cost_text.data() + cost_text.size() || !std::isfinite(cost)) {
      if (++errors <= 20) problems.error(where(), say("cost '{}' is not a number", cost_text));
      continue;
    }
    if (cost < 0) {
      if (++errors <= 20) problems.error(where(), say("cost {} is negative", cost_text));
      continue;
    }
    const int unit = unit_of(o);
    if (unit == -1) {
      if (unknown_origin++ == 0) first_unknown_origin = o;
      continue;
    }
    auto fac = facility_by_id.find(d);
    if (fac == facility_by_id.end()) {
      if (unknown_destination++ == 0) first_unknown_destination = d;
      continue;
    }
    if (unit == -2) {
      if (empty_origin++ == 0) first_empty_origin = o;
      continue;
    }
    auto key = std::make_pair(unit, fac->second);
    if (auto it = seen.find(key); it != seen.end()) {
      if (it->second.first != cost && ++errors <= 20) {
        problems.error(where(), say("origin {} to destination {} appears again (record {}) with another cost", o, d,
                                    it->second.second),
                       say("keep one cost per pair"));
      }
      continue;
    }
    seen.emplace(key, std::make_pair(cost, rec.number));
    if (cost <= decay.threshold) reach[size_t(fac->second)].emplace_back(unit, cost);
  }
  if (errors > 20) problems.error(as_is(t.source), say("{} more bad records not listed", errors - 20));
  if (unknown_origin > 0) {
    problems.error(as_is(t.source),
                   say("{} records name origins that are not demand units (first: '{}')", unknown_origin,
                       first_unknown_origin),
                   origin_fix);
  }
  if (empty_origin > 0) {
    problems.warning(as_is(t.source),
                     say("{} records name cells that hold no children under 3 (first: '{}'); they add "
                         "nothing",
                         empty_origin, first_empty_origin));
  }
  if (unknown_destination > 0) {
    problems.error(as_is(t.source),
                   say("{} records name destinations that are not facility ids (first: '{}')", unknown_destination,
                       first_unknown_destination),
                   say("destinations must be values of the facilities' {} field", facility_id_field));
  }
  if (seen.empty() && errors == 0 && unknown_origin == 0 && unknown_destination == 0) {
    problems.error(as_is(t.source), say("the cost table has no rows"),
                   say("give one row per origin and facility within reach"));
  }
  for (auto& list : reach) std::sort(list.begin(), list.end());
  if (problems.has_errors()) throw InputError(problems);
  return reach;
}

void warn_zero_places(const FacilitySet& facilities, const std::string& source, Problems& problems) {
  int zero = 0;
  for (const Facility& f : facilities.all()) zero += f.places == 0;
  if (zero > 0) {
    problems.warning(as_is(source), say("{} facilities have 0 places: they count for coverage but add no places", zero));
  }
}

// --- demand = cells ---------------------------------------------------------

void access_on_cells(const FacilitySet& facilities, const AccessConfig& settings, AccessResult& result,
                     const AccessOptions& options) {
  const Progress& progress = options.progress;
  const Study& study = facilities.study();
  const DemandCells& cells = facilities.demand().cells;
  if (cells.empty()) {
    Problems p;
    p.error(as_is("[access] demand = \"cells\""),
            facilities.demand().cells_unavailable.empty()
                ? say("the study holds no populated cells (loaded without them, or no under-3 raster cell holds "
                      "children)")
                : facilities.demand().cells_unavailable);
    throw InputError(p);
  }
  const gis::DistanceDecay& decay = result.decay;
  const SupplyRule rule{settings.supply};
  const DesertRule deserts(settings);
  const size_t n = cells.size(), m = facilities.size();

  ReachLists reach(m);
  if (result.cost_table()) {
    const gis::CellPoints& points = cells.points();
    reach = load_cost_table(
        settings, facilities, study.project().facilities.id_field, decay,
        [&](const std::string& id) {
          int row = 0, col = 0;
          if (!parse_cell_id(id, row, col) || row < 0 || col < 0 || row >= points.grid().rows ||
              col >= points.grid().cols) {
            return -1;
          }
          const long i = points.find(row, col);
          return i >= 0 ? int(i) : -2;
        },
        say("cell origins are written R<row>C<col>, rows and columns of the under-3 grid counted from 0"),
        result.problems);
  } else {
    check_catchment_size(cells, m, decay.threshold, settings.max_pairs, say("facilities"));
    gis::parallel_for(m, 8, [&](size_t b, size_t e, int) {
      for (size_t j = b; j < e; ++j) cells_in_reach(cells, facilities[j], decay, reach[j]);
    });
  }
  if (progress) progress("accessibility", 0.3);

  // Step 1: the demand in each catchment, and R_j.
  std::vector<double> weighted(m, 0.0), ratio(m, NAN);
  gis::parallel_for(m, 8, [&](size_t b, size_t e, int) {
    for (size_t j = b; j < e; ++j) {
      if (!rule.counts(facilities[j])) continue;
      double w_sum = 0.0;
      for (const auto& [i, d] : reach[j]) {
        const double w = decay.weight(d);
        if (w > 0) w_sum += cells.children(size_t(i)) * w;
      }
      weighted[j] = w_sum;
      if (w_sum > 0) ratio[j] = rule.supply(facilities[j]) / w_sum;
    }
  });
  for (size_t j = 0; j < m; ++j) {
    if (weighted[j] > 0) result.supply_reached += rule.supply(facilities[j]);
  }

  // Step 2: each cell's A_i, its coverage counts and desert flag. Cells are
  // split in fixed chunks; each adds its facilities in facility order.
  CellAccess& state = result.cells;
  state.access.assign(n, NAN);
  state.reached_by.assign(n, 0);
  state.reached_by_inclusive.assign(n, 0);
  state.supplied_by.assign(n, 0);
  state.desert.assign(n, 0);
  gis::parallel_for(n, 1 << 14, [&](size_t lo, size_t hi, int) {
    for (size_t j = 0; j < m; ++j) {
      const auto& list = reach[j];
      auto first = std::lower_bound(list.begin(), list.end(), gis::Neighbour(int(lo), -HUGE_VAL));
      const Facility& f = facilities[j];
      const bool counts = rule.counts(f);
      for (auto it = first; it != list.end() && size_t(it->first) < hi; ++it) {
        const size_t i = size_t(it->first);
        ++state.reached_by[i];
        if (f.inclusive) ++state.reached_by_inclusive[i];
        if (!counts || std::isnan(ratio[j])) continue;
        const double w = decay.weight(it->second);
        if (w > 0) {
          state.access[i] = std::isnan(state.access[i]) ? ratio[j] * w : state.access[i] + ratio[j] * w;
          ++state.supplied_by[i];
        }
      }
    }
    for (size_t i = lo; i < hi; ++i) {
      state.desert[i] = deserts.is_desert(cells.children(i), state.access[i], state.reached_by[i] > 0);
    }
  });
  if (progress) progress("accessibility", 0.7);

  // Township columns by exact shares, and the area's totals.
  result.townships.assign(study.townships().size(), TownshipAccess{});
  for (size_t i = 0; i < n; ++i) {
    const double p = cells.children(i);
    for (const TownshipShare& s : cells.shares(i)) result.townships[size_t(s.township)].children += s.fraction * p;
    add_cell_to_townships(cells, i, state, +1.0, result.townships);
    result.demand_total += p;
    if (!std::isnan(state.access[i])) result.demand_times_access += p * state.access[i];
  }

  result.catchments.resize(m);
  for (size_t j = 0; j < m; ++j) {
    Catchment& c = result.catchments[j];
    c.facility = int(j);
    c.supply = rule.supply(facilities[j]);
    c.weighted_demand = weighted[j];
    c.places_per_child = ratio[j];
  }

  // Desert polygons, township by township.
  if (!options.desert_polygons) return;
  if (progress) progress("desert polygons", 0.0);
  const gis::CoordinateTransform grid_to_wgs(cells.grid_crs(), gis::Crs::wgs84());
  std::vector<DesertArea> areas(study.townships().size());
  const size_t grain = std::max<size_t>(1, areas.size() / (4 * size_t(gis::thread_count())));
  gis::parallel_for(areas.size(), grain, [&](size_t b, size_t e, int) {
    const auto to_wgs = grid_to_wgs.clone();  // this thread's own
    for (size_t t = b; t < e; ++t) areas[t] = desert_area(cells, state.desert, settings, int(t), *to_wgs);
  });
  for (DesertArea& a : areas) {
    if (a.patches + a.small_patches > 0) result.deserts.push_back(std::move(a));
  }
  sort_deserts(result.deserts);
  if (progress) progress("desert polygons", 1.0);
}

// --- demand = townships -----------------------------------------------------

void access_on_townships(const FacilitySet& facilities, const AccessConfig& settings, AccessResult& result) {
  const Study& study = facilities.study();
  const std::vector<Township>& towns = study.townships();
  const gis::DistanceDecay& decay = result.decay;
  const SupplyRule rule{settings.supply};
  const DesertRule deserts(settings);

  // Reach per township: (facility, cost).
  std::vector<std::vector<gis::Neighbour>> reach(towns.size());
  if (result.cost_table()) {
    std::unordered_map<std::string, int> town_by_id;
    for (size_t t = 0; t < towns.size(); ++t) town_by_id.emplace(towns[t].id, int(t));
    ReachLists by_facility = load_cost_table(
        settings, facilities, study.project().facilities.id_field, decay,
        [&](const std::string& id) {
          auto it = town_by_id.find(id);
          return it == town_by_id.end() ? -1 : it->second;
        },
        say("origins must be township ids"), result.problems);
    for (size_t j = 0; j < by_facility.size(); ++j) {
      for (const auto& [t, cost] : by_facility[j]) reach[size_t(t)].emplace_back(int(j), cost);
    }
  } else {
    std::vector<double> fx, fy;
    for (const Facility& f : facilities.all()) {
      fx.push_back(f.x);
      fy.push_back(f.y);
    }
    gis::PointIndex index(fx, fy);
    gis::CoordinateTransform to_metric(gis::Crs::wgs84(), study.metric_crs());
    for (size_t t = 0; t < towns.size(); ++t) {
      // A point inside the township even when it is concave.
      OGRGeometryUniquePtr p(OGRGeometry::FromHandle(
          OGR_G_PointOnSurface(OGRGeometry::ToHandle(towns[t].geometry_wgs84.get()))));
      if (!p || wkbFlatten(p->getGeometryType()) != wkbPoint) continue;
      double x = p->toPoint()->getX(), y = p->toPoint()->getY();
      if (to_metric.apply(x, y)) index.within(x, y, decay.threshold, reach[t]);
    }
  }
  std::vector<double> supply;
  for (const Facility& f : facilities.all()) supply.push_back(rule.supply(f));
  gis::FloatingCatchment fca(supply, decay);
  auto fca_reach = [&](size_t t) {
    std::vector<gis::Neighbour> r;
    for (const auto& n : reach[t]) {
      if (rule.counts(facilities[size_t(n.first)])) r.push_back(n);
    }
    return r;
  };
  const std::vector<TownshipPopulation>& pop = facilities.demand().townships;
  for (size_t t = 0; t < towns.size(); ++t) fca.add_demand(pop[t].children_0_3, fca_reach(t));
  fca.finish_step1();
  result.townships.assign(towns.size(), TownshipAccess{});
  for (size_t t = 0; t < towns.size(); ++t) {
    const double p = pop[t].children_0_3;
    const double a = fca.accessibility(fca_reach(t));
    const bool covered = !reach[t].empty();
    const bool covered_incl = std::any_of(reach[t].begin(), reach[t].end(), [&](const gis::Neighbour& n) {
      return facilities[size_t(n.first)].inclusive;
    });
    TownshipAccess& ta = result.townships[t];
    ta.children = p;
    ta.children_covered = covered ? p : 0.0;
    ta.children_covered_inclusive = covered_incl ? p : 0.0;
    ta.children_with_access = std::isnan(a) ? 0.0 : p;
    ta.children_times_access = std::isnan(a) ? 0.0 : p * a;
    if (deserts.is_desert(p, a, covered)) {
      ta.children_in_deserts = p;
      ta.desert_area_km2 = towns[t].area_km2;
      DesertArea d;
      d.township = int(t);
      d.geometry.reset(OGRGeometryFactory::forceToMultiPolygon(towns[t].geometry_wgs84->clone()));
      d.children_0_3 = p;
      d.area_km2 = towns[t].area_km2;
      d.patches = 1;
      result.deserts.push_back(std::move(d));
    }
    if (p > 0) {
      result.demand_total += p;
      if (!std::isnan(a)) result.demand_times_access += p * a;
    }
  }
  sort_deserts(result.deserts);
  result.catchments.resize(facilities.size());
  for (size_t j = 0; j < facilities.size(); ++j) {
    Catchment& c = result.catchments[j];
    c.facility = int(j);
    c.supply = supply[j];
    c.weighted_demand = fca.weighted_demand()[j];
    c.places_per_child = fca.ratio()[j];
  }
  result.supply_reached = fca.supply_reached();
}

}  // namespace

AccessResult copy_of(const AccessResult& a) {
  auto clone = [](const OGRGeometryUniquePtr& g) { return OGRGeometryUniquePtr(g ? g->clone() : nullptr); };
  AccessResult out;
  out.settings = a.settings;
  out.decay = a.decay;
  out.townships = a.townships;
  for (const Catchment& c : a.catchments) {
    out.catchments.push_back({c.facility, c.supply, c.weighted_demand, c.places_per_child, clone(c.geometry)});
  }
  for (const DesertArea& d : a.deserts) {
    out.deserts.push_back({d.township, clone(d.geometry), d.children_0_3, d.area_km2, d.patches, d.small_patches,
                           d.small_patch_children});
  }
  out.cells = a.cells;
  out.demand_total = a.demand_total;
  out.demand_times_access = a.demand_times_access;
  out.supply_reached = a.supply_reached;
  out.mean_access = a.mean_access;
  out.problems = a.problems;
  return out;
}

gis::DistanceDecay make_decay(const AccessConfig& c) {
  gis::DistanceDecay d;
  d.kind = c.decay;
  d.threshold = c.cost_table.empty() ? c.radius_m : c.cost_threshold;
  d.steps = c.steps.empty() ? gis::DistanceDecay::default_steps(d.threshold) : c.steps;
  d.beta = c.power_beta;
  d.min_cost = c.power_min_cost;
  d.bandwidth = c.gaussian_bandwidth;
  d.validate();
  return d;
}

void check_access_settings(const AccessConfig& settings, const std::vector<Facility>& facilities,
                           Problems& problems) {
  try {
    make_decay(settings);
  } catch (const gis::Error& e) {
    problems.error(as_is("[access]"), gis::text_of(e));
  }
  if (facilities.empty()) {
    // A new district: every child is beyond every catchment, which is what
    // siting its first nurseries starts from.
    problems.warning(say("facilities"), say("no facility: every child is beyond every catchment and accessibility is 0"),
                     say("check [facilities] path, unless the area has no facility yet"));
  }
  if (!settings.cost_table.empty() && !std::filesystem::exists(settings.cost_table)) {
    problems.error(as_is(settings.cost_table), say("cost table not found"), say("check [access] cost_table"));
  }
  std::map<std::string, int> ids;
  if (!settings.cost_table.empty()) {
    for (const Facility& f : facilities) {
      if (f.id.empty()) {
        problems.error(say("facility record {}", f.record), say("has no id; a cost table needs facility ids"),
                       say("fill the facilities' id field"));
      } else if (++ids[f.id] == 2) {
        problems.error(say("facility {}", f.id), say("id is not unique; a cost table needs unique facility ids"));
      }
    }
  }
}

void check_catchment_size(const DemandCells& cells, size_t sources, double radius_m, double max_pairs,
                          const Text& what) {
  const size_t n = cells.size();
  if (n == 0 || sources == 0) return;
  const gis::CellPoints& points = cells.points();
  double x0 = points.x(0), x1 = x0, y0 = points.y(0), y1 = y0;
  for (size_t i = 1; i < n; ++i) {
    x0 = std::min(x0, points.x(i));
    x1 = std::max(x1, points.x(i));
    y0 = std::min(y0, points.y(i));
    y1 = std::max(y1, points.y(i));
  }
  // Every source reaches at most every cell; within the extent, cells are
  // taken as evenly spread (one cell's area at least, for a single row).
  const double cell = std::sqrt(points.cell_area_km2(points.row(0)) * 1e6);
  const double extent = std::max((x1 - x0 + cell) * (y1 - y0 + cell), cell * cell);
  const double per_source = std::min(double(n), double(n) * M_PI * radius_m * radius_m / extent);
  const double pairs = per_source * double(sources);
  if (pairs <= max_pairs) return;
  Problems p;
  p.error(as_is("[access]"),
          say("catchments of {:.6g} m around {} {} would hold about {:.2g} cell pairs (~{:.1f} GB of memory): the "
              "radius reaches most of the study area's {} populated cells",
              radius_m, sources, what, pairs, pairs * 16.0 / 1e9, n),
          say("catchments of childcare are walking distances (300 to 1,000 m; GB 50180-2018): give the radius in "
              "metres (--radius, [access] radius_m); raise [access] max_pairs ({:.3g}) only if the machine has the "
              "memory",
              max_pairs));
  throw InputError(p);
}

void cells_in_reach(const DemandCells& cells, const Facility& f, const gis::DistanceDecay& decay,
                    std::vector<gis::Neighbour>& out) {
  cells.within(f.x, f.y, decay.threshold, out);
}

void add_cell_to_townships(const DemandCells& cells, size_t i, const CellAccess& state, double sign,
                           std::vector<TownshipAccess>& townships) {
  const double p = cells.children(i);
  const double a = state.access[i];
  const double covered = state.reached_by[i] > 0 ? p : 0.0;
  const double covered_incl = state.reached_by_inclusive[i] > 0 ? p : 0.0;
  const double times_access = std::isnan(a) ? 0.0 : p * a;
  const double with_access = std::isnan(a) ? 0.0 : p;
  const double desert = state.desert[i] ? p : 0.0;
  const double desert_km2 = state.desert[i] ? cells.points().cell_area_km2(cells.points().row(i)) : 0.0;
  for (const TownshipShare& s : cells.shares(i)) {
    TownshipAccess& t = townships[size_t(s.township)];
    const double f = sign * s.fraction;
    t.children_covered += f * covered;
    t.children_covered_inclusive += f * covered_incl;
    t.children_times_access += f * times_access;
    t.children_with_access += f * with_access;
    t.children_in_deserts += f * desert;
    t.desert_area_km2 += f * desert_km2;
  }
}

OGRGeometryUniquePtr catchment_circle(const Facility& f, double radius_m, const gis::CoordinateTransform& to_wgs) {
  OGRPoint centre(f.x, f.y);
  OGRGeometryUniquePtr circle(centre.Buffer(radius_m, 16));
  if (!circle || !to_wgs.apply(*circle)) return nullptr;
  return circle;
}

OGRGeometryUniquePtr walking_catchment(const DemandCells& cells, const Facility& f, double radius_m) {
  std::vector<gis::Neighbour> near;
  cells.within(f.x, f.y, radius_m, near);
  std::vector<std::pair<int, int>> rc;
  rc.reserve(near.size());
  for (const auto& [i, d] : near) rc.emplace_back(cells.points().row(size_t(i)), cells.points().col(size_t(i)));
  OGRGeometryUniquePtr g = gis::reached_cells_polygon(cells.points().grid(), rc);
  thread_local std::unique_ptr<gis::CoordinateTransform> to_wgs;
  thread_local std::string for_wkt;
  if (!to_wgs || for_wkt != cells.grid_wkt()) {
    to_wgs = std::make_unique<gis::CoordinateTransform>(cells.grid_crs(), gis::Crs::wgs84());
    for_wkt = cells.grid_wkt();
  }
  if (g && !to_wgs->apply(*g)) g.reset();
  return g;
}

OGRGeometryUniquePtr catchment_shape(const DemandCells& cells, const Facility& f, double radius_m,
                                     const gis::CoordinateTransform& metric_to_wgs84) {
  return cells.walking() ? walking_catchment(cells, f, radius_m) : catchment_circle(f, radius_m, metric_to_wgs84);
}

AccessResult compute_access(const FacilitySet& facilities, const AccessConfig& settings,
                            const AccessOptions& options) {
  Problems bad;
  check_access_settings(settings, facilities.all(), bad);
  if (bad.has_errors()) throw InputError(bad);
  AccessResult result;
  result.settings = settings;
  result.decay = make_decay(settings);
  warn_zero_places(facilities, facilities.study().project().facilities.path, result.problems);
  if (options.progress) options.progress("accessibility", 0.0);
  try {
    if (settings.demand == DemandUnit::townships) {
      access_on_townships(facilities, settings, result);
    } else {
      access_on_cells(facilities, settings, result, options);
    }
  } catch (const gis::Error& e) {
    Problems p = result.problems;
    p.error(say("access"), gis::text_of(e));
    throw InputError(p);
  }
  result.mean_access = result.demand_total > 0 ? result.demand_times_access / result.demand_total : NAN;
  const DemandCells& cells = facilities.demand().cells;
  if (!result.cost_table() && settings.demand == DemandUnit::cells && cells.walking()) {
    // Walking catchments: the outline of the cells each facility reaches on
    // foot (in the grid's CRS, then to WGS84), not circles.
    for (Catchment& c : result.catchments) {
      c.geometry = walking_catchment(cells, facilities[size_t(c.facility)], result.decay.threshold);
    }
  } else if (!result.cost_table()) {
    // Circles in the metric CRS, then every vertex to WGS84 in one batch.
    std::vector<OGRGeometry*> circles;
    for (Catchment& c : result.catchments) {
      OGRPoint centre(facilities[size_t(c.facility)].x, facilities[size_t(c.facility)].y);
      c.geometry.reset(centre.Buffer(result.decay.threshold, 16));
      circles.push_back(c.geometry.get());
    }
    const gis::CoordinateTransform to_wgs(facilities.study().metric_crs(), gis::Crs::wgs84());
    if (!to_wgs.apply_all(circles, true)) {
      for (Catchment& c : result.catchments) c.geometry.reset();
    }
  }
  if (options.progress) options.progress("accessibility", 1.0);
  return result;
}

}  // namespace tuowei::planner
