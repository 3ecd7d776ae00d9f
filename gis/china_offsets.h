// The obfuscated coordinate systems used by Chinese web maps.
//
// GCJ-02 ("Mars coordinates", Amap/Tencent) shifts WGS84 by a few hundred
// metres; BD-09 (Baidu) adds a further shift on top of GCJ-02. PROJ knows
// neither, so the forward formulas live here and the inverses are solved
// iteratively (fixed-point on the forward map), which reaches < 1e-6 m
// instead of the 1-2 m error of the usual one-step inverse.
#pragma once

namespace tuowei::gis {

struct LonLat {
  double lon = 0.0;
  double lat = 0.0;
};

// True where the GCJ-02 offset applies (the rough China box the published
// algorithm uses); outside it GCJ-02 equals WGS84.
bool in_gcj02_area(LonLat p);

LonLat wgs84_to_gcj02(LonLat wgs);
LonLat gcj02_to_wgs84(LonLat gcj);
LonLat gcj02_to_bd09(LonLat gcj);
LonLat bd09_to_gcj02(LonLat bd);
LonLat wgs84_to_bd09(LonLat wgs);
LonLat bd09_to_wgs84(LonLat bd);

}  // namespace tuowei::gis
