// The planner calls the map makes, as jobs for a Worker: loading a study
// (read once; a what-if session on it when its settings allow edits) and
// proposing sites on the state on screen, each with its results prepared
// for display on the same worker thread.
#pragma once

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/analysis.h"
#include "planner/outputs.h"
#include "planner/problems.h"
#include "planner/session.h"
#include "planner/siting/propose.h"
#include "planner/study.h"
#include "ui/map_content.h"

namespace tuowei::ui {

struct LoadedProject {
  QString file;
  std::shared_ptr<const planner::Study> study;  // null when the project could not be loaded
  // What-if editing (planner::Session); null when the project's [access]
  // settings do not allow it (townships as demand, a cost table).
  std::shared_ptr<planner::Session> session;
  // The analysis as loaded; without a session, also the one on screen.
  std::shared_ptr<const planner::Analysis> loaded;
  planner::Problems problems;  // errors (failed) or warnings
  QString failure;             // an unexpected failure outside planner's checks
  MapContent content;

  // The analysis on screen: the session's current state, else as loaded.
  const planner::Analysis* current() const { return session ? &session->current() : loaded.get(); }
};

// Reads the project, loads the study once and analyses it with access (a
// what-if session when the settings allow edits); then prepares the
// display geometry.
std::shared_ptr<LoadedProject> load_project(const QString& file, const planner::Progress& progress);

// The facilities of `from` (what-if edits included) analysed again for the
// population at the end of `year` (planner::Study::demand_for), on the same
// study; then the display geometry. Reads no file. `from` must not be
// edited while this runs.
std::shared_ptr<LoadedProject> change_year(std::shared_ptr<const LoadedProject> from, int year,
                                           const planner::Progress& progress);

struct ProposalSettings {
  int sites = 5;
  planner::Objective objective = planner::Objective::coverage;
  double radius_m = 300.0;
};

struct ProposalResult {
  std::shared_ptr<const planner::Study> study;      // what `run` refers to
  std::shared_ptr<const planner::ProposalRun> run;  // null when it could not be run
  planner::Problems problems;
  QString failure;
  std::vector<PointSymbol> sites;  // feature = index into run->proposals
};

struct ReportResult {
  QString error;        // "" when written
  QStringList files;    // report.xlsx, report.pdf
};

// The report (planner/report/report.h) of the state on screen: `project`'s
// current analysis, with `proposals` when they are shown. Neither may be
// edited while this runs.
std::shared_ptr<ReportResult> export_report(std::shared_ptr<const LoadedProject> project,
                                            std::shared_ptr<const ProposalResult> proposals, const QString& folder,
                                            planner::Labels labels, const planner::Progress& progress);

// Proposes sites on `base` (the state on screen: what-if edits included),
// analysed again first when the radius asked for differs from its own.
// Reads no file.
std::shared_ptr<ProposalResult> propose_sites(std::shared_ptr<const planner::Study> study,
                                              const planner::Analysis& base, const ProposalSettings& settings,
                                              const planner::Progress& progress);

}  // namespace tuowei::ui
