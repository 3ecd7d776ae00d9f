// The planner calls the map makes, as jobs for a Worker: opening a project
// (run_indicators with access) and proposing sites (run_proposals), each
// with its results prepared for display on the same worker thread.
#pragma once

#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/problems.h"
#include "planner/run.h"
#include "planner/session.h"
#include "planner/siting.h"
#include "ui/map_content.h"

namespace tuowei::ui {

struct LoadedProject {
  QString file;
  // The run as loaded: its table stays as loaded; with a session, its
  // area's facilities follow the what-if edits. Null when the project
  // could not be run.
  std::shared_ptr<const planner::IndicatorRun> run;
  // What-if editing (planner::Session); null when the project's [access]
  // settings do not allow it (townships as demand, a cost table).
  std::shared_ptr<planner::Session> session;
  planner::Problems problems;  // errors (failed) or warnings
  QString failure;             // an unexpected failure outside planner's checks
  MapContent content;
};

// Opens the project as a what-if session (planner::Session, which runs the
// indicators with access) or, when its settings do not allow what-if
// edits, with planner::run_indicators; then prepares the display geometry.
std::shared_ptr<LoadedProject> load_project(const QString& file, const planner::Progress& progress);

struct ProposalSettings {
  int sites = 5;
  std::string objective = "coverage";  // coverage | capacitated | setcover | pmedian
  double radius_m = 300.0;
};

struct ProposalResult {
  std::shared_ptr<const planner::ProposalRun> run;  // null when it could not be run
  planner::Problems problems;
  QString failure;
  std::vector<PointSymbol> sites;  // feature = index into run->proposals
};

// planner::run_proposals on the project file.
std::shared_ptr<ProposalResult> propose_sites(const QString& file, const ProposalSettings& settings,
                                              const planner::Progress& progress);

}  // namespace tuowei::ui
