// The report a health commission hands in (tuowei report, the map's File ›
// Export report): report.xlsx (tables and Excel charts) and report.pdf (A4:
// key figures, rankings, maps, equity, proposals, data and methods), both
// from one analysis of a loaded study.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "planner/analysis.h"
#include "planner/equity.h"
#include "planner/indicators.h"
#include "planner/outputs.h"
#include "planner/region.h"
#include "planner/siting/propose.h"

namespace tuowei::planner {

struct ReportContent {
  const Analysis* base = nullptr;           // indicators with access (cells or townships)
  const ProposalRun* proposals = nullptr;   // sites proposed on `base`, when run
  AccessEquity equity;                      // of base's access
  std::optional<RegionRanking> region;      // when [report] region_table is set
  std::vector<YearNeed> needs;              // places needed by year (places_needed_by_year)
  std::string title, organisation;
  std::string date;                         // YYYY-MM-DD, the day it is written
  Labels labels = Labels::zh;               // the report's language
};

// What a report needs beyond `base` (which must have access): equity (a
// second 2SFCA with inclusive places only), the regional ranking (reads the
// region table), the needs by year. Throws InputError.
ReportContent prepare_report(const Analysis& base, const ProposalRun* proposals, Labels labels,
                             const Progress& progress = {});

// The two files, each written under a temporary name and renamed into place.
void write_report_xlsx(const std::filesystem::path& file, const ReportContent& content);
void write_report_pdf(const std::filesystem::path& file, const ReportContent& content);

// DIR/report.xlsx and DIR/report.pdf. Returns the files.
std::vector<std::filesystem::path> write_report(const std::filesystem::path& dir, const ReportContent& content);

// The figures the report adds to summary.json: equity and the regional rank.
nlohmann::json report_summary_json(const ReportContent& content);

}  // namespace tuowei::planner
