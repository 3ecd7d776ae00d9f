// The output folder of a run: which files, and what summary.json and the
// proposal files say. The formats themselves are in outputs.cpp.
#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <map>
#include <future>
#include <optional>

#include "gis/atomic_file.h"
#include "gis/crs.h"
#include "gis/error.h"
#include "gis/parallel.h"
#include "gis/postgis.h"
#include "gis/raster_writer.h"
#include "planner/analysis.h"
#include "planner/outputs.h"
#include "planner/qgis_styles.h"
#include "planner/say.h"
#include "planner/siting/propose.h"
#include "planner/version.h"

namespace fs = std::filesystem;

namespace tuowei::planner {
namespace {

constexpr double kUnpopulated = 255.0;

std::string now_iso8601() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", std::localtime(&t));
  return buf;
}

nlohmann::json number_or_null(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

nlohmann::json problems_json(const Problems& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const Problem& p : problems.all()) {
    // In the current language; "en" and "zh" hold both, for a viewer that
    // switches language.
    out.push_back({{"severity", p.severity == Severity::error ? "error" : "warning"},
                   {"where", p.where.str()},
                   {"message", p.message.str()},
                   {"fix", p.fix.str()},
                   {"en", {{"where", p.where.en()}, {"message", p.message.en()}, {"fix", p.fix.en()}}},
                   {"zh", {{"where", p.where.zh()}, {"message", p.message.zh()}, {"fix", p.fix.zh()}}}});
  }
  return out;
}

std::string fixed(double v, int d) { return std::isnan(v) ? "" : fmt::format("{:.{}f}", v, d); }

}  // namespace

nlohmann::json summary_json(const Analysis& r) {
  const Study& study = r.facilities.study();
  const Project& project = study.project();
  const IndicatorTable& t = r.table;
  nlohmann::json j;
  j["tuowei_version"] = version();
  j["generated"] = now_iso8601();
  j["project"] = {{"name", project.name}, {"file", project.file.string()}};
  j["inputs"] = {
      {"townships",
       {{"path", gis::mask_password(project.townships.path)},
        {"crs", study.township_crs().name()},
        {"encoding", study.townships_encoding()},
        {"count", study.townships().size()}}},
      {"facilities",
       {{"path", gis::mask_password(project.facilities.path)},
        {"encoding", study.facilities_encoding()},
        {"count", r.facilities.size()}}},
      {"population",
       {{"residents_layers", project.population.residents.size()},
        {"children_0_3_layers", project.population.children_0_3.size()},
        {"populated_cells", r.facilities.demand().cells.size()}}},
  };
  {
    const Projection& pr = study.projection();
    nlohmann::json& pop = j["inputs"]["population"];
    pop["year"] = r.facilities.year();
    pop["base_year"] = pr.base_year();
    pop["grid_year"] = pr.grid_year();
    pop["official_table"] = pr.official() ? nlohmann::json(pr.official()->source) : nlohmann::json(nullptr);
    pop["births_annual_change"] = pr.study_births_change();
    pop["births_change_basis"] = pr.births_change_basis();
    pop["residents_annual_change"] = project.population.residents_annual_change;
    pop["survival"] = project.population.survival;
    std::map<std::string, int> residents, children;
    for (const TownshipPopulation& p : r.facilities.demand().townships) {
      ++residents[name(p.residents_source)];
      ++children[name(p.children_source)];
    }
    pop["residents_sources"] = residents;
    pop["children_sources"] = children;
  }
  j["distance_crs"] = study.metric_crs().name();
  j["target_places_per_1000"] = t.targets.places_per_1000;
  j["care_share"] = t.targets.care_share;
  j["year"] = t.year;
  j["total"] = indicator_row_json(t.total, t.has_access);
  if (r.access) {
    const AccessResult& a = *r.access;
    nlohmann::json acc;
    acc["demand"] = name(a.settings.demand);
    acc["supply"] = name(a.settings.supply);
    acc["decay"] = a.decay.describe();
    acc["cost_table"] = a.settings.cost_table;
    acc["children_total"] = a.demand_total;
    acc["mean_access"] = number_or_null(a.mean_access);
    acc["sum_demand_times_access"] = a.demand_times_access;
    acc["supply_reached"] = a.supply_reached;
    acc["desert_rule"] = {{"children_per_place", a.settings.desert_children_per_place},
                          {"min_children", a.settings.desert_min_children},
                          {"min_patch_children", a.settings.desert_min_patch_children},
                          {"min_patch_km2", a.settings.desert_min_patch_km2}};
    int patches = 0, small = 0;
    for (const DesertArea& d : a.deserts) {
      patches += d.patches;
      small += d.small_patches;
    }
    acc["desert_townships"] = a.deserts.size();
    acc["desert_patches"] = patches;
    acc["desert_small_patches"] = small;
    j["access"] = acc;
  }
  int meeting = 0, ranked = 0;
  for (const IndicatorRow& row : t.townships) {
    if (row.rank_overall > 0) ++ranked;
    if (row.population > 0 && row.places_needed == 0) ++meeting;
  }
  j["townships_meeting_target"] = meeting;
  j["townships_ranked"] = ranked;
  j["counties"] = nlohmann::json::array();
  for (const IndicatorRow& p : t.parents) j["counties"].push_back(indicator_row_json(p, t.has_access));
  j["unassigned_facilities"] = nlohmann::json::array();
  for (int k : t.unassigned_facilities) {
    const Facility& f = r.facilities[size_t(k)];
    j["unassigned_facilities"].push_back(
        {{"record", f.record}, {"id", f.id}, {"name", f.name}, {"places", f.places}, {"lon", f.lon}, {"lat", f.lat}});
  }
  j["problems"] = problems_json(r.problems);
  return j;
}

