// Reading any OGR vector source (GeoPackage, Shapefile, GeoJSON, CSV, XLSX,
// PostGIS...) into memory as decoded UTF-8 text plus geometry. Zone and
// facility layers are small next to rasters; parsing values into numbers is
// the caller's job, so it can say which record and field are wrong.
#pragma once

#include <ogr_geometry.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gis/crs.h"
#include "gis/text.h"

namespace tuowei::gis {

struct VectorSource {
  std::string path;             // a file, a folder of shapefiles, "PG:dbname=..." or "postgresql://..." (postgis.h)
  std::string layer;            // "" = the only (or first) layer; a PostGIS table as "schema.table"
  std::string encoding = "auto";  // auto | UTF-8 | GBK | GB18030 | any iconv name
  bool geometry_required = false;  // a layer without a geometry column is an error, not records without one
};

struct VectorRecord {
  long long fid = -1;
  int number = 0;  // 1-based position in the layer, for messages
  OGRGeometryUniquePtr geometry;  // null when the record has none
  std::vector<std::optional<std::string>> values;  // per field; nullopt = null
};

struct VectorTable {
  std::string source;
  std::string layer;
  std::string driver;
  std::string encoding;  // what the text was decoded from
  std::vector<std::string> fields;
  std::vector<VectorRecord> records;
  Crs crs;  // invalid when the source declares none
  // When `crs` is invalid: how the source itself could declare one (a
  // PostGIS column's SRID), for messages; empty when there is nothing to add.
  Text missing_crs_hint;
  // What the reader had to decide for the user (a .cpg that names the wrong
  // code page...): for the caller to show as warnings.
  std::vector<Text> notes;

  // Index of a field, matched exactly, then ignoring case; -1 if absent.
  // Throws gis::Error when two columns bear the name asked for.
  int field_index(std::string_view name) const;
  // Like field_index, but throws gis::Error listing the fields there are.
  // `role` says what the field is for ("origin id ([access] origin_field)").
  int require_field(std::string_view name, const Text& role) const;
};

// Throws gis::Error naming the source when it cannot be opened, or when the
// layer does not exist (listing the layers there are). A PostGIS source is
// named with its password masked (VectorTable::source too); from a database
// with several tables the layer must name one.
VectorTable read_vector(const VectorSource& source);

std::vector<std::string> list_layers(const std::string& path);

}  // namespace tuowei::gis
