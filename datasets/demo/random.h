// Portable randomness for the demo data.
//
// Everything here is defined bit for bit from 64-bit integer arithmetic and
// IEEE double operations, so a seed gives the same data on any platform and
// standard library (std:: distributions are implementation-defined).
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>
#include <stdexcept>

namespace tuowei::demo {

// SplitMix64 finaliser: a strong 64-bit mixing function.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Combines a seed with a label into an independent stream seed.
constexpr std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t label) {
  return mix64(seed ^ mix64(label + 0x632BE59BD9B4E019ull));
}

// FNV-1a of a string, for labels such as "townships".
constexpr std::uint64_t label_of(const char* s) {
  std::uint64_t h = 0xCBF29CE484222325ull;
  for (; *s; ++s) h = (h ^ static_cast<unsigned char>(*s)) * 0x100000001B3ull;
  return h;
}

// Uniform double in [0, 1) from the top 53 bits.
constexpr double unit_from_bits(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// SplitMix64 generator with hand-written distributions.
class Rng {
 public:
  explicit constexpr Rng(std::uint64_t seed) : state_(seed) {}
  Rng(std::uint64_t seed, const char* label) : state_(derive_seed(seed, label_of(label))) {}
  Rng(std::uint64_t seed, const char* label, std::uint64_t index)
      : state_(derive_seed(derive_seed(seed, label_of(label)), index)) {}

  constexpr std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ull;
    return mix64(state_);
  }

  // [0, 1)
  constexpr double uniform() { return unit_from_bits(next()); }
  // [lo, hi)
  constexpr double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  // Integer in [lo, hi], unbiased (rejection of the short last bucket).
  std::int64_t integer(std::int64_t lo, std::int64_t hi) {
    if (hi < lo) throw std::invalid_argument("Rng::integer: empty range");
    const std::uint64_t span = static_cast<std::uint64_t>(hi - lo) + 1;
    if (span == 0) return static_cast<std::int64_t>(next());
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % span);
    std::uint64_t v;
    do v = next();
    while (v >= limit);
    return lo + static_cast<std::int64_t>(v % span);
  }

  bool bernoulli(double p) { return uniform() < p; }

  // Standard normal by the Box-Muller transform (one value per call).
  double normal() {
    double u1 = uniform();
    while (u1 <= 0.0) u1 = uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }

  // Triangular distribution on [lo, hi] with the given mode.
  double triangular(double lo, double mode, double hi) {
    const double u = uniform();
    const double c = (mode - lo) / (hi - lo);
    if (u < c) return lo + std::sqrt(u * (hi - lo) * (mode - lo));
    return hi - std::sqrt((1.0 - u) * (hi - lo) * (hi - mode));
  }

  // Index drawn with probability proportional to weights[i].
  std::size_t weighted(std::span<const double> weights) {
    double total = 0.0;
    for (double w : weights) total += w;
    double x = uniform() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::uint64_t state_;
};

// Hash of an integer lattice point to [0, 1).
inline double lattice_hash(std::int64_t ix, std::int64_t iy, std::uint64_t seed) {
  std::uint64_t h = seed;
  h = mix64(h ^ (static_cast<std::uint64_t>(ix) * 0x9E3779B97F4A7C15ull));
  h = mix64(h ^ (static_cast<std::uint64_t>(iy) * 0xC2B2AE3D27D4EB4Full));
  return unit_from_bits(h);
}

// Value noise: hashed lattice values blended with a quintic fade. Range [0, 1).
inline double value_noise(double x, double y, std::uint64_t seed) {
  const double fx = std::floor(x);
  const double fy = std::floor(y);
  const auto ix = static_cast<std::int64_t>(fx);
  const auto iy = static_cast<std::int64_t>(fy);
  const double tx = x - fx;
  const double ty = y - fy;
  const double sx = tx * tx * tx * (tx * (tx * 6.0 - 15.0) + 10.0);
  const double sy = ty * ty * ty * (ty * (ty * 6.0 - 15.0) + 10.0);
  const double v00 = lattice_hash(ix, iy, seed);
  const double v10 = lattice_hash(ix + 1, iy, seed);
  const double v01 = lattice_hash(ix, iy + 1, seed);
  const double v11 = lattice_hash(ix + 1, iy + 1, seed);
  const double a = v00 + (v10 - v00) * sx;
  const double b = v01 + (v11 - v01) * sx;
  return a + (b - a) * sy;
}

// Fractal sum of value noise: octaves halve in size and in weight, and the
// result is rescaled to [0, 1). (x, y) are in units of the largest feature.
inline double fbm(double x, double y, int octaves, std::uint64_t seed) {
  double sum = 0.0;
  double norm = 0.0;
  double amp = 1.0;
  for (int o = 0; o < octaves; ++o) {
    sum += amp * value_noise(x, y, derive_seed(seed, static_cast<std::uint64_t>(o)));
    norm += amp;
    amp *= 0.5;
    // Irrational-ish shift so octaves do not share lattice lines.
    x = x * 2.0 + 17.31;
    y = y * 2.0 - 41.17;
  }
  return sum / norm;
}

}  // namespace tuowei::demo
