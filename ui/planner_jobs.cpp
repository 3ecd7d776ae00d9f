#include "ui/planner_jobs.h"

#include <exception>

namespace tuowei::ui {

std::shared_ptr<LoadedProject> load_project(const QString& file, const planner::Progress& progress) {
  auto out = std::make_shared<LoadedProject>();
  out->file = file;
  try {
    // planner::Session needs cell-level access with straight-line distances;
    // the settings are read first (cheap) so that no project runs twice.
    planner::Problems ignored;
    const planner::Project project = planner::load_project(file.toStdString(), ignored);
    if (!ignored.has_errors() && project.access.demand == "cells" && project.access.cost_table.empty()) {
      std::shared_ptr<planner::Session> session = planner::Session::open(file.toStdString(), progress);
      out->run = std::shared_ptr<const planner::IndicatorRun>(session, &session->initial());
      out->session = std::move(session);
    } else {
      planner::IndicatorOptions options;
      options.access = true;
      options.progress = progress;
      out->run = std::make_shared<planner::IndicatorRun>(planner::run_indicators(file.toStdString(), options));
    }
    if (progress) progress("preparing the map", 0.0);
    out->content = build_map_content(*out->run);
    out->problems = out->run->problems;
  } catch (const planner::InputError& e) {
    out->problems = e.problems();
  } catch (const std::exception& e) {
    out->failure = QString::fromUtf8(e.what());
  }
  return out;
}

std::shared_ptr<ProposalResult> propose_sites(const QString& file, const ProposalSettings& settings,
                                              const planner::Progress& progress) {
  auto out = std::make_shared<ProposalResult>();
  try {
    planner::ProposalOptions options;
    options.sites = settings.sites;
    options.objective = settings.objective;
    options.radius_m = settings.radius_m;
    options.progress = progress;
    auto run = std::make_shared<planner::ProposalRun>(planner::run_proposals(file.toStdString(), options));
    for (size_t i = 0; i < run->proposals.size(); ++i) {
      const planner::Proposal& p = run->proposals[i];
      PointSymbol s;
      s.lon = p.site.lon;
      s.lat = p.site.lat;
      s.radius_px = 8.0f;
      s.style = 0;
      s.feature = int(i);
      out->sites.push_back(s);
    }
    out->problems = run->before.problems;
    out->run = std::move(run);
  } catch (const planner::InputError& e) {
    out->problems = e.problems();
  } catch (const std::exception& e) {
    out->failure = QString::fromUtf8(e.what());
  }
  return out;
}

}  // namespace tuowei::ui
