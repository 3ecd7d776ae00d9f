// The under-3 population grid as demand: read strip by strip, with the
// metric coordinates of populated cells' centres. Shared by access and siting.
#pragma once

#include <vector>

#include "gis/crs.h"
#include "gis/raster.h"
#include "planner/project.h"

namespace tuowei::planner {

struct ChildrenLayers {
  std::vector<gis::RasterBand> bands;
  std::vector<double> weights;
  gis::Grid grid;
  gis::Crs crs;
};

// Opens [population]'s under-3 rasters; throws gis::Error when they are not
// on one grid.
ChildrenLayers open_children(const Project& project);

// Streams the under-3 grid strip by strip: children per cell (NaN = no
// data) and the metric coordinates of populated cells' centres.
class CellStream {
 public:
  CellStream(const ChildrenLayers& layers, const gis::Crs& metric);
  int strips() const { return strips_; }
  int strip_rows() const { return strip_rows_; }

  struct Strip {
    int row0 = 0, rows = 0;
    std::vector<double> children;  // rows * cols
    std::vector<int> populated;    // cell offsets within the strip with children > 0
    std::vector<double> x, y;      // metric centres of the populated cells
  };
  void read(int strip, Strip& out);
  // Area of a cell of row r in km² (cells of a geographic grid shrink northwards).
  double cell_area_km2(int row);

 private:
  const ChildrenLayers& layers_;
  gis::CoordinateTransform to_metric_;
  int strip_rows_ = 256, strips_ = 0;
  std::vector<double> buf_;
};

}  // namespace tuowei::planner
