// The location problem each objective poses (docs/methods.md, "Site
// proposals"): what serving a populated cell is worth, given the existing
// facilities, and what each candidate reaches. gis/location_allocation.h
// solves what these build.
#pragma once

#include <vector>

#include "gis/location_allocation.h"
#include "planner/access.h"
#include "planner/facilities.h"
#include "planner/siting/candidates.h"

namespace tuowei::planner {

// Per populated cell (DemandCells order), what serving it is worth:
//  coverage, setcover: its children when no existing catchment reaches it;
//  capacitated: its children not matched by existing places, P_i max(0, 1 - A_i)
//    with A_i from uniform 2SFCA over all places within radius_m;
//  pmedian: its children.
// `before` is the existing facilities' access; reused when its settings give
// the same numbers, else the needed 2SFCA is run on the study's cells.
std::vector<double> demand_weights(Objective objective, const FacilitySet& existing, const AccessResult& before,
                                   double radius_m);

// Coverage, capacitated coverage and set cover: each candidate's reach over
// the cells with weight > 0 within its radius (its type's, else radius_m;
// straight-line), and (for capacitated coverage) its places as capacity.
gis::LocationProblem coverage_instance(const DemandCells& cells, const std::vector<double>& weight,
                                       const std::vector<Candidate>& candidates, double radius_m);

// p-median: children aggregated to cells of `cell_m` (distances are about
// kilometres here), each coarse cell's current cost the distance to its
// nearest existing facility capped at `cap_m`, and each candidate's reach
// within cap_m.
gis::LocationProblem pmedian_instance(const FacilitySet& existing, const std::vector<Candidate>& candidates,
                                      double cell_m, double cap_m);

}  // namespace tuowei::planner
