#include "planner/siting.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>

#include "gis/atomic_file.h"
#include "gis/china_offsets.h"
#include "gis/error.h"
#include "gis/floating_catchment.h"
#include "gis/point_index.h"
#include "gis/spatial_index.h"
#include "gis/vector.h"
#include "planner/demand_grid.h"

namespace fs = std::filesystem;

namespace tuowei::planner {
namespace {

// Populated cells of the under-3 grid, kept in memory as demand points.
struct DemandCells {
  std::vector<double> x, y, children;
};

DemandCells load_demand(const Project& project, const StudyArea& area, const Progress& progress) {
  ChildrenLayers layers = open_children(project);
  CellStream stream(layers, area.metric_crs);
  CellStream::Strip strip;
  DemandCells d;
  for (int s = 0; s < stream.strips(); ++s) {
    stream.read(s, strip);
    for (size_t i = 0; i < strip.populated.size(); ++i) {
      d.x.push_back(strip.x[i]);
      d.y.push_back(strip.y[i]);
      d.children.push_back(strip.children[strip.populated[i]]);
    }
    if (progress) progress("demand cells", double(s + 1) / stream.strips());
  }
  return d;
}

bool parse_number(const std::string& text, double& out) {
  std::string s;
  for (char c : text) {
    if (c != ',' && c != ' ') s += c;
  }
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size() && std::isfinite(out);
}

std::vector<Candidate> read_candidates(const Project& project, const StudyArea& area, Problems& problems) {
  const ProposalConfig& c = project.proposals;
  std::vector<Candidate> out;
  gis::VectorTable t;
  try {
    t = gis::read_vector({c.candidates, c.candidates_layer, c.candidates_encoding});
  } catch (const gis::Error& e) {
    problems.error("[proposals] candidates", e.what());
    return out;
  }
  gis::Crs crs;
  try {
    crs = c.candidates_crs.empty() ? t.crs : gis::Crs::parse(c.candidates_crs);
  } catch (const gis::Error& e) {
    problems.error(t.source, e.what());
    return out;
  }
  if (!crs.valid()) {
    problems.error(t.source, "has no CRS", "add candidates_crs = \"GCJ-02\" (or EPSG:...) under [proposals]");
    return out;
  }
  gis::CoordinateTransform to_wgs(crs, gis::Crs::wgs84());
  int xf = t.field_index(c.candidate_x_field), yf = t.field_index(c.candidate_y_field);
  int idf = t.field_index(c.candidate_id_field), nf = t.field_index(c.candidate_name_field);
  int pf = t.field_index(c.candidate_places_field), cf = t.field_index(c.candidate_cost_field);
  for (auto& rec : t.records) {
    std::string where = fmt::format("{}, record {}", t.source, rec.number);
    auto text = [&](int f) { return f >= 0 && rec.values[f] ? *rec.values[f] : std::string(); };
    Candidate k;
    k.id = text(idf).empty() ? fmt::format("C{}", rec.number) : text(idf);
    k.name = text(nf);
    k.places = c.places;
    double x = 0, y = 0;
    if (xf >= 0 && yf >= 0) {
      if (!parse_number(text(xf), x) || !parse_number(text(yf), y)) {
        problems.record_error(where, fmt::format("coordinates '{}', '{}' are not numbers", text(xf), text(yf)));
        continue;
      }
    } else if (rec.geometry && !rec.geometry->IsEmpty()) {
      // Polygons (a vacant building's footprint...) stand for a point inside them.
      OGRGeometryUniquePtr p(OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(rec.geometry.get()))));
      if (!p || wkbFlatten(p->getGeometryType()) != wkbPoint) {
        problems.record_error(where, "has no usable geometry");
        continue;
      }
      x = p->toPoint()->getX();
      y = p->toPoint()->getY();
    } else {
      problems.record_error(where, fmt::format("has neither a geometry nor {}/{} fields", c.candidate_x_field,
                                               c.candidate_y_field));
      continue;
    }
    if (!to_wgs.apply(x, y) || !(check_china_lonlat(x, y).empty())) {
      problems.record_error(where, fmt::format("position ({}, {}) is outside China after conversion from {}", x, y,
                                               crs.name()));
      continue;
    }
    k.lon = x;
    k.lat = y;
    if (pf >= 0 && !text(pf).empty()) {
      if (!parse_number(text(pf), k.places) || !(k.places > 0)) {
        problems.record_error(where, fmt::format("{} '{}' must be a number of places > 0", c.candidate_places_field,
                                                 text(pf)));
        continue;
      }
    }
    if (cf >= 0 && !text(cf).empty() && !parse_number(text(cf), k.cost)) {
      problems.warning(where, fmt::format("{} '{}' is not a number; ignored", c.candidate_cost_field, text(cf)));
    }
    out.push_back(k);
  }
  return out;
}

