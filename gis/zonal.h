// Exact zonal sums: for each zone and each raster layer, the sum of cell
// values weighted by the exact share of each cell inside the zone.
//
// The raster is streamed once, top to bottom, in strips of whole block rows
// (the "raster-sequential" strategy): each block is read once, and memory is
// bounded by the strip size, not by the raster or the zones.
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

// Accumulates zonal statistics from strips of values that the caller
// produces (read from rasters or computed on the fly). NaN = no value.
class ZonalAccumulator {
 public:
  // Borrows `zones`; they must outlive the accumulator.
  ZonalAccumulator(const std::vector<CoveragePolygon>& zones, const Grid& grid, size_t layers);
  // values[l]: nrows * grid.cols values of layer l for rows [row0, row0 + nrows).
  void add_strip(int row0, int nrows, const std::vector<const double*>& values);
  const std::vector<ZonalStats>& stats() const { return stats_; }

 private:
  const std::vector<CoveragePolygon>& zones_;
  Grid grid_;
  std::vector<ZonalStats> stats_;
  std::vector<double> cov_;
};

// All layers must lie on the same grid (gis::Error otherwise); zones are in
// that grid's CRS, already prepared on it.
std::vector<ZonalStats> zonal_sums(const std::vector<CoveragePolygon>& zones,
                                   const std::vector<const RasterBand*>& layers,
                                   const ZonalOptions& options = {});

}  // namespace tuowei::gis
