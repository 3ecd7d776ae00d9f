// Service-desert polygons a planner can read: per township, the connected
// patches of desert cells (4-neighbours) merged into one multipolygon, with
// the patches too small to matter counted instead of drawn. Built from the
// cells' desert flags (access.cpp decides which cells are deserts) with
// GDAL's polygonize on an in-memory raster of the township's window, so a
// what-if edit redraws only the townships it touched.
#pragma once

#include <ogr_geometry.h>

#include <vector>

#include "gis/crs.h"
#include "planner/project.h"
#include "planner/study.h"

namespace tuowei::planner {

// The desert patches of one township, merged: connected patches of desert
// cells (4-neighbours) drawn as one multipolygon; patches with fewer
// children or less area than [deserts] min_patch_children / min_patch_km2
// are counted, not drawn.
struct DesertArea {
  int township = -1;
  OGRGeometryUniquePtr geometry;  // WGS84 MultiPolygon of the drawn patches; null when all are small
  double children_0_3 = 0.0;      // in the drawn patches (whole cells)
  double area_km2 = 0.0;          // of the drawn patches
  int patches = 0;                // drawn
  int small_patches = 0;          // counted only
  double small_patch_children = 0.0;
};

// The desert patches of township `township`, from the desert flags of
// `cells` (in their order). Patches are those of the cells whose
// main township it is; the children counted are whole cells'.
// `grid_to_wgs84` transforms from the population grid's CRS.
DesertArea desert_area(const DemandCells& cells, const std::vector<unsigned char>& desert,
                       const AccessConfig& settings, int township, const gis::CoordinateTransform& grid_to_wgs84);

// Most children first; by township on a tie.
void sort_deserts(std::vector<DesertArea>& deserts);

}  // namespace tuowei::planner
