#include "planner/outputs.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "gis/atomic_file.h"
#include "gis/crs.h"
#include "gis/error.h"
#include "gis/gdal_env.h"
#include "planner/access.h"
#include "planner/qgis_styles.h"
#include "planner/say.h"

namespace fs = std::filesystem;

namespace tuowei::planner {
namespace {

enum class Kind { text, integer, real };

struct ColumnSpec {
  Column column;
  Kind kind;
  int precision;  // decimals in CSV
};

const std::vector<ColumnSpec>& base_specs() {
  static const std::vector<ColumnSpec> s = {
      {{"id", "区划代码"}, Kind::text, 0},
      {{"name", "名称"}, Kind::text, 0},
      {{"parent_id", "上级代码"}, Kind::text, 0},
      {{"parent_name", "上级名称"}, Kind::text, 0},
      {{"area_km2", "面积（平方公里）"}, Kind::real, 2},
      {{"population", "常住人口"}, Kind::real, 0},
      {{"children_0_3", "0-3岁婴幼儿数"}, Kind::real, 0},
      {{"facilities", "托育机构数"}, Kind::integer, 0},
      {{"places", "托位数"}, Kind::real, 0},
      {{"inclusive_places", "普惠托位数"}, Kind::real, 0},
      {{"enrolled", "在托人数"}, Kind::real, 0},
      {{"places_per_1000", "千人口托位数"}, Kind::real, 2},
      {{"enrolment_rate", "婴幼儿入托率"}, Kind::real, 4},
      {{"inclusive_share", "普惠托位占比"}, Kind::real, 4},
      {{"places_needed", "达标尚缺托位数"}, Kind::real, 0},
      {{"places_per_100_children", "每百名婴幼儿托位数"}, Kind::real, 2},
      {{"places_needed_for_share", "按入托意愿尚缺托位数"}, Kind::real, 0},
      {{"rank_in_parent", "县区内排名"}, Kind::integer, 0},
      {{"rank_overall", "全域排名"}, Kind::integer, 0},
      {{"population_data_share", "人口数据覆盖率"}, Kind::real, 4},
      {{"year", "人口年份"}, Kind::integer, 0},
      {{"population_source", "常住人口来源"}, Kind::text, 0},
      {{"children_source", "婴幼儿数来源"}, Kind::text, 0},
      {{"grid_population", "格网常住人口"}, Kind::real, 0},
      {{"grid_children_0_3", "格网0-3岁婴幼儿数"}, Kind::real, 0},
      {{"population_vs_grid", "常住人口官方与格网之比"}, Kind::real, 4},
      {{"children_vs_grid", "婴幼儿数官方与格网之比"}, Kind::real, 4},
  };
  return s;
}

const std::vector<ColumnSpec>& access_specs() {
  static const std::vector<ColumnSpec> s = [] {
    std::vector<ColumnSpec> v = base_specs();
    v.insert(v.end(), {
                          {{"children_covered", "服务半径内婴幼儿数"}, Kind::real, 0},
                          {{"coverage_rate", "服务覆盖率"}, Kind::real, 4},
                          {{"inclusive_coverage_rate", "普惠服务覆盖率"}, Kind::real, 4},
                          {{"access_2sfca", "可达性（每名婴幼儿托位数）"}, Kind::real, 5},
                          {{"access_index", "可达性指数"}, Kind::real, 4},
                          {{"children_in_deserts", "服务盲区婴幼儿数"}, Kind::real, 0},
                          {{"desert_area_km2", "服务盲区面积（平方公里）"}, Kind::real, 3},
                      });
    return v;
  }();
  return s;
}

const std::vector<ColumnSpec>& specs(bool with_access) { return with_access ? access_specs() : base_specs(); }

// Values of a row in column order: text, or a number (NaN = empty).
struct Cell {
  std::string text;
  double number = NAN;
};

std::vector<Cell> cells(const IndicatorRow& r, bool with_access) {
  auto n = [](double v) { return Cell{{}, v}; };
  auto rank = [](int v) { return Cell{{}, v > 0 ? double(v) : NAN}; };
  std::vector<Cell> out = {Cell{r.id},
                           Cell{r.name},
                           Cell{r.parent_id},
                           Cell{r.parent_name},
                           n(r.area_km2),
                           n(r.population),
                           n(r.children_0_3),
                           n(double(r.facilities)),
                           n(r.places),
                           n(r.inclusive_places),
                           n(r.enrolled),
                           n(r.places_per_1000),
                           n(r.enrolment_rate),
                           n(r.inclusive_share),
                           n(r.places_needed),
                           n(r.places_per_100_children),
                           n(r.places_needed_for_share),
                           rank(r.rank_in_parent),
                           rank(r.rank_overall),
                           n(r.population_data_share),
                           Cell{{}, r.year > 0 ? double(r.year) : NAN},
                           Cell{r.population_source},
                           Cell{r.children_source},
                           n(r.grid_population),
                           n(r.grid_children_0_3),
                           n(r.population_vs_grid),
                           n(r.children_vs_grid)};
  if (with_access) {
    for (double v : {r.children_covered, r.coverage_rate, r.inclusive_coverage_rate, r.access_2sfca, r.access_index,
                     r.children_in_deserts, r.desert_area_km2}) {
      out.push_back(n(v));
    }
  }
  return out;
}

void check(OGRErr err, const fs::path& file, const Text& what) {
  if (err != OGRERR_NONE) {
    throw gis::Error(say("{}: cannot write {} ({})", file.string(), what, gis::last_gdal_error()));
  }
}

OGRLayer* create_layer(GDALDataset& ds, const fs::path& file, const char* name, OGRwkbGeometryType type,
                       const OGRSpatialReference& srs) {
  const char* opts[] = {"SPATIAL_INDEX=YES", nullptr};
  OGRLayer* layer = ds.CreateLayer(name, const_cast<OGRSpatialReference*>(&srs), type, const_cast<char**>(opts));
  if (!layer) throw gis::Error(say("{}: cannot create layer {} ({})", file.string(), name, gis::last_gdal_error()));
  return layer;
}

void add_field(OGRLayer& layer, const fs::path& file, const char* name, OGRFieldType type, const char* alias = nullptr) {
  OGRFieldDefn f(name, type);
  if (alias) f.SetAlternativeName(alias);
  check(layer.CreateField(&f), file, as_is(name));
}

void add_fields_impl(OGRLayer& layer, const fs::path& file, bool with_access) {
  for (const ColumnSpec& s : specs(with_access)) {
    OGRFieldType t = s.kind == Kind::text ? OFTString : s.kind == Kind::integer ? OFTInteger : OFTReal;
    add_field(layer, file, s.column.name, t, s.column.label_zh);
  }
}

void set_fields_impl(OGRFeature& feature, const IndicatorRow& row, bool with_access) {
  std::vector<Cell> values = cells(row, with_access);
  const auto& sp = specs(with_access);
  for (size_t i = 0; i < sp.size(); ++i) {
    const Cell& c = values[i];
    if (sp[i].kind == Kind::text) {
      feature.SetField(int(i), c.text.c_str());
    } else if (std::isnan(c.number)) {
      feature.SetFieldNull(int(i));
    } else if (sp[i].kind == Kind::integer) {
      feature.SetField(int(i), int(c.number));
    } else {
      feature.SetField(int(i), c.number);
    }
  }
}

}  // namespace

std::string csv_quote(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void add_indicator_fields(OGRLayer& layer, const fs::path& file, bool with_access) {
  add_fields_impl(layer, file, with_access);
}

void set_indicator_fields(OGRFeature& feature, const IndicatorRow& row, bool with_access) {
  set_fields_impl(feature, row, with_access);
}

std::vector<Column> indicator_columns(bool with_access) {
  std::vector<Column> c;
  for (const ColumnSpec& s : specs(with_access)) c.push_back(s.column);
  return c;
}

namespace {

// QGIS opens the layers styled (qgis_styles.h).
void add_styles(GDALDataset& ds, const fs::path& file, const FacilitySet& facilities, const IndicatorTable& table,
                const AccessResult* access) {
  std::vector<double> values;
  for (const IndicatorRow& r : table.townships) values.push_back(r.places_per_1000);
  add_layer_style(ds, file, "townships", "千人口托位数", graduated_fill_qml("places_per_1000", values, gis::Palette::blues));
  if (!table.parents.empty()) {
    values.clear();
    for (const IndicatorRow& r : table.parents) values.push_back(r.places_per_1000);
    add_layer_style(ds, file, "counties", "千人口托位数", graduated_fill_qml("places_per_1000", values, gis::Palette::blues));
  }
  std::vector<std::string> types;
  for (const Facility& f : facilities.all()) {
    if (std::find(types.begin(), types.end(), f.type) == types.end()) types.push_back(f.type);
  }
  add_layer_style(ds, file, "facilities", "类型与普惠", facilities_qml(types));
  if (access) {
    add_layer_style(ds, file, "deserts", "服务盲区", simple_fill_qml({227, 26, 28}, 0.65, {189, 0, 38}, 0.0));
    add_layer_style(ds, file, "catchments", "服务范围", simple_fill_qml({117, 107, 177}, 0.0, {117, 107, 177}, 0.3));
  }
}

}  // namespace

void add_result_layers(GDALDataset& ds, const fs::path& file, const FacilitySet& facilities,
                       const IndicatorTable& table, const AccessResult* access) {
  const std::vector<Township>& townships = facilities.study().townships();
  const gis::Crs wgs84_crs = gis::Crs::wgs84();
  const OGRSpatialReference& wgs84 = wgs84_crs.srs();

  OGRLayer* towns = create_layer(ds, file, "townships", wkbMultiPolygon, wgs84);
  add_indicator_fields(*towns, file, table.has_access);
  for (size_t i = 0; i < townships.size(); ++i) {
    OGRFeature f(towns->GetLayerDefn());
    set_indicator_fields(f, table.townships[i], table.has_access);
    if (townships[i].geometry_wgs84) {
      f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(townships[i].geometry_wgs84->clone()));
    }
    check(towns->CreateFeature(&f), file, say("a township"));
  }

  if (!table.parents.empty()) {
    OGRLayer* counties = create_layer(ds, file, "counties", wkbMultiPolygon, wgs84);
    add_indicator_fields(*counties, file, table.has_access);
    for (const IndicatorRow& p : table.parents) {
      OGRMultiPolygon parts;
      for (const Township& t : townships) {
        if (t.parent_id != p.id || t.parent_name != p.name || !t.geometry_wgs84) continue;
        std::unique_ptr<OGRGeometry> g(OGRGeometryFactory::forceToMultiPolygon(t.geometry_wgs84->clone()));
        for (auto* poly : *g->toMultiPolygon()) parts.addGeometry(poly);
      }
      OGRFeature f(counties->GetLayerDefn());
      set_indicator_fields(f, p, table.has_access);
      if (!parts.IsEmpty()) {
        std::unique_ptr<OGRGeometry> merged(parts.UnionCascaded());
        if (merged) f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(merged.release()));
      }
      check(counties->CreateFeature(&f), file, say("a county"));
    }
  }

