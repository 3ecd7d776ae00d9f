// The cost-table reader on any bytes as the mini project's cost table
// (origin = township id, destination = facility id, cost in minutes), read
// by a whole access analysis: refused with named errors, or results whose
// numbers are finite and conserve the places reached.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>

#include "fuzz_common.h"
#include "mini_project.h"
#include "planner/analysis.h"
#include "planner/project.h"
#include "planner/study.h"

using namespace tuowei;

namespace {
struct Loaded {
  test::MiniProject files;
  planner::Project project;
  std::unique_ptr<planner::Study> study;
};

const Loaded& loaded() {
  static const Loaded l = [] {
    Loaded l;
    l.files = test::MiniProject::create("fuzz-cost-table");
    planner::Problems problems;
    l.project = planner::read_project(l.files.toml, problems);
    l.project.access.cost_table = (l.files.dir / "fuzzed.csv").string();
    l.project.access.origin_field = "origin";
    l.project.access.destination_field = "destination";
    l.project.access.cost_field = "minutes";
    l.project.access.cost_threshold = 15;
    l.study = std::make_unique<planner::Study>(planner::load_study(l.project, {}));
    return l;
  }();
  return l;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Loaded& l = loaded();
  {
    std::ofstream out(l.project.access.cost_table, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  }
  fuzz::refusal_allowed([&] {
    const planner::Analysis a =
        planner::analyse(planner::FacilitySet(*l.study), l.project.targets, l.project.access, {});
    const planner::AccessResult& r = *a.access;
    fuzz::check(std::isfinite(r.mean_access) || std::isnan(r.mean_access), "infinite mean accessibility");
    fuzz::check(std::isfinite(r.demand_times_access) && std::isfinite(r.supply_reached), "non-finite totals");
    fuzz::check(std::abs(r.demand_times_access - r.supply_reached) <= 1e-6 * std::max(1.0, r.supply_reached),
                "2SFCA does not conserve the places reached");
    for (const planner::IndicatorRow& row : a.table.townships) {
      fuzz::check(std::isnan(row.coverage_rate) || (row.coverage_rate >= 0 && row.coverage_rate <= 1 + 1e-12),
                  "coverage rate outside [0, 1]");
    }
  });
  return 0;
}