// Centres of coarse metric cells that hold under-3s, best first.
std::vector<Candidate> generate_candidates(const Project& project, const StudyArea& area, const DemandCells& d,
                                           const std::vector<double>& weight) {
  const ProposalConfig& c = project.proposals;
  const double s = c.generate_cell_m;
  std::map<std::pair<long long, long long>, std::pair<double, double>> cells;  // children, weight
  for (size_t i = 0; i < d.x.size(); ++i) {
    auto key = std::make_pair((long long)std::floor(d.x[i] / s), (long long)std::floor(d.y[i] / s));
    auto& v = cells[key];
    v.first += d.children[i];
    v.second += weight[i];
  }
  struct Item {
    double weight, children;
    long long ix, iy;
  };
  std::vector<Item> items;
  for (const auto& [k, v] : cells) {
    if (v.first >= c.generate_min_children) items.push_back({v.second, v.first, k.first, k.second});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    if (a.children != b.children) return a.children > b.children;
    return std::tie(a.ix, a.iy) < std::tie(b.ix, b.iy);
  });
  std::vector<double> fx, fy;
  facility_positions(area, fx, fy);
  gis::PointIndex existing(fx, fy);
  std::vector<OGRGeometryUniquePtr> excluded;
  std::vector<const OGRGeometry*> excluded_ptrs;
  if (!c.exclude.empty()) {
    gis::VectorTable t = gis::read_vector({c.exclude, "", "auto"});
    gis::CoordinateTransform to_wgs(t.crs.valid() ? t.crs : gis::Crs::wgs84(), gis::Crs::wgs84());
    for (auto& r : t.records) {
      if (!r.geometry) continue;
      to_wgs.apply(*r.geometry);
      excluded_ptrs.push_back(r.geometry.get());
      excluded.push_back(std::move(r.geometry));
    }
  }
  gis::PolygonIndex exclusion(excluded_ptrs);
  std::vector<const OGRGeometry*> towns;
  for (const Township& t : area.townships) towns.push_back(t.geometry_wgs84.get());
  gis::PolygonIndex township_index(towns);
  gis::CoordinateTransform to_wgs(area.metric_crs, gis::Crs::wgs84());

  std::vector<Candidate> out;
  std::vector<gis::Neighbour> near;
  for (const Item& it : items) {
    if (int(out.size()) >= c.max_candidates) break;
    Candidate k;
    k.generated = true;
    k.x = (double(it.ix) + 0.5) * s;
    k.y = (double(it.iy) + 0.5) * s;
    if (c.min_distance_m > 0) {
      existing.within(k.x, k.y, c.min_distance_m, near);
      if (!near.empty()) continue;
    }
    k.lon = k.x;
    k.lat = k.y;
    to_wgs.apply(k.lon, k.lat);
    if (exclusion.locate(k.lon, k.lat) >= 0) continue;
    k.township = township_index.locate(k.lon, k.lat);
    if (k.township < 0) continue;
    k.places = c.places;
    k.id = fmt::format("G{}", out.size() + 1);
    out.push_back(k);
  }
  return out;
}

std::string pct(double v) { return std::isnan(v) ? "-" : fmt::format("{:.1f}%", v * 100); }
std::string fixed(double v, int d) { return std::isnan(v) ? "-" : fmt::format("{:.{}f}", v, d); }

std::string objective_zh(const std::string& o) {
  if (o == "coverage") return "最大覆盖";
  if (o == "capacitated") return "容量约束覆盖";
  if (o == "setcover") return "最少设施覆盖";
  return "最小化加权距离（p-中位）";
}