std::vector<fs::path> write_access_rasters(const fs::path& dir, const DemandCells& cells, const AccessResult& access) {
  const gis::CellPoints& points = cells.points();
  const gis::Grid& grid = points.grid();
  const CellAccess& state = access.cells;
  const std::string& wkt = cells.grid_wkt();
  struct Layer {
    fs::path file;
    gis::RasterWriter::Type type;
    double empty;  // where no child lives
    std::string description;
    std::function<double(size_t cell)> value;
  };
  const std::vector<Layer> layers = {
      {dir / "access.tif", gis::RasterWriter::Type::float32, NAN,
       fmt::format("{} per child under 3 ({})", name(access.settings.supply), access.decay.describe()),
       [&](size_t i) { return state.access[i]; }},
      {dir / "coverage.tif", gis::RasterWriter::Type::byte, kUnpopulated,
       "0 = beyond every catchment, 1 = in a catchment, 2 = in an inclusive facility's",
       [&](size_t i) { return state.reached_by_inclusive[i] > 0 ? 2.0 : state.reached_by[i] > 0 ? 1.0 : 0.0; }},
      {dir / "deserts.tif", gis::RasterWriter::Type::byte, kUnpopulated,
       "1 = service desert, 0 = served; populated cells only", [&](size_t i) { return state.desert[i] ? 1.0 : 0.0; }},
  };
  // The three files at once, each strip by strip.
  gis::parallel_for(layers.size(), 1, [&](size_t b, size_t e, int) {
    for (size_t k = b; k < e; ++k) {
      const Layer& layer = layers[k];
      gis::RasterWriter out(layer.file, grid, wkt, layer.type, layer.empty, layer.description);
      const int strip_rows = 256;
      std::vector<double> v;
      for (int row0 = 0; row0 < grid.rows; row0 += strip_rows) {
        const int rows = std::min(strip_rows, grid.rows - row0);
        v.assign(size_t(rows) * grid.cols, layer.empty);
        for (int r = row0; r < row0 + rows; ++r) {
          for (size_t i = points.row_begin(r); i < points.row_begin(r + 1); ++i) {
            v[size_t(r - row0) * grid.cols + size_t(points.col(i))] = layer.value(i);
          }
        }
        out.write_rows(row0, rows, v.data());
      }
      out.commit();
    }
  });
  std::vector<fs::path> files;
  for (const Layer& l : layers) files.push_back(l.file);
  return files;
}

