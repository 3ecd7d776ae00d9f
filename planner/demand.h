// The population the analyses need, from one streamed pass over the
// project's rasters (docs/methods.md, "Population per township"): residents
// and children under 3 per township by exact zonal sums, and the populated
// cells of the under-3 grid, each with its exact shares of the townships.
// Catchments, deserts, siting and what-if read these cells; nothing reads
// the rasters again.
#pragma once

#include <cmath>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "gis/cell_points.h"
#include "gis/coverage.h"
#include "gis/crs.h"
#include "gis/street_network.h"
#include "planner/problems.h"
#include "planner/project.h"

namespace tuowei::planner {

struct Township;

// Where a township's figure comes from.
enum class PopulationSource {
  grid,      // the rasters' exact zonal sum (carried from the grid's year)
  official,  // the official table's count
  ages,      // the table's children aged 0 + 1 + 2
  births,    // the table's births, each cohort times its survival
};
const char* name(PopulationSource source);

struct TownshipPopulation {
  double residents = 0.0;     // all ages
  double children_0_3 = 0.0;  // weighted sum of the under-3 layers, or official (projection.h)
  // Share of the township's area where the population rasters hold a value
  // (a residents layer; on a grid of under-3 layers alone, one of those),
  // the smallest over the rasters' grids.
  double data_share = 1.0;
  PopulationSource residents_source = PopulationSource::grid;
  PopulationSource children_source = PopulationSource::grid;
  // The rasters' own sums (at the grid's year), and the official figures
  // over the grid's at the table's year (NaN where none is official).
  double grid_residents = NAN, grid_children_0_3 = NAN;
  double residents_vs_grid = NAN, children_vs_grid = NAN;
};

// How much of a cell lies in a township.
struct TownshipShare {
  int township = -1;
  double fraction = 0.0;  // 0 < fraction <= 1
};

// Walking on streets ([access] network, docs/methods.md 6.7): the street
// network around the study area and the populated cells snapped to it,
// loaded once with the study.
struct WalkingNetwork {
  gis::StreetNetwork streets;
  gis::SnappedTargets cells;  // in cell order
  double max_snap_m = 200.0;
  std::string source;   // the file, for messages
  long long id = 0;     // unique per load: per-thread searches are kept by it
};

// The populated cells (children under 3 > 0) of the under-3 grid. The cells'
// positions, grid and area shares (the layout) are shared by the copies
// scaled to other years' figures (scaled_demand()).
class DemandCells {
 public:
  bool empty() const { return children_.empty(); }
  size_t size() const { return children_.size(); }
  // Whether the cells' grid is known (the cells were asked for and there is
  // one under-3 grid), even if no cell is populated.
  bool has_grid() const { return layout_ != nullptr; }
  // Positions (metric), grid, rows and radius queries.
  const gis::CellPoints& points() const { return layout_->points; }
  double children(size_t i) const { return children_[i]; }
  const std::vector<double>& children() const { return children_; }
  // The townships holding cell i's children, by township index, with the
  // share of its children in each: its area shares on the grid as read
  // (children spread evenly over a cell), different after scaling
  // townships by different factors. The shares add up to 1 where the
  // townships cover the whole cell.
  std::span<const TownshipShare> shares(size_t i) const {
    const std::vector<TownshipShare>& s = children_shares_ ? *children_shares_ : layout_->shares;
    return {s.data() + layout_->share_start[i], s.data() + layout_->share_start[i + 1]};
  }
  // The township holding the largest part of cell i's area (lowest index
  // on a tie), -1 when none covers it.
  int main_township(size_t i) const;
  // The cells whose main township is t, in index order.
  std::span<const size_t> cells_of(int township) const {
    if (!layout_ || layout_->by_township_start.empty()) return {};
    return {layout_->by_township.data() + layout_->by_township_start[size_t(township)],
            layout_->by_township.data() + layout_->by_township_start[size_t(township) + 1]};
  }
  const gis::Crs& grid_crs() const { return layout_->grid_crs; }
  const std::string& grid_wkt() const { return layout_->grid_wkt; }

  // The cells within `radius` of (x, y) (metric), as (cell, metres) in cell
  // order: walking on the streets when the study has a network (a point
  // beyond its snap distance reaches nothing), else straight-line. What
  // every catchment, siting reach and what-if edit asks.
  void within(double x, double y, double radius, std::vector<gis::Neighbour>& out) const;
  // The walking network the cells are snapped to (null: straight lines).
  const WalkingNetwork* walking() const { return layout_ ? layout_->walking.get() : nullptr; }
  // Snaps the cells to `network` (shared with every copy of the layout).
  void set_walking(std::shared_ptr<const WalkingNetwork> network) { layout_->walking = std::move(network); }

 private:
  friend class DemandReader;
  friend struct Scaler;
  struct Layout {
    gis::CellPoints points;
    std::vector<size_t> share_start{0};
    std::vector<TownshipShare> shares;  // area shares
    std::vector<size_t> by_township_start, by_township;
    gis::Crs grid_crs;
    std::string grid_wkt;
    std::shared_ptr<const WalkingNetwork> walking;
    int main_township(size_t i) const;
    void group_by_township(size_t townships);
  };
  std::shared_ptr<Layout> layout_;
  std::vector<double> children_;
  // Shares of the cells' children, when they differ from the area shares.
  std::shared_ptr<const std::vector<TownshipShare>> children_shares_;
};

struct Demand {
  int year = 0;  // the end of the year the figures describe (0 = not stated)
  std::vector<TownshipPopulation> townships;
  DemandCells cells;  // empty when not asked for, or not available (see below)
  // Why there are no cells although they were asked for (empty when there
  // are): e.g. the under-3 rasters are not on one grid.
  gis::Text cells_unavailable;
  int raster_layers = 0;  // distinct (file, band) pairs read
  // Warnings about these figures (a township's official under-3s spread
  // evenly, a grid carried over years with no trend known...).
  Problems problems;
};

// `grid` with each township's figures replaced by `figures` (the dasymetric
// step, docs/methods.md "Official counts"): every cell's under-3s in
// township t are scaled by figures[t] / the cells' sum in t (a cell split by
// a boundary part by part), so the cells of each township add up to its
// figure; the parts outside every township by the study's overall factor.
// A township with under-3s but no populated cell gets them spread over its
// area, in proportion to the area of its part of each cell, with a warning.
Demand scaled_demand(const Demand& grid, std::vector<TownshipPopulation> figures, int year,
                     const std::vector<Township>& townships, const gis::Crs& township_crs);

// The townships prepared on a raster grid in `grid_crs` (densified and
// reprojected when the CRSs differ). Throws InputError when a township
// cannot be transformed.
std::vector<gis::CoveragePolygon> township_zones(const std::vector<Township>& townships,
                                                 const gis::Crs& township_crs, const gis::Grid& grid,
                                                 const gis::Crs& grid_crs);

// Checks that every raster opens, has a CRS and overlaps the townships; adds
// problems. Reads headers only. Returns the number of distinct layers.
int check_population_rasters(const PopulationConfig& config, const std::vector<Township>& townships,
                             Problems& problems, bool deep = false);

// The one pass: every raster grid streamed once, strip by strip (blocks
// decoded and zones summed on every core). With `cells`, also the populated
// cells in `metric`. Throws InputError when a raster is unusable; warns (in
// `problems`) about townships the rasters do not cover.
Demand read_demand(const PopulationConfig& config, const std::vector<Township>& townships,
                   const gis::Crs& township_crs, const gis::Crs& metric, bool cells, Problems& problems,
                   const std::function<void(double)>& progress = {});

}  // namespace tuowei::planner
