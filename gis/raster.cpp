#include "gis/raster.h"

#include <fmt/format.h>
#include <gdal_priv.h>

#include <cmath>

#include "gis/error.h"
#include "gis/gdal_env.h"

namespace tuowei::gis {

RasterBand RasterBand::open(const std::string& path, int band) {
  ensure_gdal();
  RasterBand r;
  r.path_ = path;
  r.band_ = band;
  GDALDataset* ds = GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY);
  if (!ds) {
    throw Error(say("{}: cannot open as a raster ({}); check the path and that it is a "
                    "GeoTIFF or another GDAL raster format",
                    path, last_gdal_error()));
  }
  r.dataset_ = std::shared_ptr<GDALDataset>(GDALDatasetUniquePtr(ds));
  if (band < 1 || band > ds->GetRasterCount()) {
    throw Error(say("{}: has {} band(s), band {} was asked for", path, ds->GetRasterCount(), band));
  }
  std::array<double, 6> gt{};
  if (ds->GetGeoTransform(gt.data()) != CE_None) {
    throw Error(say("{}: has no georeferencing (geotransform); it cannot be placed on the map", path));
  }
  try {
    r.grid_ = Grid::from_geotransform(gt, ds->GetRasterXSize(), ds->GetRasterYSize());
  } catch (const Error& e) {
    throw Error(say("{}: {}", path, e.text()));
  }
  GDALRasterBand* b = ds->GetRasterBand(band);
  int has_nodata = 0;
  double nd = b->GetNoDataValue(&has_nodata);
  if (has_nodata) r.nodata_ = nd;
  b->GetBlockSize(&r.block_cols_, &r.block_rows_);
  const GDALDataType type = b->GetRasterDataType();
  r.fits_float_ = type == GDT_Byte || type == GDT_UInt16 || type == GDT_Int16 || type == GDT_Float32;
  r.type_name_ = GDALGetDataTypeName(type);
  if (has_nodata && std::isfinite(nd)) {
    int clamped = 0, rounded = 0;
    GDALAdjustValueToDataType(type, nd, &clamped, &rounded);
    r.nodata_fits_type_ = !clamped && !rounded;
  }
  if (const OGRSpatialReference* srs = ds->GetSpatialRef()) {
    char* wkt = nullptr;
    if (srs->exportToWkt(&wkt) == OGRERR_NONE && wkt) r.crs_wkt_ = wkt;
    CPLFree(wkt);
  }
  return r;
}

namespace {

void read(GDALDataset& ds, int band, const std::string& path, const Grid& grid, int row0, int nrows, void* out,
          GDALDataType type) {
  GDALRasterBand* b = ds.GetRasterBand(band);
  CPLErr err = b->RasterIO(GF_Read, 0, row0, grid.cols, nrows, out, grid.cols, nrows, type, 0, 0, nullptr);
  if (err != CE_None) {
    throw Error(say("{}: read error at rows {}-{} ({}); the file may be truncated or corrupt", path, row0,
                    row0 + nrows - 1, last_gdal_error()));
  }
}

}  // namespace

void RasterBand::read_rows(int row0, int nrows, double* out) const {
  read(*dataset_, band_, path_, grid_, row0, nrows, out, GDT_Float64);
}

void RasterBand::read_rows(int row0, int nrows, float* out) const {
  read(*dataset_, band_, path_, grid_, row0, nrows, out, GDT_Float32);
}

}  // namespace tuowei::gis