std::vector<fs::path> write_results(const fs::path& dir, const Analysis& r, const WriteOptions& options,
                                    const std::function<void(GDALDataset&)>& extra) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw gis::Error(say("{}: cannot create the output folder ({})", dir.string(), ec.message()));
  // Every file moves into place at the end, together (or none does).
  gis::FileSet set(dir);
  std::vector<fs::path> written;
  // The rasters are written on other threads meanwhile: separate files.
  std::future<std::vector<fs::path>> rasters;
  if (r.access && options.rasters && !r.access->cells.access.empty()) {
    rasters = std::async(std::launch::async,
                         [&] { return write_access_rasters(dir, r.facilities.demand().cells, *r.access); });
  }
  const fs::path gpkg = dir / "tuowei.gpkg", csv = dir / "townships.csv", counties = dir / "counties.csv",
                 summary = dir / "summary.json", by_year = dir / "places_needed_by_year.csv";
  const std::vector<Township>& townships = r.facilities.study().townships();
  const std::vector<YearNeed> needs = places_needed_by_year(r.facilities, r.table.targets);
  write_geopackage(gpkg, r.facilities, r.table, r.access ? &*r.access : nullptr, [&](GDALDataset& ds) {
    if (!needs.empty()) add_year_needs_layer(ds, gpkg, needs, townships);
    if (extra) extra(ds);
  });
  written.push_back(gpkg);
  if (!needs.empty()) {
    write_year_needs_csv(by_year, needs, townships, options.labels);
    written.push_back(by_year);
  }
  write_indicator_csv(csv, r.table.townships, options.labels, r.table.has_access);
  written.push_back(csv);
  if (!r.table.parents.empty()) {
    std::vector<IndicatorRow> rows = r.table.parents;
    rows.push_back(r.table.total);
    write_indicator_csv(counties, rows, options.labels, r.table.has_access);
    written.push_back(counties);
  }
  nlohmann::json doc = summary_json(r);
  if (options.summary_extra.is_object()) doc.update(options.summary_extra);
  write_json(summary, doc);
  written.push_back(summary);
  if (rasters.valid()) {
    for (const fs::path& p : rasters.get()) written.push_back(p);
  }
  set.commit();
  return written;
}

