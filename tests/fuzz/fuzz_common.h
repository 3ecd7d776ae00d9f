// Shared by the fuzz targets: what counts as a finding. A target may refuse
// its input with the errors a user sees (planner::InputError, gis::Error);
// any other exception, a crash, a sanitizer report or a broken invariant
// aborts, and libFuzzer keeps the input.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "gis/error.h"
#include "planner/problems.h"

namespace tuowei::fuzz {

[[noreturn]] inline void finding(const std::string& what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
  std::abort();
}

template <class F>
void refusal_allowed(F&& f) {
  try {
    f();
  } catch (const planner::InputError& e) {
    // Every refusal names something: an empty message would be a finding.
    if (std::string(e.what()).empty()) finding("an InputError with no message");
  } catch (const gis::Error& e) {
    if (std::string(e.what()).empty()) finding("a gis::Error with no message");
  } catch (const std::exception& e) {
    finding(std::string("unexpected exception: ") + e.what());
  }
}

inline void check(bool ok, const std::string& what) {
  if (!ok) finding(what);
}

}  // namespace tuowei::fuzz
