#include "nanning_model.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "random.h"

namespace tuowei::demo {
namespace {

// Peaks of the main city (the six central districts) and the county seats.
// Positions are approximate real places; amplitudes and radii are chosen so
// that the city holds a bit over half of the residents, as it does.
constexpr Centre kUrbanCentres[] = {
    {"Chaoyang (old centre)", 108.320, 22.818, 26000.0, 2.0},
    {"Xixiangtang north (Beihu, universities)", 108.280, 22.845, 20000.0, 2.2},
    {"Jiangnan (Fujianyuan, Shajing road)", 108.295, 22.790, 16000.0, 2.2},
    {"Qingxiu (Nanhu, Fengling)", 108.365, 22.822, 20000.0, 2.2},
    {"Xingning (Minsheng, Xingdong)", 108.345, 22.852, 13000.0, 1.8},
    {"Wuxiang new district", 108.385, 22.765, 10000.0, 2.4},
    {"Xixiangtang west (Anji, Xinxu)", 108.245, 22.862, 9000.0, 2.2},
    {"Xianhu", 108.445, 22.805, 6000.0, 1.8},
    {"Jiangnan south-west (Shajing)", 108.260, 22.770, 5000.0, 2.0},
    {"Liangqing (Dashatian)", 108.340, 22.760, 7000.0, 1.8},
    {"Yongning seat (Pumiao)", 108.480, 22.752, 8000.0, 1.5},
    {"Metropolitan halo", 108.330, 22.810, 1200.0, 8.0},
    {"Wuming seat (Chengxiang)", 108.275, 23.158, 14000.0, 1.8},
    {"Long'an seat (Chengxiang)", 107.696, 23.166, 10000.0, 1.2},
    {"Mashan seat (Baishan)", 108.177, 23.708, 10000.0, 1.2},
    {"Shanglin seat (Dafeng)", 108.603, 23.432, 10000.0, 1.2},
    {"Binyang seat (Binzhou)", 108.810, 23.218, 20000.0, 2.0},
    {"Hengzhou seat (Hengzhou)", 109.261, 22.680, 16000.0, 1.8},
};

// Hills and karst ranges where hardly anyone lives, and the Qingxiu Shan
// park inside the city.
constexpr Patch kMountains[] = {
    {"Daming Shan", 108.43, 23.50, 9.0},
    {"Mashan western karst", 107.98, 23.78, 8.0},
    {"Long'an western hills", 107.45, 23.05, 8.0},
    {"Zhenlong Shan", 109.08, 23.05, 7.0},
    {"Gaofeng Ling", 108.35, 23.00, 4.0},
    {"Liangqing southern hills", 108.30, 22.45, 7.0},
    {"Qingxiu Shan park", 108.386, 22.787, 0.9},
};

// New urban districts: younger families, a slightly larger under-3 share.
constexpr Patch kNewDistricts[] = {
    {"Wuxiang", 108.385, 22.765, 4.5},
    {"Xianhu", 108.445, 22.805, 3.0},
    {"Pumiao", 108.480, 22.752, 3.0},
    {"Xiangsihu", 108.245, 22.862, 3.0},
    {"Shajing", 108.260, 22.770, 3.0},
};

constexpr CountyCore kCores[] = {
    {"450102", "", 108.340, 22.845, false},
    {"450103", "", 108.360, 22.820, false},
    {"450105", "", 108.295, 22.790, false},
    {"450107", "", 108.290, 22.840, false},
    {"450108", "", 108.385, 22.765, false},
    {"450109", "蒲庙镇", 108.480, 22.752, true},
    {"450110", "城厢镇", 108.275, 23.158, true},
    {"450123", "城厢镇", 107.696, 23.166, true},
    {"450124", "白山镇", 108.177, 23.708, true},
    {"450125", "大丰镇", 108.603, 23.432, true},
    {"450126", "宾州镇", 108.810, 23.218, true},
    {"450181", "横州镇", 109.261, 22.680, true},
};

constexpr double kOriginLon = 108.3;
constexpr double kOriginLat = 23.0;
const double kKmPerDegLat = 110.70;
const double kKmPerDegLon = 111.32 * std::cos(kOriginLat * std::numbers::pi / 180.0);

// Rural background (residents / km2 before scaling) and its villages.
constexpr double kRuralDensity = 160.0;
constexpr double kVillageSpacingKm = 1.5;
constexpr double kVillageRadiusKm = 0.22;
constexpr double kVillageExists = 0.85;
// Share of rural residents living in village clusters; the rest is spread.
constexpr double kVillageShare = 0.65;
// Town seats.
constexpr double kTownAmplitude = 3500.0;
constexpr double kTownRadiusKm = 0.7;
// A peak is ignored beyond this many radii (exp(-12) ~ 6e-6).
constexpr double kReachRadii = 12.0;

double smoothstep(double e0, double e1, double x) {
  const double t = std::clamp((x - e0) / (e1 - e0), 0.0, 1.0);
  return t * t * (3.0 - 2.0 * t);
}

}  // namespace

// Age structure, per cent of residents.
const std::array<double, kAgeClasses> kAgeShare = [] {
  std::array<double, kAgeClasses> pct = {1.2, 3.6, 6.8, 7.0, 6.4, 6.7, 7.2, 9.0, 8.1,
                                         7.0, 8.0, 7.6, 5.6, 4.4, 4.3, 3.0, 1.9, 2.2};
  for (double& p : pct) p /= 100.0;
  return pct;
}();

const std::array<double, kAgeClasses> kMaleShare = {0.5238, 0.5238, 0.5350, 0.5350, 0.5300, 0.5150,
                                                    0.5100, 0.5100, 0.5100, 0.5080, 0.5080, 0.5050,
                                                    0.5000, 0.4950, 0.4900, 0.4800, 0.4600, 0.4100};

std::span<const Centre> urban_centres() { return kUrbanCentres; }
std::span<const Patch> mountain_patches() { return kMountains; }
std::span<const Patch> new_districts() { return kNewDistricts; }
std::span<const CountyCore> county_cores() { return kCores; }

const CountyCore* county_core(std::string_view code) {
  for (const auto& c : kCores) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

Km to_km(double lon, double lat) {
  return {(lon - kOriginLon) * kKmPerDegLon, (lat - kOriginLat) * kKmPerDegLat};
}

double cell_area_km2(double lat, double step_deg) {
  const double rad = lat * std::numbers::pi / 180.0;
  return (step_deg * 111.32 * std::cos(rad)) * (step_deg * 110.70);
}

DensityModel::DensityModel(std::uint64_t seed, const std::vector<TownSeat>& town_seats) {
  auto stream = [&](const char* label) { return derive_seed(seed, label_of(label)); };
  seeds_ = {stream("villages"), stream("rural"),    stream("mountain-edge"), stream("karst"),
            stream("texture"),  stream("grain"),    stream("children")};
  auto peak = [](double lon, double lat, double amplitude, double radius) {
    const Km k = to_km(lon, lat);
    return Peak{k.x, k.y, amplitude, radius, radius * kReachRadii, 0};
  };
  for (const auto& c : kUrbanCentres) urban_.push_back(peak(c.lon, c.lat, c.amplitude, c.radius_km));
  for (const auto& t : town_seats) towns_.push_back(peak(t.lon, t.lat, kTownAmplitude * t.size, kTownRadiusKm));
  for (const auto& m : kMountains) {
    mountains_.push_back(peak(m.lon, m.lat, 1.0, m.radius_km));
    mountains_.back().id = mountains_.size() - 1;
  }
  for (const auto& f : kNewDistricts) fresh_.push_back(peak(f.lon, f.lat, 1.0, f.radius_km));
  // Mean village size is E[exp(2u - 1)] = sinh(1) for uniform u.
  const double mean_size = std::sinh(1.0);
  village_gain_ = kVillageShare * kVillageSpacingKm * kVillageSpacingKm /
                  (2.0 * std::numbers::pi * kVillageRadiusKm * kVillageRadiusKm * mean_size * kVillageExists);
}

void DensityModel::focus(double min_lon, double min_lat, double max_lon, double max_lat) {
  const Km lo = to_km(min_lon, min_lat);
  const Km hi = to_km(max_lon, max_lat);
  auto near = [&](const std::vector<Peak>& all, std::vector<Peak>& out, double extra) {
    out.clear();
    for (const auto& p : all) {
      const double dx = std::max({lo.x - p.x, 0.0, p.x - hi.x});
      const double dy = std::max({lo.y - p.y, 0.0, p.y - hi.y});
      if (dx * dx + dy * dy <= (p.reach + extra) * (p.reach + extra)) out.push_back(p);
    }
  };
  near(urban_, urban_near_, 0.0);
  near(towns_, towns_near_, 0.0);
  // Mountain edges are fuzzy up to 1.3 radii; reach covers that.
  near(mountains_, mountains_near_, 0.0);
}

CellModel DensityModel::evaluate(double lon, double lat, std::int64_t col, std::int64_t row) const {
  const Km k = to_km(lon, lat);
  CellModel m;

  double urban = 0.0;
  for (const auto& p : urban_near_) {
    const double d = planar_distance(k.x - p.x, k.y - p.y);
    if (d < p.reach) urban += p.amplitude * std::exp(-d / p.radius);
  }
  double towns = 0.0;
  for (const auto& p : towns_near_) {
    const double d = planar_distance(k.x - p.x, k.y - p.y);
    if (d < p.reach) towns += p.amplitude * std::exp(-d / p.radius);
  }

  // Villages: one candidate per lattice square, at a hashed position with a
  // hashed size; the 3x3 neighbourhood covers every village within reach.
  const std::uint64_t vseed = seeds_.villages;
  const double gx = k.x / kVillageSpacingKm;
  const double gy = k.y / kVillageSpacingKm;
  const auto ix = static_cast<std::int64_t>(std::floor(gx));
  const auto iy = static_cast<std::int64_t>(std::floor(gy));
  double villages = 0.0;
  for (std::int64_t j = iy - 1; j <= iy + 1; ++j) {
    for (std::int64_t i = ix - 1; i <= ix + 1; ++i) {
      if (lattice_hash(i, j, derive_seed(vseed, 0)) >= kVillageExists) continue;
      const double vx = (static_cast<double>(i) + lattice_hash(i, j, derive_seed(vseed, 1))) * kVillageSpacingKm;
      const double vy = (static_cast<double>(j) + lattice_hash(i, j, derive_seed(vseed, 2))) * kVillageSpacingKm;
      const double size = std::exp(2.0 * lattice_hash(i, j, derive_seed(vseed, 3)) - 1.0);
      const double d = planar_distance(k.x - vx, k.y - vy);
      villages += size * std::exp(-d / kVillageRadiusKm);
    }
  }
  const double rural_level =
      kRuralDensity * std::exp(2.5 * (fbm(k.x / 15.0, k.y / 15.0, 2, seeds_.rural) - 0.5));
  const double rural = rural_level * ((1.0 - kVillageShare) + village_gain_ * villages);

  // Mountains: near-empty inside a fuzzy-edged circle.
  double mountain = 1.0;
  for (const auto& p : mountains_near_) {
    const double d = planar_distance(k.x - p.x, k.y - p.y);
    if (d > 1.3 * p.radius) continue;
    const double wobble = fbm(k.x / 4.0, k.y / 4.0, 3, derive_seed(seeds_.mountain_edge, p.id));
    const double q = d / (p.radius * (0.7 + 0.6 * wobble));
    mountain *= 0.01 + 0.99 * smoothstep(0.75, 1.05, q);
  }
  // Karst patches scattered over the countryside (not in the city).
  const double karst_noise = fbm(k.x / 10.0, k.y / 10.0, 3, seeds_.karst);
  const double karst = 1.0 - 0.97 * smoothstep(0.64, 0.70, karst_noise);

  // Multiplicative texture: a few km of blotches plus per-cell grain.
  const double blotch = fbm(k.x / 6.0, k.y / 6.0, 4, seeds_.texture);
  const double grain = lattice_hash(col, row, seeds_.grain);
  const double texture = std::exp(3.0 * (blotch - 0.5)) * std::exp(0.6 * (grain - 0.5));

  m.density = (urban + (towns + rural) * karst) * mountain * texture;
  const double built = urban + 0.5 * towns;
  m.urban = built / (built + 2500.0);

  double fresh = 0.0;
  for (const auto& p : fresh_) {
    const double d = planar_distance(k.x - p.x, k.y - p.y);
    fresh = std::max(fresh, std::exp(-(d / p.radius) * (d / p.radius)));
  }
  m.fresh = fresh;

  // Local age structure: the base pyramid bent by place.
  const double u = m.urban;
  const double child_noise = fbm(k.x / 6.0, k.y / 6.0, 2, seeds_.children) - 0.5;
  const double child = 1.0 + 0.25 * fresh - 0.12 * u * (1.0 - fresh) + 0.20 * child_noise;
  double sum = 0.0;
  for (int c = 0; c < kAgeClasses; ++c) {
    const int age = kAgeClassStart[c];
    double mult = 1.0;
    if (age < 5) {
      mult = child;
    } else if (age < 15) {
      mult = 1.0 + 0.12 * (1.0 - u) + 0.10 * fresh;
    } else if (age < 20) {
      mult = 1.0 + 0.10 * u;
    } else if (age < 45) {
      mult = 0.95 + 0.20 * u + 0.05 * fresh;
    } else if (age < 60) {
      mult = 1.0;
    } else {
      mult = 1.0 + 0.25 * (1.0 - u) - 0.15 * u - 0.10 * fresh;
    }
    m.age[c] = kAgeShare[c] * mult;
    sum += m.age[c];
  }
  for (double& a : m.age) a /= sum;
  return m;
}

}  // namespace tuowei::demo
