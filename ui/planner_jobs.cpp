#include "ui/planner_jobs.h"

#include <exception>

#include "planner/report/report.h"

namespace tuowei::ui {
namespace {

// The display geometry and the problems of a loaded state.
void prepare_display(LoadedProject& out, const planner::Progress& progress) {
  if (progress) progress("preparing the map", 0.0);
  out.content = build_map_content(*out.current());
  out.problems = out.current()->problems;
}

}  // namespace

std::shared_ptr<LoadedProject> load_project(const QString& file, const planner::Progress& progress) {
  auto out = std::make_shared<LoadedProject>();
  out->file = file;
  try {
    if (progress) progress("reading project", 0.0);
    const planner::Project project = planner::read_project_or_throw(file.toStdString());
    const planner::AccessConfig& access = project.access;
    planner::LoadOptions load;
    load.cells = access.demand == planner::DemandUnit::cells;
    load.progress = progress;
    out->study = std::make_shared<const planner::Study>(planner::load_study(project, load));
    const planner::Targets& targets = project.targets;
    // planner::Session needs cell-level access with straight-line distances.
    if (access.demand == planner::DemandUnit::cells && access.cost_table.empty()) {
      out->session = planner::Session::start(out->study, access, targets, progress);
    } else {
      out->loaded = std::make_shared<const planner::Analysis>(
          planner::analyse(planner::FacilitySet(*out->study), targets, access, progress));
    }
    prepare_display(*out, progress);
  } catch (const planner::InputError& e) {
    out->problems = e.problems();
    out->session.reset();
    out->study.reset();
  } catch (const std::exception& e) {
    out->failure = QString::fromUtf8(e.what());
    out->session.reset();
    out->study.reset();
  }
  return out;
}

std::shared_ptr<LoadedProject> change_year(std::shared_ptr<const LoadedProject> from, int year,
                                           const planner::Progress& progress) {
  auto out = std::make_shared<LoadedProject>();
  out->file = from->file;
  out->study = from->study;
  try {
    if (from->session) {
      out->session = planner::Session::in_year(*from->session, year, progress);
    } else {
      const planner::Analysis& now = *from->current();
      const planner::FacilitySet facilities = now.facilities.with_demand(out->study->demand_for(year));
      std::optional<planner::AccessConfig> access;
      if (now.access) access = now.access->settings;
      out->loaded = std::make_shared<const planner::Analysis>(
          planner::analyse(facilities, now.table.targets, access, progress));
    }
    prepare_display(*out, progress);
  } catch (const planner::InputError& e) {
    out->problems = e.problems();
    out->session.reset();
    out->loaded.reset();
  } catch (const std::exception& e) {
    out->failure = QString::fromUtf8(e.what());
    out->session.reset();
    out->loaded.reset();
  }
  return out;
}

std::shared_ptr<ReportResult> export_report(std::shared_ptr<const LoadedProject> project,
                                            std::shared_ptr<const ProposalResult> proposals, const QString& folder,
                                            planner::Labels labels, const planner::Progress& progress) {
  auto out = std::make_shared<ReportResult>();
  try {
    const planner::ProposalRun* run = proposals && proposals->run ? proposals->run.get() : nullptr;
    const planner::ReportContent content = planner::prepare_report(*project->current(), run, labels, progress);
    if (progress) progress("writing the report", 0.0);
    for (const auto& f : planner::write_report(folder.toStdString(), content)) {
      out->files.push_back(QString::fromStdString(f.string()));
    }
  } catch (const planner::InputError& e) {
    out->error = QString::fromUtf8(e.what());
  } catch (const std::exception& e) {
    out->error = QString::fromUtf8(e.what());
  }
  return out;
}

std::shared_ptr<ProposalResult> propose_sites(std::shared_ptr<const planner::Study> study,
                                              const planner::Analysis& current, const ProposalSettings& settings,
                                              const planner::Progress& progress) {
  auto out = std::make_shared<ProposalResult>();
  out->study = study;
  try {
    const planner::AccessResult* access = current.access ? &*current.access : nullptr;
    const planner::Analysis* base = &current;
    std::shared_ptr<const planner::Analysis> own;
    if (!access || access->settings.radius_m != settings.radius_m || access->cost_table()) {
      // The same facilities, analysed with the radius asked for.
      planner::AccessConfig changed = access ? access->settings : study->project().access;
      changed.radius_m = settings.radius_m;
      changed.cost_table.clear();
      own = std::make_shared<const planner::Analysis>(
          planner::analyse(current.facilities, current.table.targets, changed, progress));
      base = own.get();
    }
    planner::ProposalConfig config = study->project().proposals;
    config.sites = settings.sites;
    config.objective = settings.objective;
    planner::ProposalOptions options;
    options.progress = progress;
    auto run = std::make_shared<planner::ProposalRun>(planner::propose(*base, config, options));
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
    out->problems = run->problems;
    out->run = std::move(run);
  } catch (const planner::InputError& e) {
    out->problems = e.problems();
  } catch (const std::exception& e) {
    out->failure = QString::fromUtf8(e.what());
  }
  return out;
}

}  // namespace tuowei::ui
