// Work spread over the machine's cores, with results that do not depend on
// how many there are.
//
// parallel_for hands out indices in chunks to worker threads; each index is
// processed exactly once, by one thread. Callers keep results independent of
// the thread count by writing each index's result to its own place and by
// doing reductions (sums over indices) afterwards in index order, never per
// thread. The same rule makes a 1-thread and an N-thread run bitwise equal.
#pragma once

#include <cstddef>
#include <functional>

namespace tuowei::gis {

// Threads used by parallel_for and by GDAL's multi-threaded GeoTIFF decoding
// and encoding (GDAL_NUM_THREADS). Default: the TUOWEI_THREADS environment
// variable, else the number of hardware threads.
int thread_count();
// n >= 1. Also sets GDAL_NUM_THREADS for datasets opened afterwards.
void set_thread_count(int n);

// Calls body(begin, end, worker) for consecutive chunks [begin, end) of
// [0, n), at most `grain` indices each, on up to thread_count() threads
// (worker in [0, thread_count())). Returns when every chunk is done. An
// exception thrown by a body is rethrown here (the first one); the other
// chunks still run to the end.
void parallel_for(size_t n, size_t grain, const std::function<void(size_t begin, size_t end, int worker)>& body);

}  // namespace tuowei::gis