std::string write_summary_zh(const ProposalRun& run, const Project& project, double radius) {
  const IndicatorRow& b = run.before.table.total;
  const IndicatorRow& a = run.after.total;
  double places = 0;
  for (const Proposal& p : run.proposals) places += p.site.places;
  std::string s = fmt::format("{}：新建普惠托育机构选址建议\n", project.name);
  s += fmt::format("目标：{}（服务半径{:.0f}米），建议新增{}处，每处按托育机构设置标准配置托位，共新增托位{:.0f}个。\n",
                   objective_zh(run.objective), radius, run.proposals.size(), places);
  const auto& sol = run.solution;
  if (sol.solver == "CBC") {
    s += sol.optimal ? "求解：混合整数规划（CBC）精确求解，已证明为最优方案。\n"
                     : fmt::format("求解：混合整数规划（CBC），达到时间上限，与最优解差距不超过{}。\n", pct(sol.gap));
  } else {
    s += sol.optimal ? "求解：贪心算法，已证明为最优方案。\n"
                     : fmt::format("求解：贪心算法（惰性评估），与最优解差距不超过{}。\n", pct(sol.gap));
  }
  s += fmt::format("效果：千人口托位数由{}提高到{}；服务覆盖率由{}提高到{}；普惠服务覆盖率由{}提高到{}；"
                   "服务盲区内0-3岁婴幼儿由{:.0f}人减少到{:.0f}人；达到{}个/千人目标尚缺托位由{:.0f}个减少到{:.0f}个。\n",
                   fixed(b.places_per_1000, 2), fixed(a.places_per_1000, 2), pct(b.coverage_rate),
                   pct(a.coverage_rate), pct(b.inclusive_coverage_rate), pct(a.inclusive_coverage_rate),
                   b.children_in_deserts, a.children_in_deserts, run.before.table.target_places_per_1000,
                   b.places_needed, a.places_needed);
  s += "各选址（按新增效果排序）：\n";
  for (const Proposal& p : run.proposals) {
    std::string town = p.site.township >= 0 ? run.before.area.townships[p.site.township].name : "（区外）";
    s += fmt::format("  {}. {}{}，经纬度（WGS84）{:.6f}, {:.6f}（GCJ-02 {:.6f}, {:.6f}），托位{:.0f}个，{}{:.0f}。\n",
                     p.rank, town, p.site.name.empty() ? "" : "·" + p.site.name, p.site.lon, p.site.lat, p.gcj_lon,
                     p.gcj_lat, p.site.places, run.objective == "pmedian" ? "减少加权距离（人·米）" : "新增服务婴幼儿",
                     p.gain);
  }
  for (const std::string& t : run.infeasible) s += fmt::format("注意：{}\n", t);
  return s;
}

void write_text(const fs::path& file, const std::string& text) {
  gis::AtomicFile out(file);
  {
    std::ofstream os(out.temp_path(), std::ios::binary);
    os << text;
    if (!os.flush()) throw gis::Error(fmt::format("{}: write failed", file.string()));
  }
  out.commit();
}

