// What-if work on a loaded study (the map): add, move or remove a facility
// and get the indicators, catchments and deserts back at once. The access
// side is an IncrementalAccess (exact, incremental; see its header); the
// indicators are recomputed from the edited facilities, which is cheap.
#pragma once

#include <memory>
#include <vector>

#include "planner/analysis.h"
#include "planner/incremental_access.h"
#include "planner/indicators.h"
#include "planner/study.h"

namespace tuowei::planner {

// Not movable: its editor holds on to its own analysis.
class Session {
 public:
  // Starts from `start` (an analysis with cell-level, straight-line access
  // of some facilities on `study`, usually the register). Throws InputError
  // when its settings do not allow edits (townships as demand, a cost table).
  Session(std::shared_ptr<const Study> study, Analysis start);
  // A session on the study's facility register, analysed with `settings`
  // for the population at the end of `year` (0 = the study's base year).
  static std::unique_ptr<Session> start(std::shared_ptr<const Study> study, const AccessConfig& settings,
                                        const Targets& targets, const Progress& progress = {}, int year = 0);
  // The facilities of `from`, edits included, analysed again for the
  // population at the end of `year`. Throws InputError for a year before the
  // study's base year.
  static std::unique_ptr<Session> in_year(const Session& from, int year, const Progress& progress = {});
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();

  const Study& study() const { return *study_; }
  const std::shared_ptr<const Study>& study_ptr() const { return study_; }
  // The state after every edit so far: the facilities, their indicators
  // and access, as an analysis (for proposals on the edited state, exports).
  const Analysis& current() const { return current_; }
  const FacilitySet& facilities() const { return current_.facilities; }
  const AccessResult& access() const { return *current_.access; }
  const IndicatorTable& table() const { return current_.table; }

  // Edits. `f.lon`/`f.lat` in WGS84; returns the facility's index.
  int add_facility(Facility f);
  void move_facility(int index, double lon, double lat);
  void remove_facility(int index);  // later indices shift down by one

  // What the last edit changed: townships whose indicators changed, and
  // townships whose desert polygons were drawn again.
  const std::vector<int>& changed_townships() const { return changed_; }
  const std::vector<int>& redrawn_deserts() const { return redrawn_; }

 private:
  void after_edit();

  std::shared_ptr<const Study> study_;
  Analysis current_;
  IncrementalAccess editor_;  // edits current_.facilities and *current_.access
  std::vector<int> changed_, redrawn_;
};

}  // namespace tuowei::planner
