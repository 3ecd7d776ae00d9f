#include "planner/study.h"

#include <fmt/format.h>

#include "gis/error.h"
#include "gis/spatial_index.h"
#include "planner/access.h"
#include "planner/inputs.h"
#include "planner/official.h"

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
      problems.warning(fmt::format("facility record {} ({} {})", f.record, f.id, f.name),
                       fmt::format("lies outside every township (WGS84 {:.6f}, {:.6f}); its {} places are not "
                                   "counted in any township and are listed as unassigned",
                                   f.lon, f.lat, f.places),
                       "check its coordinates and CRS");
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
    s.grid_demand_ = std::make_shared<const Demand>(
        read_demand(s.project_.population, s.townships_, s.township_crs_, s.metric_crs_, options.cells, problems,
                    [&](double f) { progress("population", f); }));
  } catch (const gis::Error& e) {
    Problems p = problems;
    p.error("population", e.what());
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

ValidationReport validate_project(const fs::path& project_file) {
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
  report.population_layers = check_population_rasters(report.project.population, in.townships, report.problems);
  if (!report.project.population.official.path.empty() && !in.townships.empty()) {
    read_official_table(report.project.population.official, in.townships, report.problems);
  }
  if (report.project.has_access_section) check_access_settings(report.project.access, in.facilities, report.problems);
  return report;
}

}  // namespace tuowei::planner