void add_proposal_layers(GDALDataset& ds, const fs::path& file, const Analysis& base, const ProposalRun& run) {
  const std::vector<Township>& townships = base.facilities.study().townships();
  gis::Crs wgs = gis::Crs::wgs84();
  auto* srs = const_cast<OGRSpatialReference*>(&wgs.srs());
  OGRLayer* layer = ds.CreateLayer("proposals", srs, wkbPoint, nullptr);
  if (!layer) throw gis::Error(say("{}: cannot create layer proposals", file.string()));
  auto field = [&](const char* field_name, OGRFieldType type, const char* alias) {
    OGRFieldDefn f(field_name, type);
    f.SetAlternativeName(alias);
    layer->CreateField(&f);
  };
  field("rank", OFTInteger, "序号");
  field("id", OFTString, "编号");
  field("name", OFTString, "名称");
  field("township_id", OFTString, "所在乡镇代码");
  field("township_name", OFTString, "所在乡镇");
  field("type", OFTString, "类型");
  field("places", OFTReal, "托位数");
  field("cost", OFTReal, "造价");
  field("radius_m", OFTReal, "服务半径（米）");
  field("gain", OFTReal, "新增效果");
  field("objective_after", OFTReal, "累计目标值");
  field("children_newly_covered", OFTReal, "新覆盖婴幼儿数");
  field("desert_children_removed", OFTReal, "消除盲区婴幼儿数");
  field("desert_km2_removed", OFTReal, "消除盲区面积（平方公里）");
  field("township_per_1000_before", OFTReal, "所在乡镇千人口托位数（前）");
  field("township_per_1000_after", OFTReal, "所在乡镇千人口托位数（后）");
  field("alternative_id", OFTString, "备选址编号");
  field("alternative_name", OFTString, "备选址名称");
  field("alternative_gain", OFTReal, "备选址效果");
  field("alternative_change", OFTReal, "改用备选址的目标变化");
  field("alternative_distance_m", OFTReal, "备选址距离（米）");
  field("lon", OFTReal, "经度（WGS84）");
  field("lat", OFTReal, "纬度（WGS84）");
  field("gcj02_lon", OFTReal, "经度（GCJ-02）");
  field("gcj02_lat", OFTReal, "纬度（GCJ-02）");
  for (const Proposal& p : run.proposals) {
    OGRFeature f(layer->GetLayerDefn());
    f.SetField("rank", p.rank);
    f.SetField("id", p.site.id.c_str());
    f.SetField("name", p.site.name.c_str());
    if (p.site.township >= 0) {
      f.SetField("township_id", townships[size_t(p.site.township)].id.c_str());
      f.SetField("township_name", townships[size_t(p.site.township)].name.c_str());
    }
    if (!p.site.type.empty()) f.SetField("type", p.site.type.c_str());
    f.SetField("places", p.site.places);
    if (std::isfinite(p.site.cost)) f.SetField("cost", p.site.cost);
    f.SetField("radius_m", p.site.radius_m > 0 ? p.site.radius_m : run.radius_m);
    f.SetField("gain", p.gain);
    f.SetField("objective_after", p.objective_after);
    f.SetField("children_newly_covered", p.children_newly_covered);
    f.SetField("desert_children_removed", p.desert_children_removed);
    f.SetField("desert_km2_removed", p.desert_km2_removed);
    if (std::isfinite(p.township_per_1000_before)) f.SetField("township_per_1000_before", p.township_per_1000_before);
    if (std::isfinite(p.township_per_1000_after)) f.SetField("township_per_1000_after", p.township_per_1000_after);
    if (!p.alternative_id.empty()) {
      f.SetField("alternative_id", p.alternative_id.c_str());
      f.SetField("alternative_name", p.alternative_name.c_str());
      f.SetField("alternative_gain", p.alternative_gain);
      f.SetField("alternative_change", p.alternative_change);
      f.SetField("alternative_distance_m", p.alternative_distance_m);
    }
    f.SetField("lon", p.site.lon);
    f.SetField("lat", p.site.lat);
    f.SetField("gcj02_lon", p.gcj_lon);
    f.SetField("gcj02_lat", p.gcj_lat);
    OGRPoint pt(p.site.lon, p.site.lat);
    f.SetGeometry(&pt);
    if (layer->CreateFeature(&f) != OGRERR_NONE) {
      throw gis::Error(say("{}: cannot write a proposal", file.string()));
    }
  }
  OGRLayer* after = ds.CreateLayer("townships_after", srs, wkbMultiPolygon, nullptr);
  if (!after) throw gis::Error(say("{}: cannot create layer townships_after", file.string()));
  add_indicator_fields(*after, file, run.after_table.has_access);
  for (size_t i = 0; i < run.after_table.townships.size(); ++i) {
    OGRFeature f(after->GetLayerDefn());
    set_indicator_fields(f, run.after_table.townships[i], run.after_table.has_access);
    if (const auto& g = townships[i].geometry_wgs84) {
      f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g->clone()));
    }
    if (after->CreateFeature(&f) != OGRERR_NONE) {
      throw gis::Error(say("{}: cannot write townships_after", file.string()));
    }
  }
}

