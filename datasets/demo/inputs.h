// The committed inputs of the Nanning demo (datasets/nanning/).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tuowei::demo {

struct Envelope {
  double min_x = 0.0, min_y = 0.0, max_x = 0.0, max_y = 0.0;
};

struct CountyInput {
  std::string code;  // 6-digit GB/T 2260 code
  std::string name;
  std::vector<unsigned char> wkb;  // (Multi)Polygon, WGS84 lon/lat
  Envelope envelope;
};

struct TownshipInput {
  std::string code;  // 12-digit statistical division code
  std::string name;
  std::string county_code;
  std::string county;
};

struct Inputs {
  std::vector<CountyInput> counties;      // sorted by code
  std::vector<TownshipInput> townships;   // sorted by code
  Envelope envelope;                      // of all counties
};

// Reads counties.geojson and townships.csv; throws on anything missing or
// inconsistent (a township whose county has no polygon, a county without
// townships).
Inputs load_inputs(const std::filesystem::path& dir);

}  // namespace tuowei::demo
