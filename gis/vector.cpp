#include "gis/vector.h"

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <optional>
#include <fstream>
#include <cctype>
#include <filesystem>

#include <cpl_conv.h>

#include "gis/error.h"
#include "gis/gdal_env.h"
#include "gis/postgis.h"
#include "gis/text_encoding.h"

namespace fs = std::filesystem;

namespace tuowei::gis {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Names for a message: "a, b, c", or "(none)" in the message's language.
Text join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? say("(none)") : as_is(out);
}

GDALDatasetUniquePtr open_vector(const std::string& path, const std::vector<std::string>& options) {
  if (is_postgis(path)) return open_postgis(path, false);
  std::vector<const char*> opts;
  for (const auto& o : options) opts.push_back(o.c_str());
  opts.push_back(nullptr);
  return GDALDatasetUniquePtr(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, opts.data(), nullptr));
}

// The first value that is not UTF-8: its record number, column and byte
// (from 1), for messages.
struct NonUtf8 {
  int record;
  size_t column;
  size_t byte;
};
std::optional<NonUtf8> first_non_utf8(const std::vector<VectorRecord>& records) {
  for (const VectorRecord& r : records) {
    for (size_t i = 0; i < r.values.size(); ++i) {
      if (!r.values[i]) continue;
      const size_t at = first_invalid_utf8(*r.values[i]);
      if (at != std::string_view::npos) return NonUtf8{r.number, i, at + 1};
    }
  }
  return std::nullopt;
}

// A shapefile whose .dbf code page is declared (by .cpg or the LDID byte)
// is decoded by GDAL; one with neither is read raw and decoded here.
bool shapefile_declares_encoding(OGRLayer* layer) {
  const char* from_cpg = layer->GetMetadataItem("ENCODING_FROM_CPG", "SHAPEFILE");
  const char* from_ldid = layer->GetMetadataItem("ENCODING_FROM_LDID", "SHAPEFILE");
  return (from_cpg && *from_cpg) || (from_ldid && *from_ldid);
}

// A PostGIS source's table: the one named (schema.table), or the only one
// there is. Each failure lists the tables this user can see, those of the
// named schema first.
template <class Names>
OGRLayer* pick_table(GDALDataset& d, const std::string& where, const std::string& name, const Names& layer_names) {
  auto tables = [&] {
    std::vector<std::string> names = layer_names(d);
    const size_t dot = name.find('.');
    const std::string schema = dot == std::string::npos ? "" : name.substr(0, dot + 1);
    std::stable_partition(names.begin(), names.end(),
                          [&](const std::string& n) { return !schema.empty() && n.rfind(schema, 0) == 0; });
    if (names.size() > 40) {
      names.resize(40);
      names.emplace_back("...");
    }
    return join(names);
  };
  if (name.empty()) {
    if (d.GetLayerCount() == 1) return d.GetLayer(0);
    throw Error(say("{}: name the table: layer = \"schema.table\" in the project file (or table=schema.table "
                    "in the URL); the tables are: {}",
                    where, tables()));
  }
  if (OGRLayer* l = d.GetLayerByName(name.c_str())) return l;
  throw Error(say("{}: no table '{}' that this user may read; give it as schema.table (the tables are: {})", where,
                  name, tables()));
}

Text no_geometry_column(GDALDataset& d, OGRLayer& layer, const std::string& where) {
  if (!has_postgis_extension(d)) {
    return say("{}: the database has no PostGIS extension, so table {} holds no geometry; its owner runs "
               "CREATE EXTENSION postgis; and loads the boundaries as geometry (docs/postgis.md)",
               where, layer.GetName());
  }
  std::vector<std::string> columns;
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) columns.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
  return say("{}: table {} has no geometry column (its columns are: {}); load the boundaries with ogr2ogr "
             "(docs/postgis.md) or point layer at a table with one",
             where, layer.GetName(), join(columns));
}

