#include "gis/distance_decay.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "gis/error.h"

namespace tuowei::gis {

double DistanceDecay::weight(double cost) const {
  if (!(cost <= threshold) || cost < 0) return 0.0;
  switch (kind) {
    case Kind::uniform:
      return 1.0;
    case Kind::stepwise:
      for (const auto& [bound, w] : steps) {
        if (cost <= bound) return w;
      }
      return steps.empty() ? 1.0 : steps.back().second;
    case Kind::gaussian: {
      if (bandwidth > 0) return std::exp(-0.5 * (cost / bandwidth) * (cost / bandwidth));
      // Gaussian 2SFCA (Dai 2010): 1 at d = 0, 0 at d = d0.
      double e = std::exp(-0.5);
      return (std::exp(-0.5 * (cost / threshold) * (cost / threshold)) - e) / (1.0 - e);
    }
    case Kind::power:
      return std::pow(std::max(cost, min_cost), -beta);
  }
  return 0.0;
}

void DistanceDecay::validate() const {
  if (!(threshold > 0) || !std::isfinite(threshold)) {
    throw Error(say("the catchment threshold must be > 0, not {}", threshold));
  }
  if (kind == Kind::stepwise) {
    double prev = 0;
    for (const auto& [bound, w] : steps) {
      if (!(bound > prev) || !(w >= 0)) {
        throw Error(
            say("stepwise weights must be [upper bound, weight] pairs with increasing bounds > 0 and weights >= 0"));
      }
      prev = bound;
    }
  }
  if (!(bandwidth >= 0) || !std::isfinite(bandwidth)) {
    throw Error(say("the gaussian bandwidth must be >= 0 (0: tied to the catchment), not {}", bandwidth));
  }
  if (kind == Kind::power && (!(beta > 0) || !(min_cost > 0))) {
    throw Error(say("power decay needs beta > 0 and min_cost > 0"));
  }
}

std::string DistanceDecay::describe() const {
  switch (kind) {
    case Kind::uniform:
      return fmt::format("uniform (2SFCA), d0 = {}", threshold);
    case Kind::stepwise: {
      std::string s;
      for (const auto& [b, w] : steps) s += fmt::format("{}{}:{}", s.empty() ? "" : ", ", b, w);
      return fmt::format("stepwise (E2SFCA) [{}], d0 = {}", s, threshold);
    }
    case Kind::gaussian:
      return bandwidth > 0 ? fmt::format("gaussian, bandwidth {}, d0 = {}", bandwidth, threshold)
                           : fmt::format("gaussian, d0 = {}", threshold);
    case Kind::power:
      return fmt::format("power, beta = {}, min cost {}, d0 = {}", beta, min_cost, threshold);
  }
  return {};
}

std::vector<std::pair<double, double>> DistanceDecay::default_steps(double threshold) {
  return {{threshold / 3.0, 1.0}, {2.0 * threshold / 3.0, 0.68}, {threshold, 0.22}};
}

}  // namespace tuowei::gis
