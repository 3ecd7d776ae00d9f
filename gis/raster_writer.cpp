#include "gis/raster_writer.h"

#include <fmt/format.h>
#include <gdal_priv.h>

#include "gis/error.h"
#include "gis/gdal_env.h"
#include "gis/parallel.h"

namespace tuowei::gis {

RasterWriter::RasterWriter(const std::filesystem::path& file, const Grid& grid, const std::string& crs_wkt, Type type,
                           double nodata, const std::string& description)
    : file_(file), grid_(grid) {
  ensure_gdal();
  GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
  CPLStringList opts;
  opts.SetNameValue("TILED", "YES");
  opts.SetNameValue("BLOCKXSIZE", "256");
  opts.SetNameValue("BLOCKYSIZE", "256");
  opts.SetNameValue("COMPRESS", "DEFLATE");
  opts.SetNameValue("BIGTIFF", "IF_SAFER");
  opts.SetNameValue("NUM_THREADS", std::to_string(thread_count()).c_str());  // tiles compressed on every core
  GDALDataset* ds = drv->Create(file_.temp_path().c_str(), grid.cols, grid.rows, 1,
                                type == Type::byte ? GDT_Byte : type == Type::int32 ? GDT_Int32 : GDT_Float32,
                                opts.List());
  if (!ds) throw Error(say("{}: cannot create ({})", file.string(), last_gdal_error()));
  ds_.reset(ds);
  auto gt = grid.geotransform();
  ds->SetGeoTransform(gt.data());
  if (!crs_wkt.empty()) ds->SetProjection(crs_wkt.c_str());
  GDALRasterBand* b = ds->GetRasterBand(1);
  b->SetNoDataValue(nodata);
  if (!description.empty()) b->SetDescription(description.c_str());
}

RasterWriter::~RasterWriter() = default;

void RasterWriter::write_rows(int row0, int nrows, const double* values) {
  GDALRasterBand* b = ds_->GetRasterBand(1);
  if (b->RasterIO(GF_Write, 0, row0, grid_.cols, nrows, const_cast<double*>(values), grid_.cols, nrows, GDT_Float64,
                  0, 0, nullptr) != CE_None) {
    throw Error(say("{}: write error ({}); is the disk full?", file_.final_path().string(), last_gdal_error()));
  }
}

void RasterWriter::commit() {
  if (ds_) {
    ds_->FlushCache();
    ds_.reset();
  }
  file_.commit();
}

}  // namespace tuowei::gis
