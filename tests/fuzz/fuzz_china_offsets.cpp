// The GCJ-02 and BD-09 inverses on any pair of doubles: finite in, finite
// out; inside the offset area the inverse of the forward shift comes back
// within a millimetre (1e-8 degrees), and no input makes them loop or crash.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "fuzz_common.h"
#include "gis/china_offsets.h"

using namespace tuowei;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 16) return 0;
  double lon = 0, lat = 0;
  std::memcpy(&lon, data, 8);
  std::memcpy(&lat, data + 8, 8);
  const gis::LonLat p{lon, lat};
  // Any input, NaN and infinities included, returns (no loop, no crash).
  const gis::LonLat a = gis::gcj02_to_wgs84(p), b = gis::bd09_to_wgs84(p), c = gis::bd09_to_gcj02(p);
  if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 180 || std::abs(lat) > 90) return 0;
  for (const gis::LonLat& q : {a, b, c}) {
    fuzz::check(std::isfinite(q.lon) && std::isfinite(q.lat),
                fmt::format("an inverse of ({:.17g}, {:.17g}) is not finite", lon, lat));
  }
  if (!gis::in_gcj02_area(p)) return 0;
  const gis::LonLat back = gis::gcj02_to_wgs84(gis::wgs84_to_gcj02(p));
  fuzz::check(std::abs(back.lon - lon) < 1e-8 && std::abs(back.lat - lat) < 1e-8,
              fmt::format("GCJ-02 round trip of ({:.17g}, {:.17g}) is off by ({:.3g}, {:.3g}) degrees", lon, lat,
                          back.lon - lon, back.lat - lat));
  const gis::LonLat back_bd = gis::bd09_to_wgs84(gis::wgs84_to_bd09(p));
  fuzz::check(std::abs(back_bd.lon - lon) < 1e-8 && std::abs(back_bd.lat - lat) < 1e-8,
              fmt::format("BD-09 round trip of ({:.17g}, {:.17g}) is off by ({:.3g}, {:.3g}) degrees", lon, lat,
                          back_bd.lon - lon, back_bd.lat - lat));
  return 0;
}
