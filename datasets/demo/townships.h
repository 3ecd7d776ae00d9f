// Synthetic township (乡镇/街道) boundaries: a Voronoi partition of seed
// points inside each county, clipped to the county, so that the townships
// tile their county exactly.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "geos_util.h"
#include "inputs.h"

namespace tuowei::demo {

// Field names of the township layer.
inline constexpr const char* kCodeField = "code";
inline constexpr const char* kNameField = "name";
inline constexpr const char* kCountyCodeField = "countycode";
inline constexpr const char* kCountyField = "county";

struct Township {
  std::string code;
  std::string name;
  std::string county_code;
  std::string county;
  int county_index = 0;  // into Inputs::counties
  // 0: street (街道) or the seat town of a county without streets;
  // 1: development zone; 2: other towns, 乡 and special units.
  int rank = 2;
  double seed_lon = 0.0, seed_lat = 0.0;  // the generating point (its seat)
  GeosGeom geometry;                      // Polygon or MultiPolygon
};

struct TownshipSet {
  std::vector<Township> townships;  // sorted by code
  std::vector<GeosGeom> counties;   // GEOS copies of the county polygons
  double worst_tiling_error = 0.0;  // max over counties of |union - county| / county area
};

TownshipSet build_townships(const GeosContext& ctx, const Inputs& inputs, std::uint64_t seed);

// Writes an ESRI Shapefile whose .dbf text is GBK (code page 936) with no
// .cpg beside it (as many real Chinese shapefiles come), CRS EPSG:4326.
void write_townships_shapefile(const GeosContext& ctx, const TownshipSet& set, const std::filesystem::path& shp);

}  // namespace tuowei::demo
