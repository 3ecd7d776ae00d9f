// The synthetic but real-shaped model of Nanning's population: where people
// live (urban centres, county seats, town seats, villages, mountains) and
// how they split by age and sex. Coordinates are WGS84 lon/lat.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace tuowei::demo {

// --------------------------------------------------------------- places

// A density peak: amplitude in residents per km2 at its centre, falling off
// as exp(-distance / radius).
struct Centre {
  std::string_view name;
  double lon, lat;
  double amplitude;  // residents / km2
  double radius_km;
};

// A circular area with fuzzy edges (mountains, new districts).
struct Patch {
  std::string_view name;
  double lon, lat;
  double radius_km;
};

// Urban core of each county-level unit: the street-level townships gather
// around it, and for the outer counties it is the county seat.
struct CountyCore {
  std::string_view code;
  std::string_view seat;  // the seat's township name, for facility names
  double lon, lat;
  bool outer;  // a county (or outer district) with a seat town of its own
};

std::span<const Centre> urban_centres();
std::span<const Patch> mountain_patches();
std::span<const Patch> new_districts();
std::span<const CountyCore> county_cores();
const CountyCore* county_core(std::string_view code);

// Approximate kilometres east / north of a fixed origin near the city
// (equirectangular; the model only needs distances on a few-km scale).
struct Km {
  double x, y;
};
Km to_km(double lon, double lat);
// sqrt rather than std::hypot: correctly rounded everywhere, and faster.
inline double planar_distance(double dx, double dy) { return std::sqrt(dx * dx + dy * dy); }
double cell_area_km2(double lat, double step_deg);

// ------------------------------------------------------------ age / sex

inline constexpr int kAgeClasses = 18;
// WorldPop classes: 0 = under 1, 1 = ages 1-4, then 5, 10, ..., 80 (80+).
inline constexpr std::array<int, kAgeClasses> kAgeClassStart = {0, 1, 5, 10, 15, 20, 25, 30, 35,
                                                                40, 45, 50, 55, 60, 65, 70, 75, 80};
// Share of all residents in each class (sums to 1). Under-3s, taken as
// class 0 + half of class 1, come to 3.0 %.
extern const std::array<double, kAgeClasses> kAgeShare;
// Share of males within each class (about 1.1 boys per girl for children,
// women outliving men at old ages).
extern const std::array<double, kAgeClasses> kMaleShare;

// ---------------------------------------------------------------- model

// What the model says about one place.
struct CellModel {
  double density = 0.0;   // residents / km2 (before the global scaling)
  double urban = 0.0;     // 0 countryside .. 1 dense city
  double fresh = 0.0;     // 0 .. 1: inside a new urban district
  std::array<double, kAgeClasses> age{};  // local age fractions, sum 1
};

// The seat of a rural township, with a relative size (about 1).
struct TownSeat {
  double lon, lat;
  double size;
};

class DensityModel {
 public:
  // Every town seat gets a small density peak of its own.
  DensityModel(std::uint64_t seed, const std::vector<TownSeat>& town_seats);

  // Restricts the peaks considered to those that matter inside a box
  // (degrees); evaluate() must then only be called inside it. Not
  // thread-safe.
  void focus(double min_lon, double min_lat, double max_lon, double max_lat);

  // (col, row) are the global grid indices, used for per-cell noise.
  CellModel evaluate(double lon, double lat, std::int64_t col, std::int64_t row) const;

 private:
  struct Peak {
    double x, y, amplitude, radius, reach;
    std::uint64_t id = 0;  // stable index, for noise that belongs to the peak
  };
  struct Seeds {
    std::uint64_t villages, rural, mountain_edge, karst, texture, grain, children;
  };
  Seeds seeds_{};
  std::vector<Peak> urban_;
  std::vector<Peak> towns_;
  std::vector<Peak> urban_near_;
  std::vector<Peak> towns_near_;
  std::vector<Peak> mountains_near_;
  std::vector<Peak> mountains_;
  std::vector<Peak> fresh_;
  double village_gain_ = 0.0;
};

}  // namespace tuowei::demo