void write_outputs(ProposalRun& run, const Project& project, const ProposalOptions& options) {
  fs::create_directories(options.out_dir);
  const fs::path gpkg = options.out_dir / "tuowei.gpkg";
  auto extra = [&](GDALDataset& ds) {
    gis::Crs wgs = gis::Crs::wgs84();
    auto* srs = const_cast<OGRSpatialReference*>(&wgs.srs());
    OGRLayer* layer = ds.CreateLayer("proposals", srs, wkbPoint, nullptr);
    if (!layer) throw gis::Error(fmt::format("{}: cannot create layer proposals", gpkg.string()));
    auto field = [&](const char* name, OGRFieldType type, const char* alias) {
      OGRFieldDefn f(name, type);
      f.SetAlternativeName(alias);
      layer->CreateField(&f);
    };
    field("rank", OFTInteger, "序号");
    field("id", OFTString, "编号");
    field("name", OFTString, "名称");
    field("township_id", OFTString, "所在乡镇代码");
    field("township_name", OFTString, "所在乡镇");
    field("places", OFTReal, "托位数");
    field("gain", OFTReal, "新增效果");
    field("objective_after", OFTReal, "累计目标值");
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
        f.SetField("township_id", run.before.area.townships[p.site.township].id.c_str());
        f.SetField("township_name", run.before.area.townships[p.site.township].name.c_str());
      }
      f.SetField("places", p.site.places);
      f.SetField("gain", p.gain);
      f.SetField("objective_after", p.objective_after);
      f.SetField("lon", p.site.lon);
      f.SetField("lat", p.site.lat);
      f.SetField("gcj02_lon", p.gcj_lon);
      f.SetField("gcj02_lat", p.gcj_lat);
      OGRPoint pt(p.site.lon, p.site.lat);
      f.SetGeometry(&pt);
      if (layer->CreateFeature(&f) != OGRERR_NONE) throw gis::Error(fmt::format("{}: cannot write a proposal", gpkg.string()));
    }
    OGRLayer* after = ds.CreateLayer("townships_after", srs, wkbMultiPolygon, nullptr);
    add_indicator_fields(*after, gpkg, run.after.has_access);
    for (size_t i = 0; i < run.after.townships.size(); ++i) {
      OGRFeature f(after->GetLayerDefn());
      set_indicator_fields(f, run.after.townships[i], run.after.has_access);
      if (const auto& g = run.before.area.townships[i].geometry_wgs84) {
        f.SetGeometry(OGRGeometryFactory::forceToMultiPolygon(g->clone()));
      }
      if (after->CreateFeature(&f) != OGRERR_NONE) {
        throw gis::Error(fmt::format("{}: cannot write townships_after", gpkg.string()));
      }
    }
  };
  write_geopackage(gpkg, run.before.area, run.before.table, run.before.access ? &*run.before.access : nullptr, extra);
  run.written.push_back(gpkg);

  // Proposals and the township before/after table, Excel-friendly.
  std::string csv = "\xEF\xBB\xBF";
  bool zh = options.labels == Labels::zh;
  csv += zh ? "序号,编号,名称,所在乡镇代码,所在乡镇,托位数,新增效果,累计目标值,经度（WGS84）,纬度（WGS84）,经度（GCJ-02）,纬度（GCJ-02）\r\n"
            : "rank,id,name,township_id,township_name,places,gain,objective_after,lon,lat,gcj02_lon,gcj02_lat\r\n";
  for (const Proposal& p : run.proposals) {
    const Township* t = p.site.township >= 0 ? &run.before.area.townships[p.site.township] : nullptr;
    csv += fmt::format("{},{},{},{},{},{:.0f},{:.1f},{:.1f},{:.6f},{:.6f},{:.6f},{:.6f}\r\n", p.rank, p.site.id,
                       p.site.name, t ? t->id : "", t ? t->name : "", p.site.places, p.gain, p.objective_after,
                       p.site.lon, p.site.lat, p.gcj_lon, p.gcj_lat);
  }
  write_text(options.out_dir / "proposals.csv", csv);
  run.written.push_back(options.out_dir / "proposals.csv");

  std::string ba = "\xEF\xBB\xBF";
  ba += zh ? "区划代码,名称,上级名称,新增选址数,托位数（前）,托位数（后）,千人口托位数（前）,千人口托位数（后）,"
             "服务覆盖率（前）,服务覆盖率（后）,服务盲区婴幼儿数（前）,服务盲区婴幼儿数（后）\r\n"
           : "id,name,parent_name,new_sites,places_before,places_after,places_per_1000_before,places_per_1000_after,"
             "coverage_rate_before,coverage_rate_after,children_in_deserts_before,children_in_deserts_after\r\n";
  std::vector<int> new_sites(run.after.townships.size(), 0);
  for (const Proposal& p : run.proposals) {
    if (p.site.township >= 0) ++new_sites[p.site.township];
  }
  for (size_t i = 0; i < run.after.townships.size(); ++i) {
    const IndicatorRow& b = run.before.table.townships[i];
    const IndicatorRow& a = run.after.townships[i];
    ba += fmt::format("{},{},{},{},{:.0f},{:.0f},{},{},{},{},{:.0f},{:.0f}\r\n", b.id, b.name, b.parent_name,
                      new_sites[i], b.places, a.places, fixed(b.places_per_1000, 2), fixed(a.places_per_1000, 2),
                      fixed(b.coverage_rate, 4), fixed(a.coverage_rate, 4), b.children_in_deserts,
                      a.children_in_deserts);
  }
  write_text(options.out_dir / "townships_before_after.csv", ba);
  run.written.push_back(options.out_dir / "townships_before_after.csv");
  write_text(options.out_dir / "proposals.txt", run.summary_zh);
  run.written.push_back(options.out_dir / "proposals.txt");

  nlohmann::json j;
  j["objective"] = run.objective;
  j["solver"] = run.solution.solver;
  j["optimal"] = run.solution.optimal;
  j["timed_out"] = run.solution.timed_out;
  j["objective_value"] = run.solution.objective;
  j["bound"] = std::isnan(run.solution.bound) ? nlohmann::json(nullptr) : nlohmann::json(run.solution.bound);
  j["gap"] = std::isnan(run.solution.gap) ? nlohmann::json(nullptr) : nlohmann::json(run.solution.gap);
  j["seconds"] = run.solution.seconds;
  j["candidates"] = run.candidates;
  j["demand_cells"] = run.demand_cells;
  j["infeasible"] = run.infeasible;
  j["before"] = indicator_row_json(run.before.table.total, run.before.table.has_access);
  j["after"] = indicator_row_json(run.after.total, run.after.has_access);
  write_json(options.out_dir / "proposals.json", j);
  run.written.push_back(options.out_dir / "proposals.json");
}

}  // namespace

