// Exact zonal sums: for each zone and each raster layer, the sum of cell
// values weighted by the exact share of each cell inside the zone.
//
// The raster is streamed once, top to bottom, in strips of whole block rows
// (the "raster-sequential" strategy): each block is read once, and memory is
// bounded by the strip size, not by the raster or the zones. Blocks are
// decoded on every core (GDAL_NUM_THREADS, gis/parallel.h) and the zones of
// a strip are worked on in parallel; each zone's sums are added in the same
// order whatever the number of threads, so results are bitwise the same.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "gis/coverage.h"
#include "gis/raster.h"

namespace tuowei::gis {

struct ZonalStats {
  std::vector<double> sum;          // per layer: sum of coverage x value over valid cells
  std::vector<double> valid_cells;  // per layer: coverage over cells that hold a value
  double inside_cells = 0.0;        // coverage over cells of the grid (in or out of nodata)
  double area_cells = 0.0;          // the zone's whole area, in cells
};

struct ZonalOptions {
  // Upper bound for the strip buffers (all layers read at once share it).
  std::size_t memory_budget_bytes = 256u << 20;
  // Called with the fraction done, 0..1.
  std::function<void(double)> progress;
};

// How much of one cell a zone covers (ZonalAccumulator::add_strip).
struct CellShare {
  size_t offset = 0;      // the cell within the strip: row * grid.cols + col
  int zone = -1;
  double fraction = 0.0;  // 0 < fraction <= 1
};

// Accumulates zonal statistics from strips of values that the caller
// produces (read from rasters or computed on the fly). NaN = no value.
class ZonalAccumulator {
 public:
  // Borrows `zones`; they must outlive the accumulator.
  ZonalAccumulator(const std::vector<CoveragePolygon>& zones, const Grid& grid, size_t layers);
  // values[l]: nrows * grid.cols values of layer l for rows [row0, row0 + nrows).
  // With `keep` (nrows * grid.cols flags) and `shares`: also every zone's
  // coverage fraction of each kept cell, into `shares` sorted by cell, then
  // zone (the same coverage fractions as the sums use).
  void add_strip(int row0, int nrows, const std::vector<const double*>& values, const unsigned char* keep = nullptr,
                 std::vector<CellShare>* shares = nullptr);
  // Layers as read from rasters, as floats: a value equal to nodata[l] (or
  // NaN) has none.
  void add_strip(int row0, int nrows, const std::vector<const float*>& values, const std::vector<double>& nodata,
                 const unsigned char* keep = nullptr, std::vector<CellShare>* shares = nullptr);
  const std::vector<ZonalStats>& stats() const { return stats_; }

 private:
  template <class T>
  void add(int row0, int nrows, const std::vector<const T*>& values, const std::vector<double>& nodata,
           const unsigned char* keep, std::vector<CellShare>* shares);

  const std::vector<CoveragePolygon>& zones_;
  Grid grid_;
  std::vector<ZonalStats> stats_;
  std::vector<int> order_;  // zones, largest window first: the long ones start early
  std::vector<std::vector<double>> cov_;          // per worker
  std::vector<std::vector<CellShare>> found_;     // per worker
  std::vector<unsigned> share_count_;             // per strip cell
};

// All layers must lie on the same grid (gis::Error otherwise); zones are in
// that grid's CRS, already prepared on it.
std::vector<ZonalStats> zonal_sums(const std::vector<CoveragePolygon>& zones,
                                   const std::vector<const RasterBand*>& layers,
                                   const ZonalOptions& options = {});

}  // namespace tuowei::gis
