#include "gis/inequality.h"

#include <algorithm>
#include <numeric>

namespace tuowei::gis {

Inequality inequality(const std::vector<double>& weights, const std::vector<double>& values) {
  Inequality out;
  std::vector<size_t> order;
  for (size_t i = 0; i < weights.size() && i < values.size(); ++i) {
    if (weights[i] > 0) order.push_back(i);
  }
  auto value = [&](size_t i) { return std::isnan(values[i]) ? 0.0 : values[i]; };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return value(a) < value(b); });
  double zero = 0.0;
  for (size_t i : order) {
    out.population += weights[i];
    out.total += weights[i] * value(i);
    if (value(i) == 0.0) zero += weights[i];
  }
  if (!(out.population > 0)) return out;
  out.mean = out.total / out.population;
  out.share_zero = zero / out.population;
  if (!(out.total > 0)) return out;
  // Lorenz curve through (p, L) at each group's end; the Gini is one minus
  // twice the area under it (trapezoids: exact for a piecewise linear curve).
  double p = 0.0, l = 0.0, area = 0.0;
  // L at population shares 0.4 and 0.9, interpolated within the group that
  // spans them.
  double l40 = NAN, l90 = NAN;
  out.lorenz.assign(101, NAN);
  out.lorenz[0] = 0.0;
  size_t next = 1;  // the next sample of the curve
  for (size_t i : order) {
    const double dp = weights[i] / out.population, dl = weights[i] * value(i) / out.total;
    auto at = [&](double q, double& lq) {
      if (std::isnan(lq) && p + dp >= q) lq = l + (dp > 0 ? (q - p) / dp : 0.0) * dl;
    };
    at(0.4, l40);
    at(0.9, l90);
    for (; next <= 100 && p + dp >= next / 100.0; ++next) at(next / 100.0, out.lorenz[next]);
    area += dp * (2.0 * l + dl) / 2.0;
    p += dp;
    l += dl;
  }
  if (std::isnan(l40)) l40 = 1.0;
  if (std::isnan(l90)) l90 = 1.0;
  for (; next <= 100; ++next) out.lorenz[next] = 1.0;  // rounding left the last samples past the end
  out.gini = std::clamp(1.0 - 2.0 * area, 0.0, 1.0);
  out.bottom40 = l40;
  out.top10 = 1.0 - l90;
  out.palma = l40 > 0 ? out.top10 / l40 : NAN;
  return out;
}

}  // namespace tuowei::gis
