// The cells of a mask as polygons, with GDAL's polygonize.
#pragma once

#include <ogr_geometry.h>

#include <vector>

#include "gis/grid.h"

namespace tuowei::gis {

// The 4-connected regions of cells flagged non-zero in `mask` (cols x rows,
// row-major, the window of `grid` from (col0, row0)) as one MultiPolygon in
// the grid's coordinates: each region a polygon, with holes where it
// encloses unflagged cells. GDALPolygonize does the tracing; the polygons
// are taken from it as it makes them, not copied through a layer.
OGRGeometryUniquePtr polygonize(const std::vector<unsigned char>& mask, int cols, int rows, const Grid& grid,
                                int col0, int row0);

}  // namespace tuowei::gis
