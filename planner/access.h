// Catchments, accessibility (2SFCA family) and service deserts, at the
// resolution of the population grid (or of townships). Formulas and sources:
// docs/methods.md, "Catchments, accessibility and deserts".
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include <ogr_geometry.h>

#include "gis/distance_decay.h"
#include "planner/population.h"
#include "planner/problems.h"
#include "planner/project.h"
#include "planner/study_area.h"

namespace tuowei::planner {

struct TownshipAccess {
  double children_covered = 0.0;            // under-3s within at least one catchment
  double children_covered_inclusive = 0.0;  // ... of an inclusive (普惠) facility
  double access_2sfca = NAN;                // demand-weighted mean A_i, unserved children counting 0
  double children_with_access = 0.0;        // under-3s whose A_i has a value
  double children_in_deserts = 0.0;
  double desert_area_km2 = 0.0;
};

struct Catchment {
  int facility = -1;                // index into StudyArea::facilities
  double supply = 0.0;              // S_j: places (or inclusive places)
  double weighted_demand = 0.0;     // Σ P_k f(c_kj): under-3s in the catchment
  double places_per_child = NAN;    // R_j
  OGRGeometryUniquePtr geometry;    // the catchment circle in WGS84 (null with a cost table)
};

struct DesertArea {
  OGRGeometryUniquePtr geometry;  // WGS84
  double children_0_3 = 0.0;
  double area_km2 = 0.0;
  int township = -1;  // the township holding most of it
};

struct AccessResult {
  gis::DistanceDecay decay;
  std::string demand;  // "cells" or "townships"
  std::string supply;  // "places" or "inclusive_places"
  bool cost_table = false;
  std::vector<TownshipAccess> townships;
  std::vector<Catchment> catchments;
  std::vector<DesertArea> deserts;
  double demand_total = 0.0;        // Σ P_i over demand units
  double demand_times_access = 0.0;  // Σ P_i A_i
  double supply_reached = 0.0;      // Σ S_j with demand in reach (equals the line above)
  double mean_access = NAN;         // Σ P_i A_i / Σ P_i, unserved children counting 0
  std::vector<std::filesystem::path> rasters;  // coverage.tif, access.tif, deserts.tif
};

struct AccessOptions {
  std::filesystem::path raster_dir;  // where the GeoTIFFs go ("" = none are kept)
  std::function<void(const std::string&, double)> progress;
};

// Validates the [access] settings against the study area; adds problems.
void check_access(const Project& project, const StudyArea& area, Problems& problems);

// Throws InputError for unusable settings (no facility, bad cost table...).
AccessResult compute_access(const Project& project, const StudyArea& area,
                            const std::vector<TownshipPopulation>& population, const AccessOptions& options,
                            Problems& problems);

}  // namespace tuowei::planner