// Why a PostGIS table's geometries have no CRS, and how to give them one.
Text missing_srid_hint(GDALDataset& d, OGRLayer& layer) {
  if (!has_postgis_extension(d)) {
    return say("the database has no PostGIS extension, so its geometries carry no SRID: its owner runs CREATE "
               "EXTENSION postgis; and the table is loaded again (docs/postgis.md)");
  }
  std::string table = layer.GetName(), schema = "public";
  if (size_t dot = table.find('.'); dot != std::string::npos) {
    schema = table.substr(0, dot);
    table.erase(0, dot + 1);
  }
  return say("give the column its SRID in the database: SELECT UpdateGeometrySRID('{}', '{}', '{}', 4326);", schema,
             table, layer.GetLayerDefn()->GetGeomFieldDefn(0)->GetNameRef());
}

}  // namespace

int VectorTable::field_index(std::string_view name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i] != name) continue;
    // Two columns of the name asked for: which one is meant is unclear.
    for (size_t j = i + 1; j < fields.size(); ++j) {
      if (fields[j] == name) {
        throw Error(say("{}: columns {} and {} are both named '{}'; rename one so that every column has its "
                        "own name",
                        source, i + 1, j + 1, fields[i]));
      }
    }
    return int(i);
  }
  std::string key = lower(std::string(name));
  for (size_t i = 0; i < fields.size(); ++i) {
    if (lower(fields[i]) == key) return int(i);
  }
  return -1;
}

int VectorTable::require_field(std::string_view name, const Text& role) const {
  int i = field_index(name);
  if (i < 0 && layer.empty()) {
    throw Error(say("{}: no field '{}' for the {}; the fields are: {}", source, name, role, join(fields)));
  }
  if (i < 0) {
    throw Error(say("{} (layer {}): no field '{}' for the {}; the fields are: {}", source, layer, name, role,
                    join(fields)));
  }
  return i;
}

std::vector<std::string> list_layers(const std::string& path) {
  ensure_gdal();
  std::vector<std::string> names;
  auto ds = open_vector(path, {});
  if (!ds) return names;
  for (auto* l : ds->GetLayers()) names.emplace_back(l->GetName());
  return names;
}

