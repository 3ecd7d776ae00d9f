// Writing a single-band GeoTIFF strip by strip, on a given grid, under a
// temporary name until commit().
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <gdal_priv.h>

#include "gis/atomic_file.h"
#include "gis/grid.h"


namespace tuowei::gis {

class RasterWriter {
 public:
  enum class Type { byte, int32, float32 };
  // Tiled (256 x 256), DEFLATE-compressed GeoTIFF with the grid's
  // geotransform, `crs_wkt` and `nodata`.
  RasterWriter(const std::filesystem::path& file, const Grid& grid, const std::string& crs_wkt, Type type,
               double nodata, const std::string& description = {});
  ~RasterWriter();
  RasterWriter(const RasterWriter&) = delete;
  RasterWriter& operator=(const RasterWriter&) = delete;

  // Rows [row0, row0 + nrows), all columns.
  void write_rows(int row0, int nrows, const double* values);
  // Closes the file and renames it into place.
  void commit();
  const std::filesystem::path& path() const { return file_.final_path(); }

 private:
  AtomicFile file_;
  GDALDatasetUniquePtr ds_;
  Grid grid_;
};

}  // namespace tuowei::gis
