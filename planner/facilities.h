// The facilities an analysis runs on: the study's register, or the register
// with facilities added, moved or removed (what-if edits, proposed sites),
// and the population they serve: the study's base year, or a later year's
// (Study::demand_for). A FacilitySet is a value laid over the study:
// copying one to try something leaves the study and the original as they
// were, so two proposals, or an edit and a proposal, can stand side by side.
#pragma once

#include <memory>
#include <vector>

#include "planner/study.h"

namespace tuowei::planner {

class FacilitySet {
 public:
  // The register as loaded, serving the base year's population.
  explicit FacilitySet(const Study& study);
  // The register serving `demand` (a Demand of the same study).
  FacilitySet(const Study& study, std::shared_ptr<const Demand> demand);

  const Study& study() const { return *study_; }
  // The population the facilities serve.
  const Demand& demand() const { return *demand_; }
  const std::shared_ptr<const Demand>& demand_ptr() const { return demand_; }
  int year() const { return demand_->year; }
  // These facilities serving another year's population.
  FacilitySet with_demand(std::shared_ptr<const Demand> demand) const;
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
  std::shared_ptr<const Demand> demand_;
  std::vector<Facility> list_;
};

}  // namespace tuowei::planner
