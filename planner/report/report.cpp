#include "planner/report/report.h"

#include <fmt/format.h>

#include <ctime>

#include "gis/atomic_file.h"
#include "gis/error.h"
#include "planner/say.h"

namespace fs = std::filesystem;

namespace tuowei::planner {
namespace {

std::string today() {
  std::time_t t = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::localtime(&t));
  return buf;
}

nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json inequality_json(const gis::Inequality& q) {
  return {{"children", q.population},     {"mean_places_per_child", number_or_null(q.mean)},
          {"gini", number_or_null(q.gini)}, {"palma", number_or_null(q.palma)},
          {"bottom40_share", number_or_null(q.bottom40)}, {"top10_share", number_or_null(q.top10)},
          {"share_without_access", number_or_null(q.share_zero)}};
}

}  // namespace

ReportContent prepare_report(const Analysis& base, const ProposalRun* proposals, Labels labels,
                             const Progress& progress) {
  if (!base.access) {
    Problems p;
    p.error(say("report"), say("the report needs catchments and deserts: an analysis with access"));
    throw InputError(p);
  }
  ReportContent c;
  c.base = &base;
  c.proposals = proposals;
  c.labels = labels;
  c.date = today();
  const Project& project = base.facilities.study().project();
  // A project named as an assessment already ("...托育资源评估") becomes its report.
  const bool named = project.name.find("评估") != std::string::npos;
  c.title = !project.report.title.empty() ? project.report.title
            : labels == Labels::zh        ? project.name + (named ? "报告" : "托育服务资源评估报告")
                                          : project.name + ": childcare places for children under 3";
  c.organisation = project.report.organisation;
  if (progress) progress("equity", 0.0);
  c.equity = access_equity(base.facilities, *base.access, progress);
  c.needs = places_needed_by_year(base.facilities, base.table.targets);
  if (!project.report.region_table.empty()) {
    Problems p;
    c.region = rank_in_region(project.report, base.table, project.name, p);
    if (p.has_errors()) throw InputError(p);
  }
  return c;
}

std::vector<fs::path> write_report(const fs::path& dir, const ReportContent& content) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw gis::Error(say("{}: cannot create the output folder ({})", dir.string(), ec.message()));
  const fs::path xlsx = dir / "report.xlsx", pdf = dir / "report.pdf";
  gis::FileSet set(dir);  // both, or neither
  write_report_xlsx(xlsx, content);
  write_report_pdf(pdf, content);
  set.commit();
  return {xlsx, pdf};
}

nlohmann::json report_summary_json(const ReportContent& c) {
  nlohmann::json j;
  j["equity"] = {{"all_places", inequality_json(c.equity.all)}};
  if (c.equity.has_inclusive) j["equity"]["inclusive_places"] = inequality_json(c.equity.inclusive);
  nlohmann::json deserts = nlohmann::json::array();
  for (const IndicatorRow& p : c.base->table.parents) {
    deserts.push_back({{"id", p.id},
                       {"name", p.name},
                       {"children_in_deserts", number_or_null(p.children_in_deserts)},
                       {"share", number_or_null(p.children_0_3 > 0 ? p.children_in_deserts / p.children_0_3 : NAN)}});
  }
  j["equity"]["desert_share_by_county"] = deserts;
  if (c.region) {
    nlohmann::json units = nlohmann::json::array();
    for (const RegionUnit& u : c.region->units) {
      if (!u.in_study) continue;
      units.push_back({{"id", u.id},
                       {"name", u.name},
                       {"places_per_1000", number_or_null(u.places_per_1000)},
                       {"rank_places_per_1000", u.rank_places},
                       {"enrolment_rate", number_or_null(u.enrolment_rate)},
                       {"rank_enrolment_rate", u.rank_enrolment}});
    }
    j["region"] = {{"table", c.region->source},
                   {"units_ranked_by_places_per_1000", c.region->ranked_places},
                   {"units_ranked_by_enrolment_rate", c.region->ranked_enrolment},
                   {"study_units", units}};
  }
  return j;
}

}  // namespace tuowei::planner
