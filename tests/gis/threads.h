// Sets gis::thread_count() for a test and puts it back after.
#pragma once

#include "gis/parallel.h"

namespace tuowei::test {

struct Threads {
  explicit Threads(int n) : before(gis::thread_count()) { gis::set_thread_count(n); }
  ~Threads() { gis::set_thread_count(before); }
  Threads(const Threads&) = delete;
  Threads& operator=(const Threads&) = delete;
  int before;
};

}  // namespace tuowei::test
