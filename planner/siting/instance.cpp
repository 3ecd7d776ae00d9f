#include "planner/siting/instance.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "gis/parallel.h"
#include "gis/point_index.h"

namespace tuowei::planner {

std::vector<double> demand_weights(Objective objective, const FacilitySet& existing, const AccessResult& before,
                                   double radius_m) {
  const DemandCells& cells = existing.demand().cells;
  std::vector<double> weight(cells.size(), 0.0);
  switch (objective) {
    case Objective::coverage:
    case Objective::setcover:
      // Only children not yet covered count.
      for (size_t i = 0; i < cells.size(); ++i) {
        weight[i] = before.cells.reached_by[i] == 0 ? cells.children(i) : 0.0;
      }
      break;
    case Objective::capacitated: {
      // Children not matched by existing places, as uniform 2SFCA over all
      // places apportions them.
      const AccessConfig& b = before.settings;
      const bool same = b.decay == gis::DistanceDecay::Kind::uniform && b.supply == SupplyKind::places &&
                        b.radius_m == radius_m && b.cost_table.empty();
      AccessResult own;
      if (!same) {
        AccessConfig plain = b;
        plain.decay = gis::DistanceDecay::Kind::uniform;
        plain.steps.clear();
        plain.supply = SupplyKind::places;
        plain.radius_m = radius_m;
        plain.cost_table.clear();
        own = compute_access(existing, plain);
      }
      const std::vector<double>& access = same ? before.cells.access : own.cells.access;
      for (size_t i = 0; i < cells.size(); ++i) {
        const double a = std::isnan(access[i]) ? 0.0 : access[i];
        weight[i] = cells.children(i) * std::max(0.0, 1.0 - a);
      }
      break;
    }
    case Objective::pmedian:
      weight = cells.children();
      break;
  }
  return weight;
}

gis::LocationProblem coverage_instance(const DemandCells& cells, const std::vector<double>& weight,
                                       const std::vector<Candidate>& candidates, double radius_m) {
  gis::LocationProblem pb;
  // Only cells that can gain are demand units, numbered in cell order.
  std::vector<int> unit(cells.size(), -1);
  for (size_t i = 0; i < cells.size(); ++i) {
    if (weight[i] > 0) {
      unit[i] = int(pb.weight.size());
      pb.weight.push_back(weight[i]);
    }
  }
  pb.reach.resize(candidates.size());
  gis::parallel_for(candidates.size(), 64, [&](size_t b, size_t e, int) {
    std::vector<gis::Neighbour> near;
    for (size_t j = b; j < e; ++j) {
      const double r = candidates[j].radius_m > 0 ? candidates[j].radius_m : radius_m;
      cells.within(candidates[j].x, candidates[j].y, r, near);
      for (const auto& [i, d] : near) {
        if (unit[size_t(i)] >= 0) pb.reach[j].emplace_back(unit[size_t(i)], d);
      }
    }
  });
  for (const Candidate& k : candidates) pb.capacity.push_back(k.places);
  return pb;
}

gis::LocationProblem pmedian_instance(const FacilitySet& existing, const std::vector<Candidate>& candidates,
                                      double s, double cap) {
  const DemandCells& cells = existing.demand().cells;
  const gis::CellPoints& points = cells.points();
  gis::LocationProblem pb;
  std::map<std::pair<long long, long long>, std::array<double, 3>> coarse;
  for (size_t i = 0; i < cells.size(); ++i) {
    const double p = cells.children(i), x = points.x(i), y = points.y(i);
    auto& v = coarse[{(long long)std::floor(x / s), (long long)std::floor(y / s)}];
    v[0] += p;
    v[1] += p * x;
    v[2] += p * y;
  }
  std::vector<double> fx, fy;
  for (const Facility& f : existing.all()) {
    fx.push_back(f.x);
    fy.push_back(f.y);
  }
  gis::PointIndex facilities(fx, fy);
  std::vector<double> cx, cy;
  std::vector<gis::Neighbour> near;
  for (const auto& [k, v] : coarse) {
    cx.push_back(v[1] / v[0]);
    cy.push_back(v[2] / v[0]);
    pb.weight.push_back(v[0]);
    facilities.within(cx.back(), cy.back(), cap, near);
    double d = cap;
    for (const auto& [j, dist] : near) d = std::min(d, dist);
    pb.current_cost.push_back(d);
  }
  gis::PointIndex index(cx, cy);
  for (const Candidate& k : candidates) {
    index.within(k.x, k.y, cap, near);
    pb.reach.push_back(near);
  }
  return pb;
}

}  // namespace tuowei::planner