  OGRLayer* fac = create_layer(ds, file, "facilities", wkbPoint, wgs84);
  add_field(*fac, file, "record", OFTInteger, "记录号");
  add_field(*fac, file, "id", OFTString, "机构编号");
  add_field(*fac, file, "name", OFTString, "机构名称");
  add_field(*fac, file, "type", OFTString, "类型");
  add_field(*fac, file, "operator", OFTString, "举办性质");
  add_field(*fac, file, "places", OFTReal, "托位数");
  add_field(*fac, file, "enrolled", OFTReal, "在托人数");
  add_field(*fac, file, "inclusive", OFTInteger, "是否普惠");
  add_field(*fac, file, "township_id", OFTString, "所在乡镇代码");
  add_field(*fac, file, "township_name", OFTString, "所在乡镇");
  add_field(*fac, file, "lon", OFTReal, "经度（WGS84）");
  add_field(*fac, file, "lat", OFTReal, "纬度（WGS84）");
  for (const Facility& x : facilities.all()) {
    OGRFeature f(fac->GetLayerDefn());
    f.SetField("record", x.record);
    f.SetField("id", x.id.c_str());
    f.SetField("name", x.name.c_str());
    f.SetField("type", x.type.c_str());
    f.SetField("operator", x.operator_kind.c_str());
    f.SetField("places", x.places);
    if (std::isnan(x.enrolled)) f.SetFieldNull(f.GetFieldIndex("enrolled"));
    else f.SetField("enrolled", x.enrolled);
    f.SetField("inclusive", x.inclusive ? 1 : 0);
    if (x.township >= 0) {
      f.SetField("township_id", townships[size_t(x.township)].id.c_str());
      f.SetField("township_name", townships[size_t(x.township)].name.c_str());
    }
    f.SetField("lon", x.lon);
    f.SetField("lat", x.lat);
    f.SetGeometry(std::make_unique<OGRPoint>(x.lon, x.lat).get());
    check(fac->CreateFeature(&f), file, say("a facility"));
  }
  if (access) {
    OGRLayer* des = create_layer(ds, file, "deserts", wkbMultiPolygon, wgs84);
    add_field(*des, file, "rank", OFTInteger, "序号");
    add_field(*des, file, "township_id", OFTString, "所在乡镇代码");
    add_field(*des, file, "township_name", OFTString, "所在乡镇");
    add_field(*des, file, "children_0_3", OFTReal, "0-3岁婴幼儿数");
    add_field(*des, file, "area_km2", OFTReal, "面积（平方公里）");
    add_field(*des, file, "patches", OFTInteger, "盲区片数");
    add_field(*des, file, "small_patches", OFTInteger, "零星盲区片数（未绘出）");
    add_field(*des, file, "small_patch_children", OFTReal, "零星盲区婴幼儿数");
    int rank = 0;
    for (const DesertArea& d : access->deserts) {
      OGRFeature f(des->GetLayerDefn());
      f.SetField("rank", ++rank);
      if (d.township >= 0) {
        f.SetField("township_id", townships[size_t(d.township)].id.c_str());
        f.SetField("township_name", townships[size_t(d.township)].name.c_str());
      }
      f.SetField("children_0_3", d.children_0_3);
      f.SetField("area_km2", d.area_km2);
      f.SetField("patches", d.patches);
      f.SetField("small_patches", d.small_patches);
      f.SetField("small_patch_children", d.small_patch_children);
      if (d.geometry) f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(d.geometry->clone()));
      check(des->CreateFeature(&f), file, say("a desert area"));
    }
    // Circles, the outlines of the cells reached on foot (several pieces
    // where streets part), or, with a cost table, the facilities' points.
    const bool walking = !access->cost_table() && access->settings.demand == DemandUnit::cells &&
                         facilities.demand().cells.walking();
    OGRLayer* cat = create_layer(ds, file, "catchments",
                                 access->cost_table() ? wkbPoint : walking ? wkbMultiPolygon : wkbPolygon, wgs84);
    add_field(*cat, file, "facility_id", OFTString, "机构编号");
    add_field(*cat, file, "facility_name", OFTString, "机构名称");
    add_field(*cat, file, "inclusive", OFTInteger, "是否普惠");
    add_field(*cat, file, "supply", OFTReal, "供给托位数");
    add_field(*cat, file, "children_in_reach", OFTReal, "服务范围内婴幼儿数（加权）");
    add_field(*cat, file, "places_per_child", OFTReal, "每名婴幼儿托位数");
    add_field(*cat, file, "children_per_place", OFTReal, "每托位婴幼儿数");
    add_field(*cat, file, "threshold", OFTReal, "服务半径/阈值");
    for (const Catchment& c : access->catchments) {
      const Facility& fac = facilities[size_t(c.facility)];
      OGRFeature f(cat->GetLayerDefn());
      f.SetField("facility_id", fac.id.c_str());
      f.SetField("facility_name", fac.name.c_str());
      f.SetField("inclusive", fac.inclusive ? 1 : 0);
      f.SetField("supply", c.supply);
      f.SetField("children_in_reach", c.weighted_demand);
      if (std::isnan(c.places_per_child)) {
        f.SetFieldNull(f.GetFieldIndex("places_per_child"));
        f.SetFieldNull(f.GetFieldIndex("children_per_place"));
      } else {
        f.SetField("places_per_child", c.places_per_child);
        if (c.places_per_child > 0) f.SetField("children_per_place", 1.0 / c.places_per_child);
        else f.SetFieldNull(f.GetFieldIndex("children_per_place"));
      }
      f.SetField("threshold", access->decay.threshold);
      if (c.geometry && walking) f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(c.geometry->clone()));
      else if (c.geometry) f.SetGeometry(c.geometry.get());
      else if (!walking) f.SetGeometry(std::make_unique<OGRPoint>(fac.lon, fac.lat).get());  // on foot, none: reaches nothing
      check(cat->CreateFeature(&f), file, say("a catchment"));
    }
  }
}

