#include "planner/study.h"

#include <algorithm>

#include <map>

#include <atomic>

#include <fmt/format.h>

#include "gis/error.h"
#include "gis/spatial_index.h"
#include "planner/access.h"
#include "planner/inputs.h"
#include "planner/official.h"
#include "planner/say.h"

namespace fs = std::filesystem;

namespace tuowei::planner {

namespace {

// Each facility's metric position and township; a warning for each outside
// every township.
void place_facilities(std::vector<Facility>& facilities, const TownshipIndex& index,
                      const gis::CoordinateTransform& to_metric, Problems& problems) {
  for (Facility& f : facilities) {
    f.x = f.lon;
    f.y = f.lat;
    to_metric.apply(f.x, f.y);
    f.township = index.at(f.lon, f.lat);
    if (f.township < 0) {
      problems.warning(say("facility record {} ({} {})", f.record, f.id, f.name),
                       say("lies outside every township (WGS84 {:.6f}, {:.6f}); its {} places are not "
                           "counted in any township and are listed as unassigned",
                           f.lon, f.lat, f.places),
                       say("check its coordinates and CRS"));
    }
  }
}

}  // namespace

TownshipIndex::TownshipIndex() = default;
TownshipIndex::TownshipIndex(const std::vector<Township>& townships) {
  std::vector<const OGRGeometry*> shapes;
  for (const Township& t : townships) shapes.push_back(t.geometry_wgs84.get());
  index_ = std::make_unique<gis::PolygonIndex>(shapes);
}
TownshipIndex::TownshipIndex(TownshipIndex&&) noexcept = default;
TownshipIndex& TownshipIndex::operator=(TownshipIndex&&) noexcept = default;
TownshipIndex::~TownshipIndex() = default;

int TownshipIndex::at(double lon, double lat) const { return index_ ? index_->locate(lon, lat) : -1; }

Study::Study() = default;
Study::Study(Study&&) noexcept = default;
Study& Study::operator=(Study&&) noexcept = default;
Study::~Study() = default;

Facility Study::place(Facility f, double lon, double lat) const {
  f.lon = lon;
  f.lat = lat;
  f.x = lon;
  f.y = lat;
  wgs84_to_metric_->apply(f.x, f.y);
  f.township = index_.at(lon, lat);
  return f;
}

Project read_project_or_throw(const fs::path& file) {
  Problems problems;
  Project project = read_project(file, problems);
  if (problems.has_errors()) throw InputError(problems);
  return project;
}

namespace {

// The street network around the populated cells (plus the largest catchment
// and the snap distance), the cells snapped to it once; what cannot be
// reached is counted in warnings.
void attach_walking(const Project& project, const gis::Crs& metric, const std::vector<Township>& townships,
                    DemandCells& cells, Problems& problems) {
  static std::atomic<long long> loads{0};
  const AccessConfig& a = project.access;
  const gis::CellPoints& pts = cells.points();
  double reach = std::max(a.radius_m, 1000.0);
  for (const ProposalConfig::SiteType& t : project.proposals.types) reach = std::max(reach, t.radius_m);
  const double margin = reach + a.max_snap_m;
  gis::Box box{INFINITY, INFINITY, -INFINITY, -INFINITY};
  std::vector<double> xs(pts.size()), ys(pts.size());
  for (size_t i = 0; i < pts.size(); ++i) {
    xs[i] = pts.x(i), ys[i] = pts.y(i);
    box.xmin = std::min(box.xmin, xs[i]), box.xmax = std::max(box.xmax, xs[i]);
    box.ymin = std::min(box.ymin, ys[i]), box.ymax = std::max(box.ymax, ys[i]);
  }
  box = {box.xmin - margin, box.ymin - margin, box.xmax + margin, box.ymax + margin};
  auto w = std::make_shared<WalkingNetwork>();
  try {
    w->streets = gis::read_street_network(a.network, metric, box);
  } catch (const gis::Error& e) {
    problems.error(
        as_is("[access] network"), gis::text_of(e),
        say("give an OpenStreetMap extract of the study area (.osm.pbf), e.g. cut from Geofabrik's China file "
            "with osmium extract"));
    throw InputError(problems);
  }
  w->max_snap_m = a.max_snap_m;
  w->source = a.network;
  w->id = ++loads;
  std::vector<gis::SnappedPoint> snapped = w->streets.snap_all(xs, ys, a.max_snap_m);
  // Cells on streets apart from the main network (islands) and cells too far
  // from any street, with their children, by township.
  double unreachable_children = 0, island_children = 0;
  std::map<int, double> by_township, islands_by_township;
  for (size_t i = 0; i < snapped.size(); ++i) {
    const int component = w->streets.component_of(snapped[i]);
    if (component == 0) continue;
    (component < 0 ? unreachable_children : island_children) += cells.children(i);
    (component < 0 ? by_township : islands_by_township)[cells.main_township(i)] += cells.children(i);
  }
  // The townships with the most children in `counts`, for messages.
  auto most = [&](const std::map<int, double>& counts) {
    std::vector<std::pair<double, int>> worst;
    for (const auto& [t, c] : counts) worst.emplace_back(-c, t);
    std::sort(worst.begin(), worst.end());
    Text list;
    for (size_t k = 0; k < worst.size() && k < 5; ++k) {
      const int t = worst[k].second;
      if (k) list += Text(", ", "、");
      list += t >= 0 ? as_is(townships[size_t(t)].name) : say("(none)");
      list += as_is(fmt::format(" {:.0f}", -worst[k].first));
    }
    return list;
  };
  w->cells = gis::SnappedTargets(w->streets, std::move(snapped));
  const gis::StreetNetworkStats& st = w->streets.stats();
  if (st.box_covered < 0.99) {
    problems.warning(as_is(a.network),
                     say("the extract covers {:.1f}% of the study area and its margin; streets beyond it are "
                         "missing, so children near the edge walk farther than they do",
                         100.0 * st.box_covered),
                     say("use an extract that covers the whole study area"));
  }
  if (w->cells.unreachable_count() > 0) {
    problems.warning(as_is(a.network),
                     say("{} populated cells ({:.0f} children under 3) lie more than {:.0f} m from any walkable "
                         "street: they reach no facility on foot (most in: {})",
                         w->cells.unreachable_count(), unreachable_children, a.max_snap_m, most(by_township)),
                     say("check the extract covers these places, or raise [access] max_snap_m"));
  }
  if (island_children > 0) {
    problems.warning(as_is(a.network),
                     say("{:.0f} children under 3 live by streets not joined to the main network ({} pieces); "
                         "they reach only facilities on the same piece (most in: {})",
                         island_children, w->streets.component_count(), most(islands_by_township)),
                     say("check for missing bridges or connecting ways in the extract"));
  }
  cells.set_walking(std::move(w));
}

}  // namespace

Study load_study(Project project, const LoadOptions& options) {
  auto progress = [&](const std::string& stage, double f) {
    if (options.progress) options.progress(stage, f);
  };
  Study s;
  s.project_ = std::move(project);
  Problems& problems = s.problems_;
  progress("reading townships and facilities", 0.0);
  StudyInputs in = read_inputs(s.project_, problems);
  if (options.skip_bad_records) problems.skip_bad_records();
  if (problems.has_errors()) throw InputError(problems);
  s.townships_ = std::move(in.townships);
  s.facilities_ = std::move(in.facilities);
  s.township_crs_ = std::move(in.township_crs);
  s.metric_crs_ = std::move(in.metric_crs);
  s.townships_encoding_ = std::move(in.townships_encoding);
  s.facilities_encoding_ = std::move(in.facilities_encoding);
  s.index_ = TownshipIndex(s.townships_);
  s.wgs84_to_metric_ = std::make_unique<gis::CoordinateTransform>(gis::Crs::wgs84(), s.metric_crs_);

  place_facilities(s.facilities_, s.index_, *s.wgs84_to_metric_, problems);
  progress("reading townships and facilities", 1.0);

  // The official table before the long raster pass: its errors stop the load at once.
  std::optional<OfficialTable> official;
  if (!s.project_.population.official.path.empty()) {
    official = read_official_table(s.project_.population.official, s.townships_, problems);
    if (problems.has_errors()) throw InputError(problems);
  }
  try {
    Demand grid = read_demand(s.project_.population, s.townships_, s.township_crs_, s.metric_crs_, options.cells,
                              problems, [&](double f) { progress("population", f); });
    if (s.project_.access.network_distance && grid.cells.has_grid() && !grid.cells.empty()) {
      progress("street network", 0.0);
      attach_walking(s.project_, s.metric_crs_, s.townships_, grid.cells, problems);
      progress("street network", 1.0);
    }
    s.grid_demand_ = std::make_shared<const Demand>(std::move(grid));
  } catch (const gis::Error& e) {
    Problems p = problems;
    p.error(say("population"), gis::text_of(e));
    throw InputError(p);
  }
  s.projection_ = std::make_unique<Projection>(s.project_.population, s.grid_demand_->townships, std::move(official),
                                               s.townships_, problems);
  s.demand_ = s.demand_for(s.projection_->base_year());
  return s;
}

std::shared_ptr<const Demand> Study::demand_for(int year) const {
  if (demand_ && (year == 0 || year == demand_->year)) return demand_;
  if (year == 0) year = projection_->base_year();
  auto d = std::make_shared<Demand>(
      scaled_demand(*grid_demand_, projection_->figures(year), year, townships_, township_crs_));
  Problems warnings = projection_->warnings(year);
  warnings.append(d->problems);
  d->problems = std::move(warnings);
  return d;
}

ValidationReport validate_project(const fs::path& project_file, bool deep) {
  ValidationReport report;
  report.project = read_project(project_file, report.problems);
  if (report.problems.has_errors() && report.project.townships.path.empty()) return report;
  StudyInputs in = read_inputs(report.project, report.problems);
  if (in.metric_crs.valid()) {
    place_facilities(in.facilities, TownshipIndex(in.townships),
                     gis::CoordinateTransform(gis::Crs::wgs84(), in.metric_crs), report.problems);
  }
  report.townships = int(in.townships.size());
  report.facilities = int(in.facilities.size());
  report.population_layers =
      check_population_rasters(report.project.population, in.townships, report.problems, deep);
  if (!report.project.population.official.path.empty() && !in.townships.empty()) {
    read_official_table(report.project.population.official, in.townships, report.problems);
  }
  if (report.project.has_access_section) check_access_settings(report.project.access, in.facilities, report.problems);
  return report;
}

}  // namespace tuowei::planner