ProposalRun run_proposals(const fs::path& project_file, const ProposalOptions& options) {
  ProposalRun run;
  auto progress = [&](const std::string& stage, double f) {
    if (options.progress) options.progress(stage, f);
  };
  IndicatorOptions io;
  io.access = true;
  io.skip_bad_records = options.skip_bad_records;
  io.radius_m = options.radius_m;
  io.progress = options.progress;
  run.before = run_indicators(project_file, io);
  Project& project = run.before.project;
  ProposalConfig& cfg = project.proposals;
  if (options.sites) cfg.sites = *options.sites;
  if (options.objective) cfg.objective = *options.objective;
  if (options.solver) cfg.solver = *options.solver;
  if (options.places) cfg.places = *options.places;
  if (options.time_limit_s) cfg.time_limit_s = *options.time_limit_s;
  run.objective = cfg.objective;
  StudyArea& area = run.before.area;
  Problems& problems = run.before.problems;

  Problems bad;
  if (cfg.objective != "coverage" && cfg.objective != "capacitated" && cfg.objective != "setcover" &&
      cfg.objective != "pmedian") {
    bad.error("[proposals] objective", fmt::format("'{}' is not an objective", cfg.objective),
              "use coverage, capacitated, setcover or pmedian");
  }
  if (cfg.objective != "setcover" && cfg.sites < 1) bad.error("[proposals] sites", "must be at least 1");
  if (!(cfg.places > 0)) {
    bad.error("[proposals] places", fmt::format("places per new site must be > 0, not {}", cfg.places));
  }
  if (!project.access.cost_table.empty()) {
    bad.error("[access] cost_table", "site proposals need straight-line distances (candidates are not in a cost table)",
              "remove cost_table or give --radius");
  }
  gis::SolveOptions so;
  try {
    so.solver = gis::parse_solver(cfg.solver);
  } catch (const gis::Error& e) {
    bad.error("[proposals] solver", e.what());
  }
  so.time_limit_s = cfg.time_limit_s;
  if (bad.has_errors()) throw InputError(bad);
  const double radius = project.access.radius_m;

  // Demand: the populated cells, and what existing facilities already do.
  DemandCells demand = load_demand(project, area, options.progress);
  run.demand_cells = demand.x.size();
  std::vector<double> fx, fy, fplaces;
  facility_positions(area, fx, fy);
  for (const Facility& f : area.facilities) fplaces.push_back(f.places);
  gis::CoordinateTransform to_metric(gis::Crs::wgs84(), area.metric_crs);
  gis::PointIndex existing(fx, fy);
  std::vector<double> weight(demand.x.size(), 0.0);
  std::vector<gis::Neighbour> near;
  const size_t n = demand.x.size();
  if (cfg.objective == "coverage" || cfg.objective == "setcover") {
    for (size_t i = 0; i < n; ++i) {
      existing.within(demand.x[i], demand.y[i], radius, near);
      weight[i] = near.empty() ? demand.children[i] : 0.0;  // only children not yet covered count
    }
  } else if (cfg.objective == "capacitated") {
    // Children not matched by existing places, as 2SFCA apportions them.
    gis::DistanceDecay decay;
    decay.threshold = radius;
    gis::FloatingCatchment fca(fplaces, decay);
    for (size_t i = 0; i < n; ++i) {
      existing.within(demand.x[i], demand.y[i], radius, near);
      fca.add_demand(demand.children[i], near);
    }
    fca.finish_step1();
    for (size_t i = 0; i < n; ++i) {
      existing.within(demand.x[i], demand.y[i], radius, near);
      double a = fca.accessibility(near);
      weight[i] = demand.children[i] * std::max(0.0, 1.0 - (std::isnan(a) ? 0.0 : a));
    }
  } else {
    weight = demand.children;
  }
  progress("candidates", 0.0);

  std::vector<Candidate> cands;
  if (!cfg.candidates.empty()) {
    cands = read_candidates(project, area, bad);
    if (options.skip_bad_records) bad.skip_bad_records();
    for (Candidate& k : cands) {
      k.x = k.lon;
      k.y = k.lat;
      to_metric.apply(k.x, k.y);
      OGRPoint pt(k.lon, k.lat);
      for (size_t t = 0; t < area.townships.size() && k.township < 0; ++t) {
        if (area.townships[t].geometry_wgs84 && area.townships[t].geometry_wgs84->Intersects(&pt)) k.township = int(t);
      }
    }
  } else {
    try {
      cands = generate_candidates(project, area, demand, weight);
    } catch (const gis::Error& e) {
      bad.error("[proposals] exclude", e.what());
    }
  }
  problems.append(bad);
  if (bad.has_errors()) throw InputError(problems);
  run.candidates = cands.size();
  if (cands.empty()) {
    Problems p;
    p.error("[proposals]", "no candidate site", cfg.candidates.empty()
                                                     ? "lower generate_min_children or min_distance_m, or give candidates"
                                                     : "check the candidates layer");
    throw InputError(p);
  }
  if (cfg.objective != "setcover" && size_t(cfg.sites) > cands.size()) {
    Problems p;
    p.error("[proposals] sites", fmt::format("{} sites asked for but there are only {} candidates", cfg.sites,
                                             cands.size()),
            "ask for fewer sites or give more candidates");
    throw InputError(p);
  }

  // The instance: each candidate's reach over demand points.
  gis::LocationProblem pb;
  if (cfg.objective == "pmedian") {
    // Demand aggregated to the candidate grid's coarse cells (distances are
    // about kilometres here); current cost = distance to the nearest existing
    // facility, capped.
    const double s = cfg.generate_cell_m, cap = cfg.pmedian_max_distance_m;
    std::map<std::pair<long long, long long>, std::array<double, 3>> coarse;
    for (size_t i = 0; i < n; ++i) {
      auto& v = coarse[{(long long)std::floor(demand.x[i] / s), (long long)std::floor(demand.y[i] / s)}];
      v[0] += demand.children[i];
      v[1] += demand.children[i] * demand.x[i];
      v[2] += demand.children[i] * demand.y[i];
    }
    std::vector<double> cx, cy;
    for (const auto& [k, v] : coarse) {
      cx.push_back(v[1] / v[0]);
      cy.push_back(v[2] / v[0]);
      pb.weight.push_back(v[0]);
      existing.within(cx.back(), cy.back(), cap, near);
      double d = cap;
      for (const auto& [j, dist] : near) d = std::min(d, dist);
      pb.current_cost.push_back(d);
    }
    gis::PointIndex index(cx, cy);
    for (const Candidate& k : cands) {
      index.within(k.x, k.y, cap, near);
      pb.reach.push_back(near);
    }
  } else {
    // Only demand points that can gain are indexed.
    std::vector<double> px, py;
    std::vector<int> id;
    for (size_t i = 0; i < n; ++i) {
      if (weight[i] > 0) {
        px.push_back(demand.x[i]);
        py.push_back(demand.y[i]);
        id.push_back(int(i));
        pb.weight.push_back(weight[i]);
      }
    }
    gis::PointIndex index(px, py);
    for (const Candidate& k : cands) {
      index.within(k.x, k.y, radius, near);
      pb.reach.push_back(near);
      pb.capacity.push_back(k.places);
    }
  }
  const bool by_places = cfg.objective == "setcover" && cfg.setcover_target == "places";
  if (pb.pairs() == 0 && !by_places) {
    Problems p;
    p.error("[proposals]", fmt::format("no candidate reaches any child {} within {:.0f} m",
                                       cfg.objective == "pmedian" ? "" : "not yet served", radius),
            "give candidates nearer to where the children live, or a larger radius");
    throw InputError(p);
  }
  progress("solving", 0.0);
  if (cfg.objective == "coverage") {
    run.solution = gis::max_coverage(pb, cfg.sites, so);
    run.objective_unit = "children newly covered";
  } else if (cfg.objective == "capacitated") {
    run.solution = gis::max_capacitated_coverage(pb, cfg.sites, so);
    run.objective_unit = "children newly served";
  } else if (cfg.objective == "pmedian") {
    run.solution = gis::p_median(pb, cfg.sites, so);
    run.objective_unit = "children x metres to the nearest facility";
  } else if (by_places) {
    // Every township to the places-per-1,000 target: per township, the
    // fewest candidates whose places cover its need (largest first).
    run.objective_unit = "sites";
    std::vector<std::vector<int>> by_town(area.townships.size());
    for (size_t j = 0; j < cands.size(); ++j) {
      if (cands[j].township >= 0) by_town[cands[j].township].push_back(int(j));
    }
    for (size_t t = 0; t < area.townships.size(); ++t) {
      double need = run.before.table.townships[t].places_needed;
      if (need <= 0) continue;
      auto& list = by_town[t];
      std::stable_sort(list.begin(), list.end(), [&](int a, int b) { return cands[a].places > cands[b].places; });
      double got = 0;
      for (int j : list) {
        if (got >= need) break;
        run.solution.sites.push_back(j);
        run.solution.gain.push_back(cands[j].places);
        got += cands[j].places;
      }
      if (got < need) {
        run.infeasible.push_back(fmt::format(
            "{}（{}）需新增{:.0f}个托位，候选点只能提供{:.0f}个：{}", area.townships[t].name, area.townships[t].id, need,
            got, list.empty() ? "该乡镇没有候选点" : "候选点托位不足"));
      }
    }
    double acc = 0;
    for (double g : run.solution.gain) run.solution.objective_after.push_back(acc += g);
    run.solution.objective = double(run.solution.sites.size());
    run.solution.optimal = true;  // per township, largest capacities first is the fewest
    run.solution.gap = 0;
    run.solution.bound = run.solution.objective;
    run.solution.solver = "per-township exact (largest capacities first)";
  } else {
    double total = 0, covered = 0;
    for (size_t i = 0; i < n; ++i) {
      total += demand.children[i];
      if (weight[i] == 0) covered += demand.children[i];
    }
    double required = cfg.coverage_target * total - covered;
    run.objective_unit = "sites";
    if (required > 0) {
      run.solution = gis::min_sites_for_coverage(pb, required, so);
      if (!run.solution.feasible) {
        double reached = covered + (run.solution.objective_after.empty() ? 0.0 : run.solution.objective_after.back());
        run.infeasible.push_back(fmt::format("全部{}个候选点也只能使服务覆盖率达到{:.1f}%，达不到目标{:.1f}%",
                                             cands.size(), 100.0 * reached / total, 100.0 * cfg.coverage_target));
      }
    } else {
      run.solution.optimal = true;
      run.solution.solver = "none needed";
    }
  }
  for (size_t k = 0; k < run.solution.sites.size(); ++k) {
    Proposal p;
    p.rank = int(k) + 1;
    p.site = cands[run.solution.sites[k]];
    gis::LonLat g = gis::wgs84_to_gcj02({p.site.lon, p.site.lat});
    p.gcj_lon = g.lon;
    p.gcj_lat = g.lat;
    p.gain = k < run.solution.gain.size() ? run.solution.gain[k] : 0.0;
    p.objective_after = k < run.solution.objective_after.size() ? run.solution.objective_after[k] : 0.0;
    run.proposals.push_back(p);
  }

  // After: the same analysis with the proposals built.
  progress("after the proposals", 0.0);
  size_t before_count = area.facilities.size();
  for (const Proposal& p : run.proposals) {
    Facility f;
    f.id = p.site.id;
    f.name = p.site.name.empty() ? fmt::format("拟建普惠托育机构{}", p.rank) : p.site.name;
    f.type = "拟建普惠托育机构";
    f.places = p.site.places;
    f.enrolled = NAN;
    f.inclusive = true;
    f.lon = p.site.lon;
    f.lat = p.site.lat;
    add_facility(area, f);
  }
  run.after = compute_indicators(area, run.before.population, project.targets.places_per_1000);
  AccessOptions ao;
  ao.progress = options.progress;
  Problems after_problems;
  run.access_after = compute_access(project, area, run.before.population, ao, after_problems);
  add_access_columns(run.after, run.access_after->townships);
  area.facilities.resize(before_count);

  run.summary_zh = write_summary_zh(run, project, radius);
  if (!options.out_dir.empty()) write_outputs(run, project, options);
  return run;
}

}  // namespace tuowei::planner
