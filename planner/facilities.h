// The facilities an analysis runs on: the study's register, or the register
// with facilities added, moved or removed (what-if edits, proposed sites).
// A FacilitySet is a value laid over the study: copying one to try
// something leaves the study and the original as they were, so two
// proposals, or an edit and a proposal, can stand side by side.
#pragma once

#include <vector>

#include "planner/study.h"

namespace tuowei::planner {

class FacilitySet {
 public:
  // The register as loaded.
  explicit FacilitySet(const Study& study);

  const Study& study() const { return *study_; }
  const std::vector<Facility>& all() const { return list_; }
  size_t size() const { return list_.size(); }
  const Facility& operator[](size_t i) const { return list_[i]; }

  // `f` at (f.lon, f.lat) WGS84; its metric position and township are set
  // here. Returns its index (the last).
  int add(Facility f);
  // Later indices shift down by one.
  void remove(int index);
  void move(int index, double lon, double lat);

 private:
  const Study* study_;
  std::vector<Facility> list_;
};

}  // namespace tuowei::planner
