// An analysis held in memory for interactive what-if work (the map): add,
// move or remove a facility and get the indicators and coverage back at once.
//
// Exact and incremental: in 2SFCA a facility's supply ratio R_j depends only
// on the demand around it, so an edit changes R of the edited facility alone
// and accessibility only within its catchment; coverage and desert flags are
// redone for those cells, and township sums are adjusted by the cells' exact
// township shares. Cell-level access only ([access] demand = "cells", no cost
// table); desert polygons are not redrawn by edits.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "planner/run.h"

namespace tuowei::planner {

class Session {
 public:
  // Runs the indicators with access (as `tuowei access` does) and builds the
  // in-memory model. Throws InputError like run_indicators.
  static std::unique_ptr<Session> open(const std::filesystem::path& project_file, const Progress& progress = {});
  ~Session();

  const Project& project() const { return run_.project; }
  const StudyArea& area() const { return run_.area; }
  const IndicatorRun& initial() const { return run_; }  // as loaded (with desert polygons, catchments)
  // The current indicators, after every edit so far.
  const IndicatorTable& table() const { return table_; }
  // Per facility (same index as area().facilities): places per child in its catchment (NaN: no demand).
  double places_per_child(int facility) const;

  // Edits. `f.lon`/`f.lat` in WGS84; returns the facility's index.
  int add_facility(Facility f);
  void move_facility(int index, double lon, double lat);
  void remove_facility(int index);  // later indices shift down by one
  // Townships whose indicators the last edit changed.
  const std::vector<int>& changed_townships() const { return changed_; }

 private:
  Session() = default;
  struct Model;
  IndicatorRun run_;
  IndicatorTable table_;
  std::unique_ptr<Model> model_;
  std::vector<int> changed_;
  void refresh_table();
};

}  // namespace tuowei::planner