nlohmann::json proposals_json(const Analysis& base, const ProposalRun& run) {
  nlohmann::json j;
  j["objective"] = name(run.settings.objective);
  j["solver"] = run.solution.solver;
  j["optimal"] = run.solution.optimal;
  j["timed_out"] = run.solution.timed_out;
  j["objective_value"] = run.solution.objective;
  j["bound"] = number_or_null(run.solution.bound);
  j["gap"] = number_or_null(run.solution.gap);
  j["seconds"] = run.solution.seconds;
  j["candidates"] = run.candidates;
  j["demand_cells"] = run.demand_cells;
  j["radius_m"] = run.radius_m;
  j["infeasible"] = run.infeasible;
  j["steps"] = run.solution.steps;
  if (run.settings.budget > 0) {
    j["budget"] = run.settings.budget;
    double spent = 0;
    for (const Proposal& p : run.proposals) spent += std::isfinite(p.site.cost) ? p.site.cost : 0.0;
    j["cost"] = spent;
  }
  const std::vector<Township>& townships = base.facilities.study().townships();
  nlohmann::json sites = nlohmann::json::array();
  for (const Proposal& p : run.proposals) {
    nlohmann::json s;
    s["rank"] = p.rank;
    s["id"] = p.site.id;
    s["name"] = p.site.name;
    s["type"] = p.site.type;
    s["township_id"] = p.site.township >= 0 ? nlohmann::json(townships[size_t(p.site.township)].id) : nlohmann::json();
    s["places"] = p.site.places;
    s["cost"] = number_or_null(p.site.cost);
    s["radius_m"] = p.site.radius_m > 0 ? p.site.radius_m : run.radius_m;
    s["lon"] = p.site.lon;
    s["lat"] = p.site.lat;
    s["gain"] = p.gain;
    s["objective_after"] = p.objective_after;
    s["children_newly_covered"] = p.children_newly_covered;
    s["desert_children_removed"] = p.desert_children_removed;
    s["desert_km2_removed"] = p.desert_km2_removed;
    s["township_per_1000_before"] = number_or_null(p.township_per_1000_before);
    s["township_per_1000_after"] = number_or_null(p.township_per_1000_after);
    if (p.alternative_id.empty()) {
      s["alternative"] = nullptr;
    } else {
      s["alternative"] = {{"id", p.alternative_id},
                          {"name", p.alternative_name},
                          {"gain", p.alternative_gain},
                          {"change", p.alternative_change},
                          {"distance_m", p.alternative_distance_m}};
    }
    sites.push_back(s);
  }
  j["sites"] = sites;
  j["before"] = indicator_row_json(base.table.total, base.table.has_access);
  j["after"] = indicator_row_json(run.after_table.total, run.after_table.has_access);
  return j;
}

