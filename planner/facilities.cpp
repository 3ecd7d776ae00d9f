#include "planner/facilities.h"

#include <fmt/format.h>

#include "gis/error.h"

namespace tuowei::planner {

FacilitySet::FacilitySet(const Study& study) : study_(&study), list_(study.facilities()) {}

int FacilitySet::add(Facility f) {
  const double lon = f.lon, lat = f.lat;
  list_.push_back(study_->place(std::move(f), lon, lat));
  return int(list_.size()) - 1;
}

void FacilitySet::remove(int index) {
  if (index < 0 || size_t(index) >= list_.size()) throw gis::Error(fmt::format("no facility {}", index));
  list_.erase(list_.begin() + index);
}

void FacilitySet::move(int index, double lon, double lat) {
  if (index < 0 || size_t(index) >= list_.size()) throw gis::Error(fmt::format("no facility {}", index));
  list_[size_t(index)] = study_->place(std::move(list_[size_t(index)]), lon, lat);
}

}  // namespace tuowei::planner
