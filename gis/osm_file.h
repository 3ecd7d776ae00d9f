// OpenStreetMap data written from memory (nodes and ways with tags), as
// .osm.pbf or .osm XML, with libosmium: for generated street networks and
// tests. Reading is read_street_network's (gis/street_network.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gis/street_network.h"

namespace tuowei::gis {

struct OsmNode {
  int64_t id = 0;
  double lon = 0, lat = 0;  // WGS84, stored to 1e-7 degree as OSM does
};

struct OsmWay {
  int64_t id = 0;
  std::vector<int64_t> nodes;
  OsmTags tags;
};

// Writes the nodes then the ways (in the order given; OSM files list them
// by id) to `path`, replacing it; the format follows the name (.osm.pbf,
// .osm, .osm.gz, .osm.bz2). With `bounds` (lon/lat: xmin = west ...), the
// header says which area the file covers. The same input gives the same
// bytes. Throws gis::Error naming the file.
void write_osm(const std::string& path, const std::vector<OsmNode>& nodes, const std::vector<OsmWay>& ways,
               const Box* bounds = nullptr);

}  // namespace tuowei::gis
