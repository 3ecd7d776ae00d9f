// Two-step floating catchment (2SFCA) and its decayed variants (E2SFCA,
// Gaussian, gravity), following Luo & Wang (2003) and Luo & Qi (2009):
//
//   step 1, per supply point j:  R_j = S_j / Σ_k P_k f(c_kj)   over c_kj <= d0
//   step 2, per demand unit i:   A_i = Σ_j R_j f(c_ij)         over c_ij <= d0
//
// with the same weight f in both steps. Demand is fed in any order and in
// batches (a raster stream), once for each step. A demand unit that reaches no
// supply has no value (NaN), not zero; a supply point with no demand in reach
// has no ratio and adds to nobody. Then Σ_i P_i A_i = Σ_j S_j over the supply
// points that some demand reaches.
#pragma once

#include <vector>

#include "gis/distance_decay.h"
#include "gis/point_index.h"

namespace tuowei::gis {

class FloatingCatchment {
 public:
  FloatingCatchment(std::vector<double> supply, DistanceDecay decay);

  const DistanceDecay& decay() const { return decay_; }
  size_t supply_count() const { return supply_.size(); }

  // Step 1: a demand unit of size `demand` reaching `reach` (supply index,
  // cost). Costs above the threshold are ignored.
  void add_demand(double demand, const std::vector<Neighbour>& reach);
  // Ends step 1: computes the supply-to-demand ratios R_j.
  void finish_step1();

  // Step 2: the accessibility A_i of a demand unit reaching `reach`; NaN when
  // it reaches no supply point (weight > 0).
  double accessibility(const std::vector<Neighbour>& reach) const;

  const std::vector<double>& supply() const { return supply_; }
  // Σ_k P_k f(c_kj) for each supply point (weighted demand in its catchment).
  const std::vector<double>& weighted_demand() const { return weighted_demand_; }
  // R_j; NaN where no demand is in reach.
  const std::vector<double>& ratio() const { return ratio_; }
  // Σ S_j over supply points with demand in reach: what Σ P_i A_i equals.
  double supply_reached() const;

 private:
  std::vector<double> supply_;
  DistanceDecay decay_;
  std::vector<double> weighted_demand_;
  std::vector<double> ratio_;
  bool finished_ = false;
};

}  // namespace tuowei::gis
