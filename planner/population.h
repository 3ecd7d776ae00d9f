// Residents and children under 3 per township: exact zonal sums of the
// project's population rasters (docs/methods.md, "Population per township").
#pragma once

#include <functional>
#include <vector>

#include "gis/coverage.h"
#include "gis/crs.h"
#include "planner/problems.h"
#include "planner/project.h"
#include "planner/study_area.h"

namespace tuowei::planner {

struct TownshipPopulation {
  double residents = 0.0;     // all ages
  double children_0_3 = 0.0;  // weighted sum of the under-3 layers
  double data_share = 1.0;    // share of the township's area with population data (min over layers)
};

// The townships prepared on a raster grid in `grid_crs` (densified and
// reprojected when the CRSs differ). Throws InputError when a township
// cannot be transformed.
std::vector<gis::CoveragePolygon> township_zones(const StudyArea& area, const gis::Grid& grid,
                                                 const gis::Crs& grid_crs);

// Checks that every raster opens, has a CRS and lines up with the others of
// its group; adds problems. Cheap: reads headers only.
void check_population_rasters(const PopulationConfig& config, const StudyArea& area, Problems& problems);

// One streamed pass per raster grid. Throws InputError when a raster is
// unusable; warns (in `problems`) about townships the rasters don't cover.
std::vector<TownshipPopulation> township_population(const PopulationConfig& config, const StudyArea& area,
                                                    Problems& problems,
                                                    const std::function<void(double)>& progress = {});

}  // namespace tuowei::planner
