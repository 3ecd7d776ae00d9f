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

// All layers must lie on the same grid (gis::Error otherwise); zones are in
// that grid's CRS, already prepared on it.
std::vector<ZonalStats> zonal_sums(const std::vector<CoveragePolygon>& zones,
                                   const std::vector<const RasterBand*>& layers,
                                   const ZonalOptions& options = {});

}  // namespace tuowei::gis
