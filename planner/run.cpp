#include "planner/run.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <set>

#include "gis/error.h"
#include "planner/population.h"
#include "planner/version.h"

namespace fs = std::filesystem;

namespace tuowei::planner {
namespace {

std::string now_iso8601() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", std::localtime(&t));
  return buf;
}

nlohmann::json problems_json(const Problems& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const Problem& p : problems.all()) {
    out.push_back({{"severity", p.severity == Severity::error ? "error" : "warning"},
                   {"where", p.where},
                   {"message", p.message},
                   {"fix", p.fix}});
  }
  return out;
}

nlohmann::json summary_json(const IndicatorRun& run) {
  const IndicatorTable& t = run.table;
  nlohmann::json j;
  j["tuowei_version"] = version();
  j["generated"] = now_iso8601();
  j["project"] = {{"name", run.project.name}, {"file", run.project.file.string()}};
  j["inputs"] = {
      {"townships",
       {{"path", run.project.townships.path}, {"crs", run.area.township_crs.name()}, {"encoding", run.area.townships_encoding},
        {"count", run.area.townships.size()}}},
      {"facilities",
       {{"path", run.project.facilities.path}, {"encoding", run.area.facilities_encoding}, {"count", run.area.facilities.size()}}},
      {"population", {{"residents_layers", run.project.population.residents.size()},
                      {"children_0_3_layers", run.project.population.children_0_3.size()}}},
  };
  j["distance_crs"] = run.area.metric_crs.name();
  j["target_places_per_1000"] = t.target_places_per_1000;
  j["total"] = indicator_row_json(t.total, t.has_access);
  if (run.access) {
    const AccessResult& a = *run.access;
    nlohmann::json acc;
    acc["demand"] = a.demand;
    acc["supply"] = a.supply;
    acc["decay"] = a.decay.describe();
    acc["cost_table"] = a.cost_table ? run.project.access.cost_table : "";
    acc["children_total"] = a.demand_total;
    acc["mean_access"] = std::isnan(a.mean_access) ? nlohmann::json(nullptr) : nlohmann::json(a.mean_access);
    acc["sum_demand_times_access"] = a.demand_times_access;
    acc["supply_reached"] = a.supply_reached;
    acc["desert_rule"] = {{"children_per_place", run.project.access.desert_children_per_place},
                          {"min_children", run.project.access.desert_min_children}};
    acc["desert_polygons"] = a.deserts.size();
    j["access"] = acc;
  }
  int meeting = 0, ranked = 0;
  for (const IndicatorRow& r : t.townships) {
    if (r.rank_overall > 0) ++ranked;
    if (r.population > 0 && r.places_needed == 0) ++meeting;
  }
  j["townships_meeting_target"] = meeting;
  j["townships_ranked"] = ranked;
  j["counties"] = nlohmann::json::array();
  for (const IndicatorRow& p : t.parents) j["counties"].push_back(indicator_row_json(p, t.has_access));
  j["unassigned_facilities"] = nlohmann::json::array();
  for (int k : t.unassigned_facilities) {
    const Facility& f = run.area.facilities[k];
    j["unassigned_facilities"].push_back(
        {{"record", f.record}, {"id", f.id}, {"name", f.name}, {"places", f.places}, {"lon", f.lon}, {"lat", f.lat}});
  }
  j["problems"] = problems_json(run.problems);
  return j;
}

}  // namespace

ValidationReport validate_project(const fs::path& project_file) {
  ValidationReport report;
  report.project = load_project(project_file, report.problems);
  if (report.problems.has_errors() && report.project.townships.path.empty()) return report;
  StudyArea area = load_study_area(report.project, report.problems);
  report.townships = int(area.townships.size());
  report.facilities = int(area.facilities.size());
  check_population_rasters(report.project.population, area, report.problems);
  if (report.project.has_access_section) check_access(report.project, area, report.problems);
  std::set<std::pair<std::string, int>> rasters;
  for (const auto* list : {&report.project.population.residents, &report.project.population.children_0_3}) {
    for (const RasterRef& r : *list) rasters.emplace(r.path, r.band);
  }
  report.population_layers = int(rasters.size());
  return report;
}

IndicatorRun run_indicators(const fs::path& project_file, const IndicatorOptions& options) {
  IndicatorRun run;
  auto progress = [&](const std::string& stage, double f) {
    if (options.progress) options.progress(stage, f);
  };
  progress("reading project", 0.0);
  run.project = load_project(project_file, run.problems);
  if (run.problems.has_errors()) throw InputError(run.problems);
  if (options.target_places_per_1000) run.project.targets.places_per_1000 = *options.target_places_per_1000;

  progress("reading townships and facilities", 0.0);
  run.area = load_study_area(run.project, run.problems);
  if (options.skip_bad_records) run.problems.skip_bad_records();
  if (run.problems.has_errors()) throw InputError(run.problems);
  progress("reading townships and facilities", 1.0);

  std::vector<TownshipPopulation> pop;
  try {
    pop = township_population(run.project.population, run.area, run.problems,
                              [&](double f) { progress("population (exact zonal sums)", f); });
  } catch (const gis::Error& e) {
    Problems p = run.problems;
    p.error("population", e.what());
    throw InputError(p);
  }
  run.table = compute_indicators(run.area, pop, run.project.targets.places_per_1000);
  run.population = pop;
  if (options.access) {
    if (options.radius_m) {
      run.project.access.radius_m = *options.radius_m;
      run.project.access.cost_table.clear();
    }
    if (options.decay) run.project.access.decay = *options.decay;
    AccessOptions ao;
    ao.raster_dir = options.out_dir;
    ao.progress = options.progress;
    if (!options.out_dir.empty()) {
      std::error_code ec;
      fs::create_directories(options.out_dir, ec);
    }
    try {
      run.access = compute_access(run.project, run.area, pop, ao, run.problems);
    } catch (const gis::Error& e) {
      Problems p = run.problems;
      p.error("access", e.what());
      throw InputError(p);
    }
    add_access_columns(run.table, run.access->townships);
    for (const fs::path& r : run.access->rasters) run.written.push_back(r);
  }

  if (!options.out_dir.empty()) {
    progress("writing outputs", 0.0);
    std::error_code ec;
    fs::create_directories(options.out_dir, ec);
    if (ec) {
      throw gis::Error(fmt::format("{}: cannot create the output folder ({})", options.out_dir.string(), ec.message()));
    }
    fs::path gpkg = options.out_dir / "tuowei.gpkg", csv = options.out_dir / "townships.csv",
             counties = options.out_dir / "counties.csv", summary = options.out_dir / "summary.json";
    write_geopackage(gpkg, run.area, run.table, run.access ? &*run.access : nullptr);
    run.written.push_back(gpkg);
    write_indicator_csv(csv, run.table.townships, options.labels, run.table.has_access);
    run.written.push_back(csv);
    if (!run.table.parents.empty()) {
      std::vector<IndicatorRow> rows = run.table.parents;
      rows.push_back(run.table.total);
      write_indicator_csv(counties, rows, options.labels, run.table.has_access);
      run.written.push_back(counties);
    }
    write_json(summary, summary_json(run));
    run.written.push_back(summary);
    progress("writing outputs", 1.0);
  }
  return run;
}

}  // namespace tuowei::planner
