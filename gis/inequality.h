// How evenly a quantity is shared among people: the Lorenz curve of values
// held by weighted groups (each group's members hold the same value), its
// Gini coefficient and the Palma ratio. docs/methods.md, "Equity".
#pragma once

#include <cmath>
#include <vector>

namespace tuowei::gis {

struct Inequality {
  double population = 0.0;  // Σ w
  double total = 0.0;       // Σ w·x
  double mean = NAN;        // total / population
  double gini = NAN;        // 0 = all equal, 1 = one holds everything; NaN when total = 0
  double bottom40 = NAN;    // share of the total held by the 40% holding least
  double top10 = NAN;       // ... by the 10% holding most
  double palma = NAN;       // top10 / bottom40; NaN (undefined) when bottom40 = 0
  double share_zero = NAN;  // share of the population holding 0
  // The Lorenz curve sampled at population shares 0, 0.01, ..., 1 (101
  // values; empty when total = 0): the share of the total held by the
  // poorest p.
  std::vector<double> lorenz;
};

// `weights[i]` members each holding `values[i]` (>= 0; NaN counts as 0).
// Groups with weight <= 0 are left out. Exact for groups: the Lorenz curve is
// linear within a group.
Inequality inequality(const std::vector<double>& weights, const std::vector<double>& values);

}  // namespace tuowei::gis
