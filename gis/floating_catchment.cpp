#include "gis/floating_catchment.h"

#include <cmath>

#include "gis/error.h"

namespace tuowei::gis {

FloatingCatchment::FloatingCatchment(std::vector<double> supply, DistanceDecay decay)
    : supply_(std::move(supply)), decay_(std::move(decay)) {
  decay_.validate();
  weighted_demand_.assign(supply_.size(), 0.0);
}

void FloatingCatchment::add_demand(double demand, const std::vector<Neighbour>& reach) {
  if (!(demand > 0)) return;
  for (const auto& [j, cost] : reach) {
    double w = decay_.weight(cost);
    if (w > 0) weighted_demand_[j] += demand * w;
  }
}

void FloatingCatchment::finish_step1() {
  ratio_.assign(supply_.size(), NAN);
  for (size_t j = 0; j < supply_.size(); ++j) {
    if (weighted_demand_[j] > 0) ratio_[j] = supply_[j] / weighted_demand_[j];
  }
  finished_ = true;
}

double FloatingCatchment::accessibility(const std::vector<Neighbour>& reach) const {
  if (!finished_) throw Error(say("FloatingCatchment: step 2 before finish_step1()"));
  double a = 0.0;
  bool reached = false;
  for (const auto& [j, cost] : reach) {
    double w = decay_.weight(cost);
    if (w > 0 && !std::isnan(ratio_[j])) {
      a += ratio_[j] * w;
      reached = true;
    }
  }
  return reached ? a : NAN;
}

double FloatingCatchment::supply_reached() const {
  double s = 0.0;
  for (size_t j = 0; j < supply_.size(); ++j) {
    if (weighted_demand_[j] > 0) s += supply_[j];
  }
  return s;
}

}  // namespace tuowei::gis
