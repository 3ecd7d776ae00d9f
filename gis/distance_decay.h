// Distance-decay weights for floating catchments: how much a demand unit at
// cost d counts for a supply point (and the supply for the demand), d <= d0.
// Formulas and sources in docs/methods.md, "Accessibility".
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tuowei::gis {

struct DistanceDecay {
  enum class Kind { uniform, stepwise, gaussian, power };
  Kind kind = Kind::uniform;
  double threshold = 300.0;  // d0: pairs with cost <= d0 count (metres or the cost table's unit)
  // Stepwise: (upper bound, weight) pairs in increasing order; cost above the
  // last bound but <= threshold takes the last weight.
  std::vector<std::pair<double, double>> steps;
  // Gaussian: 0 ties the kernel to d0 (Dai 2010: 1 at 0, 0 at d0); > 0 is
  // its own bandwidth sigma, f = exp(-d^2 / (2 sigma^2)) up to d0 (e.g.
  // gaussian(500) inside a 1,000 m catchment, as PySAL's access writes it).
  double bandwidth = 0.0;
  double beta = 1.0;          // power: f = max(d, min_cost)^-beta
  double min_cost = 50.0;     // power: costs below this count as this

  // 0 beyond the threshold. Throws gis::Error on a malformed definition.
  double weight(double cost) const;
  void validate() const;
  std::string describe() const;  // "gaussian, d0 = 300"

  // The default E2SFCA bands: thirds of d0 weighted 1.00, 0.68, 0.22
  // (Luo & Qi 2009, from a Gaussian with the 30-minute edge at weight ~0.01).
  static std::vector<std::pair<double, double>> default_steps(double threshold);
};

}  // namespace tuowei::gis
