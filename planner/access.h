// Catchments, accessibility (2SFCA family) and service deserts, at the
// resolution of the population grid (the study's populated cells) or of
// townships. Formulas and sources: docs/methods.md, "Catchments,
// accessibility and deserts"; the supply and desert rules: access_rules.h.
#pragma once

#include <ogr_geometry.h>

#include <cmath>
#include <string>
#include <vector>

#include "gis/distance_decay.h"
#include "gis/point_index.h"
#include "planner/access_rules.h"
#include "planner/deserts.h"
#include "planner/facilities.h"
#include "planner/problems.h"
#include "planner/project.h"
#include "planner/study.h"

namespace tuowei::planner {

struct TownshipAccess {
  double children = 0.0;                    // under-3s of the demand units in it (exact shares of cells)
  double children_covered = 0.0;            // ... within at least one catchment
  double children_covered_inclusive = 0.0;  // ... of an inclusive (普惠) facility
  double children_times_access = 0.0;       // Σ P_i A_i, unserved children counting 0
  double children_with_access = 0.0;        // under-3s whose A_i has a value
  double children_in_deserts = 0.0;
  double desert_area_km2 = 0.0;
  // Demand-weighted mean A_i, unserved children counting 0; NaN without children.
  double access_2sfca() const { return children > 0 ? children_times_access / children : NAN; }
};

struct Catchment {
  int facility = -1;              // index into the FacilitySet
  double supply = 0.0;            // S_j: places (or inclusive places)
  double weighted_demand = 0.0;   // Σ P_k f(c_kj): under-3s in the catchment
  double places_per_child = NAN;  // R_j
  OGRGeometryUniquePtr geometry;  // the catchment circle in WGS84 (null with a cost table)
};

// Per populated cell of the study (DemandCells order): what the analysis
// found there. Kept for the rasters, the map and incremental what-if edits.
struct CellAccess {
  std::vector<double> access;            // A_i; NaN when no supply reaches the cell
  std::vector<int> reached_by;           // facilities whose catchment holds the cell
  std::vector<int> reached_by_inclusive;  // ... of them inclusive
  std::vector<int> supplied_by;          // ... of them adding to A_i
  std::vector<unsigned char> desert;
};

struct AccessResult {
  AccessConfig settings;
  gis::DistanceDecay decay;
  std::vector<TownshipAccess> townships;
  std::vector<Catchment> catchments;  // one per facility, same order
  std::vector<DesertArea> deserts;    // townships with deserts, most children first
  CellAccess cells;                   // demand = cells only
  double demand_total = 0.0;          // Σ P_i over demand units
  double demand_times_access = 0.0;   // Σ P_i A_i
  double supply_reached = 0.0;        // Σ S_j with demand in reach (equals the line above)
  double mean_access = NAN;           // Σ P_i A_i / Σ P_i, unserved children counting 0
  Problems problems;                  // warnings of the analysis
  bool cost_table() const { return !settings.cost_table.empty(); }
};

struct AccessOptions {
  Progress progress;
  // Draw the desert polygons (AccessResult::deserts). The cells' desert
  // flags and the townships' desert children and area are computed either way.
  bool desert_polygons = true;
};

// A deep copy (geometries cloned): to start an "after" state from.
AccessResult copy_of(const AccessResult& access);

// The distance decay an [access] section describes. Throws gis::Error.
gis::DistanceDecay make_decay(const AccessConfig& settings);

// Checks [access] settings against the facilities; adds problems.
void check_access_settings(const AccessConfig& settings, const std::vector<Facility>& facilities,
                           Problems& problems);

// The whole analysis for `facilities` on their study. Throws InputError for
// unusable settings (no facility, a bad cost table, no cells...).
AccessResult compute_access(const FacilitySet& facilities, const AccessConfig& settings,
                            const AccessOptions& options = {});

// Before catchments are built from `sources` points (facilities, candidate
// sites) at `radius_m`: the cell-source pairs they would hold, estimated from
// the cells' density over their extent. Above `max_pairs` ([access]
// max_pairs) throws InputError naming the radius, the memory it would take
// and the likely slip (kilometres typed as metres).
void check_catchment_size(const DemandCells& cells, size_t sources, double radius_m, double max_pairs,
                          const gis::Text& what);

// The populated cells within facility f's catchment (straight-line, radius
// decay.threshold), as (cell, metres) in cell order: what the batch run and
// a what-if edit both scan. Not for cost tables.
void cells_in_reach(const DemandCells& cells, const Facility& f, const gis::DistanceDecay& decay,
                    std::vector<gis::Neighbour>& out);

// Adds (sign +1) or takes away (-1) one cell's coverage, accessibility and
// desert state in the township columns, by its exact township shares (not
// its children, which do not change).
void add_cell_to_townships(const DemandCells& cells, size_t i, const CellAccess& state, double sign,
                           std::vector<TownshipAccess>& townships);

// A catchment circle around a facility, in WGS84.
OGRGeometryUniquePtr catchment_circle(const Facility& f, double radius_m, const gis::CoordinateTransform& metric_to_wgs84);
// A catchment as drawn, in WGS84: the outline of the cells reached on foot
// when the cells are on a walking network, else the circle.
OGRGeometryUniquePtr catchment_shape(const DemandCells& cells, const Facility& f, double radius_m,
                                     const gis::CoordinateTransform& metric_to_wgs84);

}  // namespace tuowei::planner