std::vector<fs::path> write_proposals(const fs::path& dir, const Analysis& base, const ProposalRun& run,
                                      Labels labels, const nlohmann::json& summary_extra) {
  const std::vector<Township>& townships = base.facilities.study().townships();
  gis::FileSet set(dir);  // the analysis's files and the proposals' together
  auto extra = [&](GDALDataset& ds) {
    const fs::path gpkg = dir / "tuowei.gpkg";
    add_proposal_layers(ds, gpkg, base, run);
    // On the scale of the townships before, so that the change shows as colour.
    std::vector<double> before;
    for (const IndicatorRow& r : base.table.townships) before.push_back(r.places_per_1000);
    add_layer_style(ds, gpkg, "proposals", "新址建议", proposals_qml());
    add_layer_style(ds, gpkg, "townships_after", "千人口托位数（新址建成后）",
                    graduated_fill_qml("places_per_1000", before, gis::Palette::blues));
  };
  WriteOptions wo;
  wo.labels = labels;
  wo.rasters = false;
  wo.summary_extra = summary_extra;
  std::vector<fs::path> written = write_results(dir, base, wo, extra);

  // Proposals and the township before/after table, Excel-friendly.
  const bool zh = labels == Labels::zh;
  std::string csv = "\xEF\xBB\xBF";
  csv += zh ? "序号,编号,名称,类型,所在乡镇代码,所在乡镇,托位数,造价,服务半径（米）,新增效果,累计目标值,"
              "新覆盖婴幼儿数,消除盲区婴幼儿数,消除盲区面积（平方公里）,所在乡镇千人口托位数（前）,"
              "所在乡镇千人口托位数（后）,备选址编号,备选址名称,备选址效果,改用备选址的目标变化,备选址距离（米）,"
              "经度（WGS84）,纬度（WGS84）,经度（GCJ-02）,纬度（GCJ-02）\r\n"
            : "rank,id,name,type,township_id,township_name,places,cost,radius_m,gain,objective_after,"
              "children_newly_covered,desert_children_removed,desert_km2_removed,township_per_1000_before,"
              "township_per_1000_after,alternative_id,alternative_name,alternative_gain,alternative_change,alternative_distance_m,"
              "lon,lat,gcj02_lon,gcj02_lat\r\n";
  for (const Proposal& p : run.proposals) {
    const Township* t = p.site.township >= 0 ? &townships[size_t(p.site.township)] : nullptr;
    const bool alt = !p.alternative_id.empty();
    csv += fmt::format("{},{},{},{},{},{},{:.0f},{},{:.0f},{:.1f},{:.1f},{:.1f},{:.1f},{},{},{},{},{},{},{},{},"
                       "{:.6f},{:.6f},{:.6f},{:.6f}\r\n",
                       p.rank, csv_quote(p.site.id), csv_quote(p.site.name), csv_quote(p.site.type),
                       t ? csv_quote(t->id) : "", t ? csv_quote(t->name) : "", p.site.places, fixed(p.site.cost, 0),
                       p.site.radius_m > 0 ? p.site.radius_m : run.radius_m, p.gain, p.objective_after,
                       p.children_newly_covered, p.desert_children_removed, fixed(p.desert_km2_removed, 3),
                       fixed(p.township_per_1000_before, 2), fixed(p.township_per_1000_after, 2),
                       alt ? csv_quote(p.alternative_id) : "", alt ? csv_quote(p.alternative_name) : "",
                       alt ? fixed(p.alternative_gain, 1) : "", alt ? fixed(p.alternative_change, 1) : "",
                       alt ? fixed(p.alternative_distance_m, 0) : "",
                       p.site.lon, p.site.lat, p.gcj_lon, p.gcj_lat);
  }
  write_text(dir / "proposals.csv", csv);
  written.push_back(dir / "proposals.csv");

  std::string ba = "\xEF\xBB\xBF";
  ba += zh ? "区划代码,名称,上级名称,新增选址数,托位数（前）,托位数（后）,千人口托位数（前）,千人口托位数（后）,"
             "服务覆盖率（前）,服务覆盖率（后）,服务盲区婴幼儿数（前）,服务盲区婴幼儿数（后）\r\n"
           : "id,name,parent_name,new_sites,places_before,places_after,places_per_1000_before,places_per_1000_after,"
             "coverage_rate_before,coverage_rate_after,children_in_deserts_before,children_in_deserts_after\r\n";
  std::vector<int> new_sites(run.after_table.townships.size(), 0);
  for (const Proposal& p : run.proposals) {
    if (p.site.township >= 0) ++new_sites[size_t(p.site.township)];
  }
  for (size_t i = 0; i < run.after_table.townships.size(); ++i) {
    const IndicatorRow& b = base.table.townships[i];
    const IndicatorRow& a = run.after_table.townships[i];
    ba += fmt::format("{},{},{},{},{:.0f},{:.0f},{},{},{},{},{:.0f},{:.0f}\r\n", csv_quote(b.id), csv_quote(b.name),
                      csv_quote(b.parent_name), new_sites[i], b.places, a.places, fixed(b.places_per_1000, 2),
                      fixed(a.places_per_1000, 2), fixed(b.coverage_rate, 4), fixed(a.coverage_rate, 4),
                      b.children_in_deserts, a.children_in_deserts);
  }
  write_text(dir / "townships_before_after.csv", ba);
  written.push_back(dir / "townships_before_after.csv");
  write_text(dir / "proposals.txt", run.summary_zh);
  written.push_back(dir / "proposals.txt");

  write_json(dir / "proposals.json", proposals_json(base, run));
  written.push_back(dir / "proposals.json");
  set.commit();
  return written;
}

}  // namespace tuowei::planner
