// The rules of catchments and deserts, in one place: what a facility offers
// to the two-step floating catchment, and when a populated cell is a service
// desert. Batch access (access.cpp) and what-if edits (session.cpp) both use
// these. docs/methods.md section 6 has the sources.
#pragma once

#include <cmath>

#include "planner/project.h"
#include "planner/study.h"

namespace tuowei::planner {

// Supply: all places, or only inclusive (普惠) ones.
struct SupplyRule {
  SupplyKind kind = SupplyKind::places;

  // Whether the facility is supply in the 2SFCA. Every facility still counts
  // for coverage (a child within reach of any nursery is covered).
  bool counts(const Facility& f) const { return kind == SupplyKind::places || f.inclusive; }
  // S_j: the places it offers (0 when it does not count).
  double supply(const Facility& f) const { return counts(f) ? f.places : 0.0; }
};

// A populated cell (or township) is a service desert when it holds at least
// min_children under-3s and either no facility's catchment reaches it, or
// its accessibility gives more than children_per_place children per place
// (A_i x children_per_place < 1; CAP 2017 uses 3).
struct DesertRule {
  double children_per_place = 3.0;
  double min_children = 0.0;

  explicit DesertRule(const AccessConfig& c)
      : children_per_place(c.desert_children_per_place), min_children(c.desert_min_children) {}
  bool is_desert(double children, double access, bool covered) const {
    if (!(children > 0) || children < min_children) return false;
    if (!covered || std::isnan(access)) return true;
    return access * children_per_place < 1.0;
  }
};

}  // namespace tuowei::planner