void write_geopackage(const fs::path& file, const FacilitySet& facilities, const IndicatorTable& table,
                      const AccessResult* access, const std::function<void(GDALDataset&)>& extra) {
  gis::ensure_gdal();
  gis::AtomicFile out(file);
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) throw gis::Error(say("GDAL was built without the GeoPackage driver"));
  GDALDatasetUniquePtr ds(driver->Create(out.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw gis::Error(say("{}: cannot create ({})", file.string(), gis::last_gdal_error()));
  ds->StartTransaction();
  add_result_layers(*ds, file, facilities, table, access);
  add_styles(*ds, file, facilities, table, access);
  if (extra) extra(*ds);
  if (ds->CommitTransaction() != OGRERR_NONE) {
    throw gis::Error(say("{}: cannot commit ({})", file.string(), gis::last_gdal_error()));
  }
  ds.reset();  // close before the rename
  out.commit();
}

void write_indicator_csv(const fs::path& file, const std::vector<IndicatorRow>& rows, Labels labels,
                         bool with_access) {
  gis::AtomicFile out(file);
  {
    std::ofstream os(out.temp_path(), std::ios::binary);
    if (!os) throw gis::Error(say("{}: cannot create (check the folder is writable)", file.string()));
    os << "\xEF\xBB\xBF";
    std::string header;
    for (const ColumnSpec& s : specs(with_access)) {
      header += (header.empty() ? "" : ",") + csv_quote(labels == Labels::zh ? s.column.label_zh : s.column.name);
    }
    os << header << "\r\n";
    for (const IndicatorRow& r : rows) {
      std::vector<Cell> values = cells(r, with_access);
      std::string line;
      for (size_t i = 0; i < values.size(); ++i) {
        if (i) line += ',';
        const ColumnSpec& s = specs(with_access)[i];
        if (s.kind == Kind::text) line += csv_quote(values[i].text);
        else if (!std::isnan(values[i].number)) line += fmt::format("{:.{}f}", values[i].number, s.precision);
      }
      os << line << "\r\n";
    }
    if (!os.flush()) throw gis::Error(say("{}: write failed (disk full?)", file.string()));
  }
  out.commit();
}

nlohmann::json indicator_row_json(const IndicatorRow& r, bool with_access) {
  nlohmann::json j;
  std::vector<Cell> values = cells(r, with_access);
  const auto& sp = specs(with_access);
  for (size_t i = 0; i < sp.size(); ++i) {
    const char* name = sp[i].column.name;
    if (sp[i].kind == Kind::text) j[name] = values[i].text;
    else if (std::isnan(values[i].number)) j[name] = nullptr;
    else if (sp[i].kind == Kind::integer) j[name] = int(values[i].number);
    else j[name] = values[i].number;
  }
  return j;
}

namespace {

struct NeedColumn {
  Column column;
  bool text;
};

const NeedColumn kNeedColumns[] = {
    {{"year", "年份"}, false},
    {{"id", "区划代码"}, true},
    {{"name", "名称"}, true},
    {{"population", "常住人口"}, false},
    {{"children_0_3", "0-3岁婴幼儿数"}, false},
    {{"places", "现有托位数"}, false},
    {{"places_needed", "达标尚缺托位数"}, false},
    {{"places_needed_for_share", "按入托意愿尚缺托位数"}, false},
};

std::vector<Cell> need_cells(const YearNeed& n, const std::vector<Township>& townships) {
  const Township* t = n.township >= 0 ? &townships[size_t(n.township)] : nullptr;
  return {Cell{{}, double(n.year)},
          Cell{t ? t->id : "total"},
          Cell{t ? t->name : "全部"},
          Cell{{}, n.population},
          Cell{{}, n.children_0_3},
          Cell{{}, n.places},
          Cell{{}, n.places_needed},
          Cell{{}, n.places_needed_for_share}};
}

}  // namespace

void write_year_needs_csv(const fs::path& file, const std::vector<YearNeed>& needs,
                          const std::vector<Township>& townships, Labels labels) {
  std::string text = "\xEF\xBB\xBF";
  std::string header;
  for (const NeedColumn& c : kNeedColumns) {
    header += (header.empty() ? "" : ",") + csv_quote(labels == Labels::zh ? c.column.label_zh : c.column.name);
  }
  text += header + "\r\n";
  for (const YearNeed& n : needs) {
    const std::vector<Cell> values = need_cells(n, townships);
    std::string line;
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) line += ',';
      line += kNeedColumns[i].text ? csv_quote(values[i].text) : fmt::format("{:.0f}", values[i].number);
    }
    text += line + "\r\n";
  }
  write_text(file, text);
}

