#include "planner/facilities.h"

#include <fmt/format.h>

#include "gis/error.h"
#include "planner/say.h"

namespace tuowei::planner {

FacilitySet::FacilitySet(const Study& study) : FacilitySet(study, study.demand_ptr()) {}

FacilitySet::FacilitySet(const Study& study, std::shared_ptr<const Demand> demand)
    : study_(&study), demand_(std::move(demand)), list_(study.facilities()) {
  if (!demand_) throw gis::Error(say("FacilitySet: no population given"));
}

FacilitySet FacilitySet::with_demand(std::shared_ptr<const Demand> demand) const {
  if (!demand) throw gis::Error(say("FacilitySet: no population given"));
  FacilitySet out = *this;
  out.demand_ = std::move(demand);
  return out;
}

int FacilitySet::add(Facility f) {
  const double lon = f.lon, lat = f.lat;
  list_.push_back(study_->place(std::move(f), lon, lat));
  return int(list_.size()) - 1;
}

void FacilitySet::remove(int index) {
  if (index < 0 || size_t(index) >= list_.size()) throw gis::Error(say("no facility {}", index));
  list_.erase(list_.begin() + index);
}

void FacilitySet::move(int index, double lon, double lat) {
  if (index < 0 || size_t(index) >= list_.size()) throw gis::Error(say("no facility {}", index));
  list_[size_t(index)] = study_->place(std::move(list_[size_t(index)]), lon, lat);
}

}  // namespace tuowei::planner
