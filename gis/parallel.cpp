#include "gis/parallel.h"

#include <cpl_conv.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tuowei::gis {
namespace {

int initial_thread_count() {
  if (const char* env = std::getenv("TUOWEI_THREADS")) {
    int n = std::atoi(env);
    if (n >= 1) return n;
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

std::atomic<int>& threads() {
  static std::atomic<int> n{initial_thread_count()};
  return n;
}

void set_gdal_threads(int n) { CPLSetConfigOption("GDAL_NUM_THREADS", std::to_string(n).c_str()); }

}  // namespace

int thread_count() {
  static std::once_flag once;
  std::call_once(once, [] { set_gdal_threads(threads().load()); });
  return threads().load();
}

void set_thread_count(int n) {
  n = std::max(1, n);
  thread_count();  // the first-use set-up, so that it cannot overwrite n later
  threads().store(n);
  set_gdal_threads(n);
}

void parallel_for(size_t n, size_t grain, const std::function<void(size_t, size_t, int)>& body) {
  if (n == 0) return;
  grain = std::max<size_t>(1, grain);
  const size_t chunks = (n + grain - 1) / grain;
  const int workers = int(std::min<size_t>(size_t(thread_count()), chunks));
  if (workers <= 1) {
    body(0, n, 0);
    return;
  }
  std::atomic<size_t> next{0};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto run = [&](int worker) {
    for (;;) {
      const size_t c = next.fetch_add(1);
      if (c >= chunks) return;
      const size_t begin = c * grain, end = std::min(n, begin + grain);
      try {
        body(begin, end, worker);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(size_t(workers - 1));
  for (int w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
  for (std::thread& t : pool) t.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace tuowei::gis
