#include "gis/gdal_env.h"

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include <mutex>

#include "gis/error.h"
#include "gis/parallel.h"

namespace tuowei::gis {

void ensure_gdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (CPLGetConfigOption("GDAL_CACHEMAX", nullptr) == nullptr) {
      CPLSetConfigOption("GDAL_CACHEMAX", "64");
    }
    // Shapefiles without .cpg are decoded by tuowei itself (see vector.cpp).
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
  thread_count();  // sets GDAL_NUM_THREADS: GeoTIFF blocks are decoded and encoded on every core
}

std::string last_gdal_error() {
  const char* msg = CPLGetLastErrorMsg();
  return msg ? std::string(msg) : std::string();
}

}  // namespace tuowei::gis