void add_year_needs_layer(GDALDataset& ds, const fs::path& file, const std::vector<YearNeed>& needs,
                          const std::vector<Township>& townships) {
  OGRLayer* layer = ds.CreateLayer("places_needed_by_year", nullptr, wkbNone, nullptr);
  if (!layer) {
    throw gis::Error(say("{}: cannot create layer places_needed_by_year ({})", file.string(), gis::last_gdal_error()));
  }
  for (const NeedColumn& c : kNeedColumns) {
    add_field(*layer, file, c.column.name,
              c.text ? OFTString : std::string_view(c.column.name) == "year" ? OFTInteger : OFTReal,
              c.column.label_zh);
  }
  for (const YearNeed& n : needs) {
    OGRFeature f(layer->GetLayerDefn());
    const std::vector<Cell> values = need_cells(n, townships);
    for (size_t i = 0; i < values.size(); ++i) {
      if (kNeedColumns[i].text) f.SetField(int(i), values[i].text.c_str());
      else if (i == 0) f.SetField(int(i), int(values[i].number));
      else f.SetField(int(i), values[i].number);
    }
    check(layer->CreateFeature(&f), file, say("a row of places_needed_by_year"));
  }
}

void write_text(const fs::path& file, const std::string& text) {
  gis::AtomicFile out(file);
  {
    std::ofstream os(out.temp_path(), std::ios::binary);
    if (!os) throw gis::Error(say("{}: cannot create (check the folder is writable)", file.string()));
    os << text;
    if (!os.flush()) throw gis::Error(say("{}: write failed (disk full?)", file.string()));
  }
  out.commit();
}

void write_json(const fs::path& file, const nlohmann::json& doc) {
  gis::AtomicFile out(file);
  {
    std::ofstream os(out.temp_path(), std::ios::binary);
    if (!os) throw gis::Error(say("{}: cannot create (check the folder is writable)", file.string()));
    os << doc.dump(2) << "\n";
    if (!os.flush()) throw gis::Error(say("{}: write failed (disk full?)", file.string()));
  }
  out.commit();
}

}  // namespace tuowei::planner
