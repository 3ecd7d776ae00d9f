#include "gis/china_offsets.h"

#include <cmath>
#include <numbers>

namespace tuowei::gis {
namespace {

constexpr double kPi = std::numbers::pi;
// Krasovsky 1940 ellipsoid, as used by the GCJ-02 algorithm.
constexpr double kA = 6378245.0;
constexpr double kEE = 0.00669342162296594323;
constexpr double kBdPi = kPi * 3000.0 / 180.0;

double offset_lat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double offset_lon(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

// Solves forward(p) == target for p by fixed-point iteration. The forward
// maps are the identity plus a slowly varying shift, so each step divides
// the error by roughly 1e4; 1e-11 degrees is about 1 micrometre.
template <typename Forward>
LonLat invert(Forward forward, LonLat target, LonLat guess) {
  LonLat p = guess;
  for (int i = 0; i < 30; ++i) {
    LonLat f = forward(p);
    double dlon = f.lon - target.lon;
    double dlat = f.lat - target.lat;
    p.lon -= dlon;
    p.lat -= dlat;
    if (std::fabs(dlon) < 1e-11 && std::fabs(dlat) < 1e-11) break;
  }
  return p;
}

}  // namespace

namespace {
// The published algorithm's box, widened by `margin` degrees.
bool in_box(LonLat p, double margin) {
  return p.lon >= 72.004 - margin && p.lon <= 137.8347 + margin && p.lat >= 0.8293 - margin &&
         p.lat <= 55.8271 + margin;
}
}  // namespace

bool in_gcj02_area(LonLat p) { return in_box(p, 0.0); }

namespace {
// The published shift, applied wherever asked (the box is the caller's).
LonLat shifted(LonLat wgs) {
  double dlat = offset_lat(wgs.lon - 105.0, wgs.lat - 35.0);
  double dlon = offset_lon(wgs.lon - 105.0, wgs.lat - 35.0);
  double rad_lat = wgs.lat / 180.0 * kPi;
  double magic = std::sin(rad_lat);
  magic = 1.0 - kEE * magic * magic;
  double sqrt_magic = std::sqrt(magic);
  dlat = (dlat * 180.0) / ((kA * (1.0 - kEE)) / (magic * sqrt_magic) * kPi);
  dlon = (dlon * 180.0) / (kA / sqrt_magic * std::cos(rad_lat) * kPi);
  return {wgs.lon + dlon, wgs.lat + dlat};
}
}  // namespace

LonLat wgs84_to_gcj02(LonLat wgs) { return in_gcj02_area(wgs) ? shifted(wgs) : wgs; }

LonLat gcj02_to_wgs84(LonLat gcj) {
  // The shift is under 0.01 degrees: far from the box, GCJ-02 is WGS84.
  if (!in_box(gcj, 1.0)) return gcj;
  // The point inside the box whose shifted position is `gcj`, solved on the
  // smooth shift (the box's edge would stall the iteration); near the edge
  // a shifted point may lie just outside the box, and is still found.
  const LonLat p = invert(shifted, gcj, gcj);
  // The solution is exact to ~1e-11 degrees: a point on the box's edge may
  // come back a hair outside it, and is still the one.
  return in_box(p, 1e-9) ? p : gcj;
}

LonLat gcj02_to_bd09(LonLat gcj) {
  double x = gcj.lon, y = gcj.lat;
  double z = std::sqrt(x * x + y * y) + 0.00002 * std::sin(y * kBdPi);
  double theta = std::atan2(y, x) + 0.000003 * std::cos(x * kBdPi);
  return {z * std::cos(theta) + 0.0065, z * std::sin(theta) + 0.006};
}

LonLat bd09_to_gcj02(LonLat bd) {
  // The published closed-form inverse is only a first guess (~1 m off).
  double x = bd.lon - 0.0065, y = bd.lat - 0.006;
  double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kBdPi);
  double theta = std::atan2(y, x) - 0.000003 * std::cos(x * kBdPi);
  LonLat guess{z * std::cos(theta), z * std::sin(theta)};
  return invert(gcj02_to_bd09, bd, guess);
}

LonLat wgs84_to_bd09(LonLat wgs) { return gcj02_to_bd09(wgs84_to_gcj02(wgs)); }

LonLat bd09_to_wgs84(LonLat bd) { return gcj02_to_wgs84(bd09_to_gcj02(bd)); }

}  // namespace tuowei::gis