VectorTable read_vector(const VectorSource& source) {
  ensure_gdal();
  const bool postgis = is_postgis(source.path);
  const std::string where = postgis ? mask_password(source.path) : source.path;  // for messages
  if (!postgis && !fs::exists(source.path)) {
    throw Error(say("{}: file not found; check the path (relative paths are taken from the "
                    "project file's folder)",
                    source.path));
  }
  std::string ext = postgis ? "" : lower(fs::path(source.path).extension().string());
  std::vector<std::string> options;
  if (ext == ".csv" || ext == ".txt") options = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES"};
  // Spreadsheets: the first row holds the headers, every value is text (GDAL
  // 3.6 takes these as configuration options, not open options).
  CPLConfigOptionSetter xlsx_headers("OGR_XLSX_HEADERS", "FORCE", true);
  CPLConfigOptionSetter xlsx_types("OGR_XLSX_FIELD_TYPES", "STRING", true);
  CPLConfigOptionSetter ods_headers("OGR_ODS_HEADERS", "FORCE", true);
  CPLConfigOptionSetter ods_types("OGR_ODS_FIELD_TYPES", "STRING", true);

  if (!postgis && fs::is_regular_file(source.path)) {
    // What GDAL would only call unopenable: an empty file, or UTF-16 text
    // (Excel's "Unicode text").
    std::error_code ec;
    if (fs::file_size(source.path, ec) == 0 && !ec) {
      throw Error(say("{}: is empty (0 bytes); expected a table with a header row", source.path));
    }
    std::ifstream in(source.path, std::ios::binary);
    unsigned char bom[2] = {0, 0};
    in.read(reinterpret_cast<char*>(bom), 2);
    if (in.gcount() == 2 && ((bom[0] == 0xFF && bom[1] == 0xFE) || (bom[0] == 0xFE && bom[1] == 0xFF))) {
      throw Error(say("{}: is UTF-16 text; save it as UTF-8 or GBK (Excel: Save As > \"CSV UTF-8\")", source.path));
    }
  }
  GDALDatasetUniquePtr ds = open_vector(source.path, options);
  if (!ds) {
    const std::string why = last_gdal_error();
    if (why.empty()) {
      throw Error(say("{}: cannot open as a vector source; expected a GeoPackage, Shapefile, "
                      "GeoJSON, CSV, XLSX or PostGIS connection",
                      source.path));
    }
    throw Error(say("{}: cannot open as a vector source ({}); expected a GeoPackage, Shapefile, "
                    "GeoJSON, CSV, XLSX or PostGIS connection",
                    source.path, why));
  }
  std::string requested = normalize_encoding(source.encoding);
  if (!known_encoding(requested)) {
    throw Error(say("{}: unknown text encoding '{}'; use \"auto\" (UTF-8 or GBK, detected), \"UTF-8\", "
                    "\"GBK\" (GB18030) or another name iconv knows, e.g. \"BIG5\"",
                    source.path, source.encoding));
  }
  std::string driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";

  auto layer_names = [](GDALDataset& d) {
    std::vector<std::string> names;
    for (auto* each : d.GetLayers()) names.emplace_back(each->GetName());
    return names;
  };
  auto pick_layer = [&](GDALDataset& d) -> OGRLayer* {
    if (postgis) return pick_table(d, where, source.layer, layer_names);
    if (d.GetLayerCount() == 0) {
      throw Error(say("{}: holds no vector layer", where));
    }
    if (source.layer.empty()) return d.GetLayer(0);
    OGRLayer* l = d.GetLayerByName(source.layer.c_str());
    if (!l) {
      throw Error(say("{}: no layer '{}'; the layers are: {}", where, source.layer, join(layer_names(d))));
    }
    return l;
  };

  OGRLayer* layer = pick_layer(*ds);
  if (source.geometry_required && layer->GetLayerDefn()->GetGeomFieldCount() == 0) {
    throw Error(postgis ? no_geometry_column(*ds, *layer, where)
                        : say("{} (layer {}): has no geometry", where, layer->GetName()));
  }
  // Read shapefile text raw unless GDAL knows the code page and the user did
  // not say otherwise; decode it below.
  bool decode_here = driver != "ESRI Shapefile" || !requested.empty() || !shapefile_declares_encoding(layer);
  // A shapefile whose .cpg says UTF-8: its text is checked below (GDAL
  // passes the bytes through), so it is sampled as text decoded here is.
  const char* cpg = layer->GetMetadataItem("ENCODING_FROM_CPG", "SHAPEFILE");
  const std::string declared = cpg && *cpg ? cpg : "";
  const bool declared_utf8 = !decode_here && normalize_encoding(declared) == "UTF-8";
  if (driver == "ESRI Shapefile" && decode_here) {
    ds = open_vector(source.path, {"ENCODING="});
    if (!ds) throw Error(say("{}: cannot reopen ({})", where, last_gdal_error()));
    layer = pick_layer(*ds);
  }

  VectorTable t;
  // A database holds many tables: records are named with theirs.
  t.source = postgis ? fmt::format("{} ({})", where, layer->GetName()) : where;
  t.layer = layer->GetName();
  t.driver = driver;
  const OGRSpatialReference* layer_srs = layer->GetSpatialRef();
  const std::string srs_name = layer_srs && layer_srs->GetName() ? layer_srs->GetName() : "";
  if (lower(srs_name) == "undefined geographic srs" || lower(srs_name) == "undefined cartesian srs") {
    // A GeoPackage's srs_id 0 or -1: the file says it does not know.
    t.missing_crs_hint = say("give the GeoPackage a CRS (it declares srs_id {}, \"{}\"), e.g. ogr2ogr "
                             "-a_srs EPSG:4326 fixed.gpkg {}",
                             lower(srs_name) == "undefined geographic srs" ? 0 : -1, srs_name, source.path);
  } else if (layer_srs) {
    char* wkt = nullptr;
    if (layer_srs->exportToWkt(&wkt) == OGRERR_NONE && wkt) t.crs = Crs::from_wkt(wkt);
    CPLFree(wkt);
  } else if (postgis && layer->GetLayerDefn()->GetGeomFieldCount() > 0) {
    t.missing_crs_hint = missing_srid_hint(*ds, *layer);
  }
  OGRFeatureDefn* defn = layer->GetLayerDefn();
  std::vector<std::string> raw_fields;
  for (int i = 0; i < defn->GetFieldCount(); ++i) raw_fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
  if (!raw_fields.empty() && raw_fields[0].rfind("\xEF\xBB\xBF", 0) == 0) raw_fields[0].erase(0, 3);

  std::vector<std::string> samples = raw_fields;
  int number = 0;
  layer->ResetReading();
  for (auto& feature : *layer) {
    VectorRecord r;
    r.fid = feature->GetFID();
    r.number = ++number;
    if (OGRGeometry* g = feature->StealGeometry()) r.geometry.reset(g);
    r.values.resize(raw_fields.size());
    for (int i = 0; i < int(raw_fields.size()); ++i) {
      if (!feature->IsFieldSetAndNotNull(i)) continue;
      std::string v = feature->GetFieldAsString(i);
      if ((decode_here || declared_utf8) && defn->GetFieldDefn(i)->GetType() == OFTString) samples.push_back(v);
      r.values[i] = std::move(v);
    }
    t.records.push_back(std::move(r));
  }

  if (!decode_here) {
    // A .cpg that says UTF-8 over GBK bytes (a file from an older tool, the
    // .cpg written by hand): GDAL passes the bytes through undecoded. They
    // are decoded here, as a file without a .cpg would be, and said.
    const bool bad = std::any_of(samples.begin(), samples.end(), [](const std::string& v) { return !is_valid_utf8(v); });
    if (declared_utf8 && bad) {
      decode_here = true;
      const std::string found = detect_encoding(samples);
      t.notes.push_back(say("{}: the .cpg file says the text is {}, but it is not: read as {} (detected); write {} "
                            "into the .cpg to say so",
                            where, declared, found, found == "UTF-8" ? "UTF-8" : "936"));
    }
  }
  if (decode_here && requested.empty()) {
    // A header in UTF-8 Chinese says the file is UTF-8: a record that is not
    // (a name pasted from a GBK file, a line cut mid-character) is named,
    // rather than the whole file decoded as GBK into unreadable headers.
    bool header_utf8 = true, header_wide = false;
    for (const std::string& f : raw_fields) {
      header_utf8 = header_utf8 && is_valid_utf8(f);
      header_wide = header_wide || std::any_of(f.begin(), f.end(), [](char c) { return (unsigned char)c >= 0x80; });
    }
    if (header_utf8 && header_wide) {
      if (const auto bad = first_non_utf8(t.records)) {
        throw Error(say("{}: record {}, column '{}': byte {} of the value is not UTF-8, though the file's "
                        "header is; the record holds text in another encoding (GBK?) or was cut "
                        "mid-character",
                        where, bad->record, raw_fields[bad->column], bad->byte));
      }
    }
  }
  if (decode_here && requested == "UTF-8") {
    // The project says UTF-8: a value that is not is named, not passed on
    // as bytes no later step can show.
    if (const auto bad = first_non_utf8(t.records)) {
      throw Error(say("{}: record {}, column '{}': byte {} of the value is not UTF-8, though the project file says "
                      "encoding = \"UTF-8\"; say encoding = \"auto\" (UTF-8 or GBK, detected) or \"GBK\"",
                      where, bad->record, raw_fields[bad->column], bad->byte));
    }
  }
  t.encoding = !decode_here ? "UTF-8" : !requested.empty() ? requested : detect_encoding(samples);
  if (decode_here && t.encoding != "UTF-8") {
    for (auto& f : raw_fields) f = to_utf8(f, t.encoding);
    for (auto& r : t.records) {
      for (auto& v : r.values) {
        if (v) *v = to_utf8(*v, t.encoding);
      }
    }
  }
  t.fields = std::move(raw_fields);
  return t;
}

}  // namespace tuowei::gis
