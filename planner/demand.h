// The population the analyses need, from one streamed pass over the
// project's rasters (docs/methods.md, "Population per township"): residents
// and children under 3 per township by exact zonal sums, and the populated
// cells of the under-3 grid, each with its exact shares of the townships.
// Catchments, deserts, siting and what-if read these cells; nothing reads
// the rasters again.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "gis/cell_points.h"
#include "gis/coverage.h"
#include "gis/crs.h"
#include "planner/problems.h"
#include "planner/project.h"

namespace tuowei::planner {

struct Township;

struct TownshipPopulation {
  double residents = 0.0;     // all ages
  double children_0_3 = 0.0;  // weighted sum of the under-3 layers
  // Share of the township's area where the population rasters hold a value
  // (a residents layer; on a grid of under-3 layers alone, one of those),
  // the smallest over the rasters' grids.
  double data_share = 1.0;
};

// How much of a cell lies in a township.
struct TownshipShare {
  int township = -1;
  double fraction = 0.0;  // exact coverage, 0 < fraction <= 1
};

// The populated cells (children under 3 > 0) of the under-3 grid.
class DemandCells {
 public:
  bool empty() const { return children_.empty(); }
  size_t size() const { return children_.size(); }
  // Positions (metric), grid, rows and radius queries.
  const gis::CellPoints& points() const { return points_; }
  double children(size_t i) const { return children_[i]; }
  const std::vector<double>& children() const { return children_; }
  // The townships covering cell i, by township index; the fractions add up
  // to 1 where the townships cover the whole cell.
  std::span<const TownshipShare> shares(size_t i) const {
    return {shares_.data() + share_start_[i], shares_.data() + share_start_[i + 1]};
  }
  // The township holding the largest part of cell i (lowest index on a
  // tie), -1 when none covers it.
  int main_township(size_t i) const;
  // The cells whose main township is t, in index order.
  std::span<const size_t> cells_of(int township) const {
    if (by_township_start_.empty()) return {};
    return {by_township_.data() + by_township_start_[size_t(township)],
            by_township_.data() + by_township_start_[size_t(township) + 1]};
  }
  const gis::Crs& grid_crs() const { return grid_crs_; }
  const std::string& grid_wkt() const { return grid_wkt_; }

 private:
  friend class DemandReader;
  gis::CellPoints points_;
  std::vector<double> children_;
  std::vector<size_t> share_start_{0};
  std::vector<TownshipShare> shares_;
  std::vector<size_t> by_township_start_, by_township_;
  gis::Crs grid_crs_;
  std::string grid_wkt_;
};

struct Demand {
  std::vector<TownshipPopulation> townships;
  DemandCells cells;  // empty when not asked for, or not available (see below)
  // Why there are no cells although they were asked for ("" when there are):
  // e.g. the under-3 rasters are not on one grid.
  std::string cells_unavailable;
  int raster_layers = 0;  // distinct (file, band) pairs read
};

// The townships prepared on a raster grid in `grid_crs` (densified and
// reprojected when the CRSs differ). Throws InputError when a township
// cannot be transformed.
std::vector<gis::CoveragePolygon> township_zones(const std::vector<Township>& townships,
                                                 const gis::Crs& township_crs, const gis::Grid& grid,
                                                 const gis::Crs& grid_crs);

// Checks that every raster opens, has a CRS and overlaps the townships; adds
// problems. Reads headers only. Returns the number of distinct layers.
int check_population_rasters(const PopulationConfig& config, const std::vector<Township>& townships,
                             Problems& problems);

// The one pass: every raster grid streamed once, strip by strip (blocks
// decoded and zones summed on every core). With `cells`, also the populated
// cells in `metric`. Throws InputError when a raster is unusable; warns (in
// `problems`) about townships the rasters do not cover.
Demand read_demand(const PopulationConfig& config, const std::vector<Township>& townships,
                   const gis::Crs& township_crs, const gis::Crs& metric, bool cells, Problems& problems,
                   const std::function<void(double)>& progress = {});

}  // namespace tuowei::planner
