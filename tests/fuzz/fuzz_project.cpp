// The project reader on any bytes as project.toml, beside the mini
// project's real files (so paths in the input may name them).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>

#include "fuzz_common.h"
#include "mini_project.h"
#include "planner/project.h"

using namespace tuowei;

namespace {
const test::MiniProject& project() {
  static const test::MiniProject p = test::MiniProject::create("fuzz-project");
  return p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::filesystem::path file = project().dir / "fuzzed.toml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  }
  fuzz::refusal_allowed([&] {
    planner::Problems problems;
    const planner::Project p = planner::read_project(file, problems);
    if (problems.has_errors()) return;
    // What the reader let through is finite and in its domain.
    fuzz::check(std::isfinite(p.targets.places_per_1000) && p.targets.places_per_1000 > 0,
                "places_per_1000 not finite and > 0");
    fuzz::check(std::isfinite(p.access.radius_m) && p.access.radius_m > 0, "radius_m not finite and > 0");
    fuzz::check(p.proposals.sites >= 0, "negative sites");
    fuzz::check(std::isfinite(p.proposals.places) && p.proposals.places > 0, "proposal places not finite and > 0");
    (void)planner::input_files(p);
  });
  return 0;
}
