// The demo's street network as an OpenStreetMap extract (streets.osm.pbf):
// synthetic but city-shaped. A dense street grid over the city's centres
// with arterials every eighth street, the Yong River (邕江) through it
// crossed only on a few bridges, small village grids around the town and
// county seats, country roads between neighbouring seats, and field lanes
// (tracks) every 600 m over the countryside.
#pragma once

#include <cstdint>
#include <filesystem>

#include "townships.h"

namespace tuowei::demo {

struct StreetsSummary {
  long long nodes = 0;
  long long ways = 0;
  int bridges = 0;
  double km = 0;  // length of the walkable ways
};

StreetsSummary write_streets(const std::filesystem::path& path, const TownshipSet& townships, std::uint64_t seed);

}  // namespace tuowei::demo
