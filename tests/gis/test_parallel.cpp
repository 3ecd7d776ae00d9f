// parallel_for: every index once, exceptions passed on, results that do not
// depend on the number of threads.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "gis/parallel.h"
#include "threads.h"

using tuowei::gis::parallel_for;

using tuowei::test::Threads;

TEST(Parallel, EveryIndexIsVisitedOnceInChunksOfTheGrain) {
  Threads t(3);
  std::vector<std::atomic<int>> seen(1000);
  std::atomic<int> chunks{0}, too_big{0};
  parallel_for(seen.size(), 7, [&](size_t b, size_t e, int worker) {
    ++chunks;
    if (e - b > 7 || worker < 0 || worker >= 3) ++too_big;
    for (size_t i = b; i < e; ++i) ++seen[i];
  });
  for (const auto& s : seen) EXPECT_EQ(s.load(), 1);
  EXPECT_EQ(chunks.load(), 143);  // ceil(1000 / 7)
  EXPECT_EQ(too_big.load(), 0);
}

TEST(Parallel, NothingToDoCallsNothing) {
  int calls = 0;
  parallel_for(0, 1, [&](size_t, size_t, int) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(Parallel, AnExceptionReachesTheCallerAfterTheOtherChunks) {
  Threads t(2);
  std::atomic<int> done{0};
  EXPECT_THROW(parallel_for(100, 1,
                            [&](size_t b, size_t, int) {
                              if (b == 13) throw std::runtime_error("chunk 13");
                              ++done;
                            }),
               std::runtime_error);
  EXPECT_EQ(done.load(), 99);
}

TEST(Parallel, OneThreadRunsEverythingOnTheCaller) {
  Threads t(1);
  const auto caller = std::this_thread::get_id();
  bool elsewhere = false;
  parallel_for(50, 1, [&](size_t, size_t, int) { elsewhere |= std::this_thread::get_id() != caller; });
  EXPECT_FALSE(elsewhere);
}
