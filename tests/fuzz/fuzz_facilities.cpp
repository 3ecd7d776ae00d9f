// The facility reader on any bytes as facilities.csv (or, for the xlsx
// target, facilities.xlsx), read as a run reads it: every record either
// becomes a facility with finite, plausible numbers or is named in an error.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>

#include "fuzz_common.h"
#include "mini_project.h"
#include "planner/inputs.h"
#include "planner/project.h"

#ifndef TUOWEI_FUZZ_EXT
#define TUOWEI_FUZZ_EXT "csv"
#endif

using namespace tuowei;

namespace {
const test::MiniProject& project() {
  static const test::MiniProject p = test::MiniProject::create(
      std::string("fuzz-facilities-") + TUOWEI_FUZZ_EXT, {},
      std::string("path = \"fuzzed.") + TUOWEI_FUZZ_EXT + "\"\ncrs = \"EPSG:4326\"\n");
  return p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::filesystem::path file = project().dir / (std::string("fuzzed.") + TUOWEI_FUZZ_EXT);
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
  }
  fuzz::refusal_allowed([&] {
    planner::Problems problems;
    const planner::Project p = planner::read_project(project().toml, problems);
    fuzz::check(!problems.has_errors(), "the mini project's own project file has errors:\n" + problems.format());
    planner::Problems read;
    const planner::StudyInputs in = planner::read_inputs(p, read);
    for (const planner::Facility& f : in.facilities) {
      fuzz::check(std::isfinite(f.places) && f.places >= 0 && f.places <= 10000, "implausible places let through");
      fuzz::check(std::isnan(f.enrolled) || (std::isfinite(f.enrolled) && f.enrolled >= 0), "implausible enrolment let through");
      fuzz::check(std::isfinite(f.lon) && std::isfinite(f.lat), "non-finite coordinates let through");
    }
    for (const planner::Problem& pr : read.all()) {
      fuzz::check(!pr.message.en().empty() && !pr.message.zh().empty(), "a problem with no message");
    }
  });
  return 0;
}
