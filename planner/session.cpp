#include "planner/session.h"

#include "planner/say.h"

namespace tuowei::planner {
namespace {

AccessResult& access_of(Analysis& a) {
  if (!a.access) {
    Problems p;
    p.error(as_is("[access]"), say("what-if editing needs an analysis with access (catchments)"));
    throw InputError(p);
  }
  return *a.access;
}

}  // namespace

Session::Session(std::shared_ptr<const Study> study, Analysis start)
    : study_(std::move(study)), current_(std::move(start)), editor_(current_.facilities, access_of(current_)) {}

Session::~Session() = default;

std::unique_ptr<Session> Session::start(std::shared_ptr<const Study> study, const AccessConfig& settings,
                                        const Targets& targets, const Progress& progress, int year) {
  Analysis a = analyse(FacilitySet(*study, study->demand_for(year)), targets, settings, progress);
  return std::make_unique<Session>(std::move(study), std::move(a));
}

std::unique_ptr<Session> Session::in_year(const Session& from, int year, const Progress& progress) {
  const Analysis& now = from.current();
  FacilitySet facilities = now.facilities.with_demand(from.study().demand_for(year));
  Analysis a = analyse(facilities, now.table.targets, now.access->settings, progress);
  return std::make_unique<Session>(from.study_ptr(), std::move(a));
}

void Session::after_edit() {
  changed_ = editor_.take_changed_townships();
  redrawn_ = editor_.take_redrawn_deserts();
  current_.table = compute_indicators(current_.facilities, current_.table.targets);
  add_access_columns(current_.table, current_.access->townships);
}

int Session::add_facility(Facility f) {
  const int j = editor_.add(std::move(f));
  after_edit();
  return j;
}

void Session::move_facility(int j, double lon, double lat) {
  editor_.move(j, lon, lat);
  after_edit();
}

void Session::remove_facility(int j) {
  editor_.remove(j);
  after_edit();
}

}  // namespace tuowei::planner
