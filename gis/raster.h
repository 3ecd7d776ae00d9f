// A raster band read as a stream of full-width row strips. Nothing here
// holds more than the strip the caller asks for.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "gis/grid.h"

class GDALDataset;
class OGRSpatialReference;

namespace tuowei::gis {

class RasterBand {
 public:
  // Opens band `band` (1-based) of any GDAL raster. Throws gis::Error naming
  // the file when it cannot be opened or has no such band.
  static RasterBand open(const std::string& path, int band = 1);

  const std::string& path() const { return path_; }
  int band() const { return band_; }
  const Grid& grid() const { return grid_; }
  std::optional<double> nodata() const { return nodata_; }
  // The raster's CRS as WKT ("" when the file has none).
  const std::string& crs_wkt() const { return crs_wkt_; }
  // Natural block height: strips should be a multiple of it.
  int block_rows() const { return block_rows_; }
  int block_cols() const { return block_cols_; }

  // Reads rows [row0, row0 + nrows), all columns, as doubles into `out`
  // (nrows * grid().cols values). Throws gis::Error on I/O failure.
  void read_rows(int row0, int nrows, double* out) const;
  // The same as floats: exact when fits_float() (half the memory traffic).
  void read_rows(int row0, int nrows, float* out) const;
  // Whether every value of the band's type is a float: Byte, (U)Int16, Float32.
  bool fits_float() const { return fits_float_; }
  // The band's data type as GDAL names it ("Int16", "Float32"...), and
  // whether its nodata value can be stored in that type (-99999 in an Int16
  // band cannot: no cell holds it, and the file's fill is some other value).
  const std::string& type_name() const { return type_name_; }
  bool nodata_fits_type() const { return nodata_fits_type_; }

  // True when v is this band's nodata value or NaN.
  bool is_nodata(double v) const { return v != v || (nodata_ && v == *nodata_); }

 private:
  std::shared_ptr<GDALDataset> dataset_;
  std::string path_;
  int band_ = 1;
  Grid grid_;
  std::optional<double> nodata_;
  std::string crs_wkt_;
  int block_rows_ = 1, block_cols_ = 1;
  bool fits_float_ = false;
  std::string type_name_;
  bool nodata_fits_type_ = true;
};

}  // namespace tuowei::gis
