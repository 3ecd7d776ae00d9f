// One-time GDAL/OGR set-up shared by every entry point.
#pragma once

namespace tuowei::gis {

// Registers drivers, keeps GDAL's block cache small (rasters are streamed,
// so a large cache only costs memory) unless GDAL_CACHEMAX is set, and
// routes GDAL's own messages away from the terminal: errors surface as
// gis::Error with last_gdal_error(); GeoTIFFs are decoded and compressed on
// gis::thread_count() threads. Safe to call many times.
void ensure_gdal();

}  // namespace tuowei::gis
